package qdrift.drift;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.git.DriftPullRequest;
import qdrift.git.GitHubClient;
import qdrift.git.GitHubRepo;
import qdrift.git.GitToken;
import qdrift.git.GitWorkspace;
import qdrift.report.DriftReport;
import qdrift.report.FileText;
import qdrift.report.MarkdownReport;
import qdrift.report.PullRequestRef;

/** --open-pr and its settings: commit the drifted snapshot on a branch, push it, open or update one pull request. */
public class PullRequestOptions {
    @Option(names = "--open-pr", description = "On drift, push the snapshot to a branch and open (or update) a GitHub pull request.")
    boolean openPr;

    @Option(names = "--pr-branch-prefix", paramLabel = "PREFIX", defaultValue = DriftPullRequest.DEFAULT_PREFIX,
            description = "Branch prefix of drift pull requests (default ${DEFAULT-VALUE}).")
    String branchPrefix;

    @Option(names = "--github-api-url", paramLabel = "URL", defaultValue = GitHubClient.DEFAULT_BASE_URL,
            description = "GitHub API base URL; GitHub Enterprise: https://HOST/api/v3 (default ${DEFAULT-VALUE}).")
    String githubApiUrl;

    @Option(names = "--github-repo", paramLabel = "OWNER/NAME", description = "Repository of the pull request (default: from the remote URL).")
    String githubRepo;

    @Option(names = "--git-token-file", paramLabel = "FILE", description = "Token for the push and the GitHub API (default: env GIT_TOKEN).")
    Path gitTokenFile;

    public boolean enabled() {
        return openPr;
    }

    /** The token for pulls and pushes, if any: from --git-token-file, else GIT_TOKEN. */
    public Optional<GitToken> token() {
        return GitToken.resolve(Optional.ofNullable(gitTokenFile), System.getenv());
    }

    /** The step drift runs while it still holds the lock, once it knows there is drift. */
    public DriftCheck.SnapshotConsumer step(Duration timeout, Clock clock, Log log) {
        GitToken token = token().orElseThrow(() -> new Failure(ExitCode.USAGE,
                "--open-pr needs a token to push and call GitHub: set GIT_TOKEN or pass --git-token-file"));
        return (GitWorkspace workspace, Path snapshot, DriftReport report, List<FileText> texts) -> {
            GitHubRepo repo = githubRepo != null ? GitHubRepo.parse(githubRepo) : repoFromRemote(workspace);
            DriftPullRequest pr = new DriftPullRequest(workspace, new GitHubClient(githubApiUrl, token, timeout), repo,
                    token, branchPrefix, clock, log);
            String title = "Qualytics drift detected: " + report.changes().size() + " changed resources";
            return pr.submit(snapshot, title, MarkdownReport.render(report, texts));
        };
    }

    private static GitHubRepo repoFromRemote(GitWorkspace workspace) {
        String url = workspace.remoteUrl();
        if (url == null) {
            throw new Failure(ExitCode.GIT, "--open-pr needs a remote to push to: add one (git remote add origin ...) or drop --open-pr");
        }
        return GitHubRepo.fromRemoteUrl(url);
    }
}
