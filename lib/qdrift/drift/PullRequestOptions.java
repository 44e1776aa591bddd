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
import qdrift.export.Shard;
import qdrift.git.DriftPullRequest;
import qdrift.git.Forge;
import qdrift.git.GitHubClient;
import qdrift.git.GitHubRepo;
import qdrift.git.GitLabClient;
import qdrift.git.GitLabProject;
import qdrift.git.GitToken;
import qdrift.git.GitWorkspace;
import qdrift.report.DriftReport;
import qdrift.report.FileText;
import qdrift.report.MarkdownReport;
import qdrift.report.PullRequestRef;

/** --open-pr and its settings: commit the drifted snapshot on a branch, push it, open or update one pull request. */
public class PullRequestOptions {
    public static final String GITLAB_TOKEN = "GITLAB_TOKEN";

    @Option(names = "--open-pr", description = "On drift, push the snapshot to a branch and open (or update) a GitHub pull request or GitLab merge request.")
    boolean openPr;

    @Option(names = "--forge", paramLabel = "github|gitlab", description = "Where --open-pr proposes (default: gitlab when the remote's host name says so, else github).")
    String forge;

    @Option(names = "--gitlab-api-url", paramLabel = "URL", description = "GitLab API base URL (default: https://<the remote's host>/api/v4).")
    String gitlabApiUrl;

    @Option(names = "--gitlab-project", paramLabel = "GROUP/NAME", description = "GitLab project of the merge request, path or numeric id (default: from the remote URL).")
    String gitlabProject;

    @Option(names = "--pr-branch-prefix", paramLabel = "PREFIX", defaultValue = DriftPullRequest.DEFAULT_PREFIX,
            description = "Branch prefix of drift pull requests (default ${DEFAULT-VALUE}).")
    String branchPrefix;

    @Option(names = "--github-api-url", paramLabel = "URL", defaultValue = GitHubClient.DEFAULT_BASE_URL,
            description = "GitHub API base URL; GitHub Enterprise: https://HOST/api/v3 (default ${DEFAULT-VALUE}).")
    String githubApiUrl;

    @Option(names = "--github-repo", paramLabel = "OWNER/NAME", description = "Repository of the pull request (default: from the remote URL).")
    String githubRepo;

    @Option(names = "--git-token-file", paramLabel = "FILE", description = "Token for the push and the forge's API (default: env GIT_TOKEN; GitLab: GITLAB_TOKEN, then GIT_TOKEN).")
    Path gitTokenFile;

    public boolean enabled() {
        return openPr;
    }

    /** The token for pulls and pushes, if any: from --git-token-file, else GIT_TOKEN (GITLAB_TOKEN first for GitLab). */
    public Optional<GitToken> token() {
        return "gitlab".equalsIgnoreCase(forge) || gitlabApiUrl != null || gitlabProject != null
                ? GitToken.resolve(Optional.ofNullable(gitTokenFile), System.getenv(), GITLAB_TOKEN, GitToken.ENV)
                : GitToken.resolve(Optional.ofNullable(gitTokenFile), System.getenv(), GitToken.ENV, GITLAB_TOKEN);
    }

    /** The step drift runs while it still holds the lock, once it knows there is drift. */
    public DriftCheck.SnapshotConsumer step(Duration timeout, Clock clock, Log log) {
        return step(timeout, clock, log, null);
    }

    /**
     * As above; a shard proposes on its own branches (drift/shard-2-of-3/...), so that N shards keep N reviews side
     * by side instead of replacing each other's snapshot.
     */
    public DriftCheck.SnapshotConsumer step(Duration timeout, Clock clock, Log log, Shard shard) {
        if (forge != null && !forge.equalsIgnoreCase("github") && !forge.equalsIgnoreCase("gitlab")) {
            throw Failure.usage("--forge takes github or gitlab, not '" + forge + "'");
        }
        GitToken token = token().orElseThrow(() -> new Failure(ExitCode.USAGE,
                "--open-pr needs a token to push and call the forge: set GIT_TOKEN (GitLab: GITLAB_TOKEN) or pass --git-token-file"));
        String prefix = shard == null ? branchPrefix : branchPrefix + "shard-" + shard.index() + "-of-" + shard.count() + "/";
        return (GitWorkspace workspace, Path snapshot, DriftReport report, List<FileText> texts) -> {
            DriftPullRequest pr = new DriftPullRequest(workspace, forge(workspace, token, timeout), token, prefix, clock, log);
            String title = "Qualytics drift detected: " + report.changes().size() + " changed resources"
                    + (shard == null ? "" : " (shard " + shard + ")");
            return pr.submit(snapshot, title, MarkdownReport.render(report, texts));
        };
    }

    private Forge forge(GitWorkspace workspace, GitToken token, Duration timeout) {
        String remote = workspace.remoteUrl();
        boolean gitlab = forge != null ? forge.equalsIgnoreCase("gitlab")
                : gitlabApiUrl != null || gitlabProject != null || looksLikeGitLab(remote);
        if (gitlab) {
            if (remote == null && (gitlabProject == null || gitlabApiUrl == null)) {
                throw new Failure(ExitCode.GIT, "--open-pr needs a remote to push to: add one (git remote add origin ...) or drop --open-pr");
            }
            return new GitLabClient(GitLabProject.resolve(remote, gitlabProject, gitlabApiUrl), token, timeout);
        }
        GitHubRepo repo = githubRepo != null ? GitHubRepo.parse(githubRepo) : repoFromRemote(workspace);
        return new GitHubClient(githubApiUrl, token, timeout).forge(repo);
    }

    /** gitlab.com, gitlab.example.com, code.gitlab.acme.io: the host name says GitLab. */
    public static boolean looksLikeGitLab(String remoteUrl) {
        if (remoteUrl == null) {
            return false;
        }
        java.util.regex.Matcher host = java.util.regex.Pattern
                .compile("(?:[a-z][a-z0-9+.-]*://)?(?:[^@/]+@)?([^/:]+).*").matcher(remoteUrl.trim().toLowerCase(java.util.Locale.ROOT));
        return host.matches() && host.group(1).contains("gitlab");
    }

    private static GitHubRepo repoFromRemote(GitWorkspace workspace) {
        String url = workspace.remoteUrl();
        if (url == null) {
            throw new Failure(ExitCode.GIT, "--open-pr needs a remote to push to: add one (git remote add origin ...) or drop --open-pr");
        }
        return GitHubRepo.fromRemoteUrl(url);
    }
}
