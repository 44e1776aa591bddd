package qdrift.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static qdrift.testing.GitCli.commitAll;
import static qdrift.testing.GitCli.git;
import static qdrift.testing.GitCli.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.testing.GitCli;

/** The cron clone pulls what teammates pushed to the shared remote (a bare repository in a temp folder). */
class GitWorkspacePullTest {
    @TempDir
    Path temp;
    Path cron;
    Path teammate;

    @BeforeEach
    void sharedRemoteWithTwoClones() {
        Path origin = GitCli.initBare(temp.resolve("origin.git"));
        teammate = GitCli.init(temp.resolve("teammate"));
        write(teammate.resolve("qualytics-config/checks/c1.yaml"), "rule: notNull\n");
        write(teammate.resolve("README.md"), "# config\n");
        commitAll(teammate, "baseline");
        git(teammate, "remote", "add", "origin", origin.toString());
        git(teammate, "push", "-q", "-u", "origin", "main");
        git(temp, "clone", "-q", origin.toString(), "cron");
        cron = temp.resolve("cron");
    }

    private PullResult pullCron() {
        try (GitWorkspace workspace = GitWorkspace.open(cron, "qualytics-config")) {
            return workspace.pull(Optional.empty());
        }
    }

    @Test
    void fastForwardsToWhatWasPushed() {
        write(teammate.resolve("README.md"), "# edited\n");
        commitAll(teammate, "edit readme");
        git(teammate, "push", "-q");

        PullResult result = pullCron();

        assertEquals(PullResult.Status.FAST_FORWARDED, result.status(), result.describe());
        assertEquals("origin/main", result.upstream());
        assertEquals(git(teammate, "rev-parse", "HEAD").trim(), git(cron, "rev-parse", "HEAD").trim());
        assertEquals("", git(cron, "status", "--porcelain"), "the work tree should be clean after the pull");
    }

    @Test
    void nothingNewIsUpToDate() {
        assertEquals(PullResult.Status.UP_TO_DATE, pullCron().status());
    }

    @Test
    void localCommitsNotYetPushedAreKept() {
        write(cron.resolve("notes.md"), "local\n");
        commitAll(cron, "local note");

        assertEquals(PullResult.Status.AHEAD, pullCron().status());
    }

    @Test
    void aPreviousRunsLeftoversInTheExportFolderDoNotBlockThePull() throws IOException {
        // the drift PR got merged upstream: c1 changed, c2 added
        write(teammate.resolve("qualytics-config/checks/c1.yaml"), "rule: between\n");
        write(teammate.resolve("qualytics-config/checks/c2.yaml"), "rule: unique\n");
        commitAll(teammate, "merge drift");
        git(teammate, "push", "-q");
        // the last cron run left the same drift uncommitted, plus a file of the user's
        write(cron.resolve("qualytics-config/checks/c1.yaml"), "rule: between-ish\n");
        write(cron.resolve("qualytics-config/checks/c2.yaml"), "rule: unique-ish\n");
        write(cron.resolve("qualytics-config/my-notes.txt"), "mine\n");

        PullResult result = pullCron();

        assertEquals(PullResult.Status.FAST_FORWARDED, result.status());
        assertEquals("rule: unique\n", Files.readString(cron.resolve("qualytics-config/checks/c2.yaml")));
        assertEquals("?? qualytics-config/my-notes.txt\n", git(cron, "status", "--porcelain", "-uall"),
                "only the user's untracked file should remain");
    }

    @Test
    void divergedBranchesAreRefused() {
        write(teammate.resolve("README.md"), "# theirs\n");
        commitAll(teammate, "theirs");
        git(teammate, "push", "-q");
        write(cron.resolve("other.md"), "ours\n");
        commitAll(cron, "ours");
        String before = git(cron, "rev-parse", "HEAD");

        Failure failure = assertThrows(Failure.class, this::pullCron);

        assertEquals(ExitCode.GIT, failure.exitCode());
        assertEquals("local branch main and origin/main have diverged: resolve by hand (git pull --rebase) then rerun",
                failure.getMessage());
        assertEquals(before, git(cron, "rev-parse", "HEAD"));
    }

    @Test
    void aBranchWithoutUpstreamIsSkipped() {
        git(cron, "checkout", "-q", "-b", "local-only");

        PullResult result = pullCron();

        assertEquals(PullResult.Status.SKIPPED, result.status());
        assertTrue(result.describe().contains("no upstream"), result.describe());
    }

    @Test
    void anUnreachableRemoteIsAGitFailureWithoutCredentials() {
        git(cron, "remote", "set-url", "origin", "https://user:t0psecret@127.0.0.1:9/acme/config.git");

        Failure failure = assertThrows(Failure.class, this::pullCron);

        assertEquals(ExitCode.GIT, failure.exitCode());
        assertFalse(failure.getMessage().contains("t0psecret"), failure.getMessage());
        assertTrue(failure.getMessage().startsWith("cannot fetch from origin"), failure.getMessage());
    }
}
