package qdrift.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static qdrift.testing.GitCli.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.testing.ScriptRun;
import qdrift.testing.Fault;

/** Issue #4: a run that cannot finish, or must not start, changes nothing and says why, with an exit code of 3+. */
class DriftRefusalsTest {
    @TempDir
    Path temp;
    DriftRepo fixture;
    Map<String, String> before;
    String headBefore;
    long editedCheck;
    double originalCoverage;

    @BeforeEach
    void baselineWithDriftWaiting() {
        fixture = DriftRepo.create(temp);
        var check = fixture.activeCheck();
        editedCheck = check.path("id").asLong();
        originalCoverage = check.path("coverage").asDouble();
        fixture.state().updateCheck(editedCheck, "{\"coverage\": 0.5}");
    }

    @AfterEach
    void stopSandbox() {
        fixture.close();
    }

    private void remember() {
        before = fixture.workTreeBytes();
        headBefore = git(fixture.repo, "rev-parse", "HEAD");
    }

    private void assertNothingTouched(ScriptRun run) {
        assertEquals(before, fixture.workTreeBytes(), "the failed run changed files in the worktree\n" + run);
        assertEquals(headBefore, git(fixture.repo, "rev-parse", "HEAD"), "the failed run moved HEAD\n" + run);
    }

    private static void assertFailure(int exitCode, String message, ScriptRun run) {
        assertEquals(exitCode, run.exitCode(), run.toString());
        assertTrue(run.err().contains(message), "stderr should say '" + message + "'\n" + run);
        assertEquals("", run.out(), "a failed run prints no report\n" + run);
    }

    @Test
    @qdrift.testing.Fault(group = "network")
    void anUnreachableSandboxIsAnApiFailure() {
        remember();
        fixture.sandbox.close();

        ScriptRun run = fixture.drift();

        assertFailure(3, "error: ", run);
        assertNothingTouched(run);
    }

    @Test
    @qdrift.testing.Fault(group = "http")
    void aRejectedTokenIsAnAuthFailure() {
        remember();
        fixture.sandbox.configure(o -> o.withToken("rotated-token"));

        ScriptRun run = fixture.drift();

        assertFailure(4, "error: ", run);
        assertNothingTouched(run);
    }

    @Test
    void anExpiredTokenIsAnAuthFailure() {
        remember();
        fixture.sandbox.configure(o -> o.withExpiredToken(true));

        ScriptRun run = fixture.drift();

        assertFailure(4, "error: ", run);
        assertNothingTouched(run);
    }

    @Test
    @qdrift.testing.Fault(group = "http")
    void aServerErrorHalfWayThroughTheExportLeavesTheFolderAsItWas() {
        remember();
        fixture.sandbox.configure(o -> o.withFailPath("^/api/quality-checks"));

        ScriptRun run = fixture.drift();

        assertFailure(3, "error: ", run);
        assertTrue(fixture.sandbox.stats().status(200) > 0, "the export should have read something before the 500s");
        assertNothingTouched(run);
    }

    @Test
    @Fault(group = "git")
    void uncommittedChangesOutsideTheFolderAreRefusedBeforeAnythingIsRead() throws IOException {
        Files.writeString(fixture.repo.resolve("README.md"), "# edited by hand, not committed\n");
        remember();

        ScriptRun run = fixture.drift();

        assertFailure(5, "README.md", run);
        assertTrue(run.err().contains("commit or stash"), "the message should say what to do\n" + run);
        assertNothingTouched(run);
        assertEquals(0, fixture.sandbox.stats().total(), "a refused run must not call the API");
    }

    @Test
    @Fault(group = "git")
    void aDivergedUpstreamIsRefused() throws IOException {
        Path teammate = temp.resolve("teammate");
        git(temp, "clone", "-q", fixture.origin.toString(), teammate.toString());
        Files.writeString(teammate.resolve("README.md"), "# changed upstream\n");
        git(teammate, "commit", "-q", "-am", "upstream change");
        git(teammate, "push", "-q", "origin", "main");
        Files.writeString(fixture.repo.resolve("NOTES.md"), "local notes\n");
        fixture.commitAll("local change");
        remember();

        ScriptRun run = fixture.drift();

        assertFailure(5, "diverged", run);
        assertNothingTouched(run);
    }

    @Test
    void anUpstreamThatAlreadyHasTheChangeIsPulledAndLeavesNoDrift() {
        Path teammate = temp.resolve("teammate");
        git(temp, "clone", "-q", fixture.origin.toString(), teammate.toString());
        assertEquals(1, fixture.drift("--no-pull", "--quiet").exitCode(), "without the pull the change is drift");
        fixture.export(teammate.resolve(DriftRepo.FOLDER));
        git(teammate, "add", "-A");
        git(teammate, "commit", "-q", "-m", "approve the coverage change");
        git(teammate, "push", "-q", "origin", "main");

        ScriptRun run = fixture.drift();

        assertEquals(0, run.exitCode(), "after the fast-forward the live configuration matches HEAD\n" + run);
        assertEquals(git(teammate, "rev-parse", "HEAD"), git(fixture.repo, "rev-parse", "HEAD"), "HEAD should be fast-forwarded");
        assertEquals("", fixture.gitStatus());
    }

    @Test
    @Fault(group = "git")
    void changesAnEarlierRunLeftInTheFolderAreRegeneratedNotMerged() throws IOException {
        assertEquals(1, fixture.drift("--quiet").exitCode(), "the first run finds the drift and leaves it in the folder");
        Path connections = fixture.repo.resolve(DriftRepo.FOLDER).resolve("connections");
        Path connection;
        try (var files = Files.list(connections)) {
            connection = files.sorted().findFirst().orElseThrow();
        }
        Files.writeString(connection, "# a hand edit nobody committed\n", java.nio.file.StandardOpenOption.APPEND);
        fixture.state().updateCheck(editedCheck, "{\"coverage\": " + originalCoverage + "}");

        ScriptRun run = fixture.drift();

        assertEquals(0, run.exitCode(), "the UI change was undone: the folder is regenerated to match HEAD\n" + run);
        assertEquals("", fixture.gitStatus(), "leftovers of the earlier run and hand edits are regenerated away");
    }
}
