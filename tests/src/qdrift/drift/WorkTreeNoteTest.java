package qdrift.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.testing.ScriptRun;
import qdrift.testing.Shell;

/**
 * After a drifting run the work tree holds the live state: drift.java says so on stderr with the command that puts
 * Git's state back, and that command, pasted into a shell, leaves the work tree clean (issue 17 item 11).
 */
class WorkTreeNoteTest {
    @TempDir
    Path temp;
    DriftRepo fixture;

    @BeforeEach
    void drifted() {
        fixture = DriftRepo.create(temp);
        fixture.state().updateCheck(fixture.activeCheck().path("id").asLong(), "{\"coverage\": 0.5}");
        fixture.state().deleteCheck(fixture.state().checkIds(fixture.datastoreId).get(1));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void theNoteNamesACommandThatDiscardsTheLiveState() {
        ScriptRun run = fixture.drift();
        assertEquals(1, run.exitCode(), run::toString);
        assertFalse(fixture.gitStatus().isBlank(), "the drift is in the work tree");
        String prefix = "The work tree's " + DriftRepo.FOLDER + " now holds the live state (commit it to accept the drift). To discard it: ";
        String note = run.err().lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(run.err()));
        assertTrue(run.out().lines().noneMatch(l -> l.startsWith("The work tree's")), "talk, not data: stderr only");

        Shell.Result pasted = Shell.run(temp, Map.of(), List.of("bash", "-c", note.substring(prefix.length())));
        assertEquals(0, pasted.exitCode(), pasted::toString);
        assertEquals("", fixture.gitStatus(), "the work tree is back at Git's state");
    }

    @Test
    void noNoteWithCheckOnlyOrWhenClean() {
        ScriptRun checkOnly = fixture.drift("--check-only");
        assertEquals(1, checkOnly.exitCode(), checkOnly::toString);
        assertFalse(checkOnly.err().contains("now holds the live state"), checkOnly.err());
        ScriptRun quiet = fixture.drift("--quiet");
        assertFalse(quiet.err().contains("now holds the live state"), "--quiet: " + quiet.err());
    }
}
