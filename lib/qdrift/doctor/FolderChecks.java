package qdrift.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.export.ExportManifest;
import qdrift.git.GitToken;
import qdrift.git.GitWorkspace;
import qdrift.git.RemoteProbe;
import qdrift.model.WriteKeys;

/**
 * The export folder (its manifest: format version and host) and, with --repo, the git side: a work tree, a remote
 * that answers with the token drift pulls with, and, when --open-pr is meant, one that would take a push.
 */
final class FolderChecks {
    private FolderChecks() {
    }

    static List<Check> check(DoctorSettings settings, String host) {
        List<Check> checks = new ArrayList<>();
        Optional<Path> folder = settings.exportFolder();
        if (folder.isEmpty()) {
            checks.add(Check.skip("folder", "export folder", "no --repo or --folder given"));
            return checks;
        }
        checks.add(folder(folder.get(), host));
        if (settings.repo() == null) {
            return checks;
        }
        GitWorkspace workspace;
        try {
            workspace = GitWorkspace.open(settings.repo(), settings.path() == null ? "qualytics-config" : settings.path());
        } catch (Failure failure) {
            checks.add(Check.fail("git.repository", "git repository", ExitCode.GIT, failure.getMessage(),
                    "pass --repo a clone of the repository that holds the export (git clone ...), or git init one"));
            return checks;
        }
        try (workspace) {
            workspace.transportTimeout(settings.timeout());
            checks.add(Check.pass("git.repository", "git repository", workspace.workTree() + ", branch " + branchOf(workspace)));
            checks.addAll(remote(workspace, settings));
        }
        return checks;
    }

    private static Check folder(Path folder, String host) {
        String id = "folder";
        String title = "export folder";
        if (!Files.exists(folder)) {
            return Check.warn(id, title, folder + " does not exist yet", "the first export.java --folder " + folder + " creates it");
        }
        if (!Files.isDirectory(folder)) {
            return Check.fail(id, title, ExitCode.IO, folder + " is a file", "pass the export folder, not a file");
        }
        Optional<ExportManifest> manifest;
        try {
            manifest = ExportManifest.read(folder);
        } catch (Failure failure) {
            return Check.fail(id, title, ExitCode.IO, failure.getMessage(), "delete " + ExportManifest.FILE_NAME + " and export again");
        }
        if (manifest.isEmpty()) {
            if (isEmpty(folder)) {
                return Check.warn(id, title, folder + " is empty", "run export.java --folder " + folder + " once and commit it");
            }
            return Check.fail(id, title, ExitCode.IO, folder + " holds files but no " + ExportManifest.FILE_NAME
                    + ": export and drift refuse it", "pass the folder an export wrote, or export over it once with --force");
        }
        ExportManifest found = manifest.get();
        if (found.format() != WriteKeys.FORMAT) {
            return Check.fail(id, title, ExitCode.IO, folder + " holds export format " + found.format() + "; this version reads "
                    + WriteKeys.FORMAT, found.format() < WriteKeys.FORMAT ? "re-baseline once: export.java --folder " + folder
                    + " and commit the result" : "upgrade qualytics-drift");
        }
        if (host != null && !found.host().equalsIgnoreCase(host)) {
            return Check.fail(id, title, ExitCode.IO, folder + " holds the export of " + found.host() + ", not of " + host,
                    "pass the --url of " + found.host() + ", or the folder of " + host + "'s export");
        }
        return Check.pass(id, title, folder + ": format " + found.format() + ", " + found.datastores().size()
                + " datastore(s) of " + found.host());
    }

    private static List<Check> remote(GitWorkspace workspace, DoctorSettings settings) {
        List<Check> checks = new ArrayList<>();
        String remote = workspace.remoteName();
        String url = workspace.remoteUrl();
        if (url == null) {
            Check none = settings.openPr()
                    ? Check.fail("git.remote", "git remote", ExitCode.GIT, "no remote '" + remote + "': --open-pr has nowhere to push",
                    "git remote add origin https://github.com/OWNER/REPO.git")
                    : Check.warn("git.remote", "git remote", "no remote '" + remote + "': drift runs without pulling",
                    "git remote add origin ... to share the baseline");
            checks.add(none);
            return checks;
        }
        Optional<GitToken> token;
        try {
            token = settings.gitToken().get();
        } catch (Failure failure) {
            checks.add(Check.fail("git.remote", "git remote", ExitCode.GIT, failure.getMessage(), "fix GIT_TOKEN or --git-token-file"));
            return checks;
        }
        var credentials = token.map(GitToken::credentials);
        try {
            int refs = RemoteProbe.refs(workspace, remote, credentials);
            checks.add(Check.pass("git.remote", "git remote", remote + " (" + url + ") answers: " + refs + " refs"
                    + (token.isPresent() ? ", with the git token" : "")));
        } catch (Failure failure) {
            checks.add(Check.fail("git.remote", "git remote", ExitCode.GIT, remote + " (" + url + "): " + failure.getMessage(),
                    token.isPresent() ? "check the remote URL and that GIT_TOKEN may read the repository"
                            : "check the remote URL and network; a private https remote needs GIT_TOKEN"));
            return checks;
        }
        if (!settings.openPr()) {
            checks.add(Check.skip("git.push", "git push", "not checked: pass --open-pr if drift is to propose"));
            return checks;
        }
        if (token.isEmpty()) {
            checks.add(Check.fail("git.push", "git push", ExitCode.USAGE, "--open-pr needs a git token", "set GIT_TOKEN (GitLab: GITLAB_TOKEN) or pass --git-token-file"));
            return checks;
        }
        try {
            // a push authenticates as the forge wants it: GitLab takes a token as user oauth2
            String user = qdrift.drift.PullRequestOptions.looksLikeGitLab(url) ? "oauth2" : "x-access-token";
            RemoteProbe.push(workspace, remote, token.map(t -> t.credentials(user)));
            checks.add(Check.pass("git.push", "git push", remote + " would take a push with the git token (nothing was pushed)"));
        } catch (Failure failure) {
            checks.add(Check.fail("git.push", "git push", ExitCode.GIT, remote + " refuses a push: " + failure.getMessage(),
                    "give the token write access (GitHub: contents read and write, pull requests read and write; GitLab: Developer, api scope)"));
        }
        return checks;
    }

    private static String branchOf(GitWorkspace workspace) {
        try {
            return workspace.branch();
        } catch (Failure failure) {
            return "(none yet)";
        }
    }

    private static boolean isEmpty(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
