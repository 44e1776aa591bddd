package qdrift.revert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.sandbox.Kind;
import qdrift.testing.Fault;
import qdrift.testing.ScriptRun;

/**
 * Issue 16 item 8: one rule of what is configuration in force (an archived check that Git does not hold is not), so
 * that drift is clean right after a verified revert that archived checks added in the UI, while archiving a committed
 * check in the UI stays drift.
 */
class ArchivedInForceTest {
    @TempDir
    Path temp;
    RevertRepo fixture;

    @BeforeEach
    void committedBaseline() {
        fixture = RevertRepo.create(temp);
    }

    @AfterEach
    void stopSandbox() {
        fixture.close();
    }

    private List<Long> addChecksInTheUi(int count) {
        long container = fixture.activeCheck().path("container_id").asLong();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(fixture.ui("POST", "/api/quality-checks", "{\"rule\": \"notNull\", \"container_id\": " + container
                    + ", \"fields\": [\"added_in_ui_" + i + "\"], \"description\": \"\", \"status\": \"Active\"}").path("id").asLong());
        }
        return ids;
    }

    @Test
    @Fault(group = "revert")
    void driftIsCleanRightAfterAVerifiedRevertThatArchivedUiChecks() throws Exception {
        List<Long> added = addChecksInTheUi(3);
        assertEquals(1, fixture.drift().exitCode(), "the UI checks are drift before the revert");

        ScriptRun apply = fixture.revert("--apply", "--yes");
        assertEquals(0, apply.exitCode(), apply.toString());
        assertTrue(apply.out().contains("Apply: verified"), apply.out());
        for (long id : added) {
            assertEquals("Discarded", fixture.state().get(Kind.CHECK, id).path("status").asText(), "archived, not deleted");
        }

        ScriptRun drift = fixture.drift();
        assertEquals(0, drift.exitCode(), "an archived check Git does not hold is not configuration in force\n" + drift);
        ScriptRun again = fixture.revert();
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("No changes"), "nothing left to revert, not even a skip\n" + again.out());

        // export over the committed folder agrees: it does not write the archived checks' files
        ScriptRun export = ScriptRun.of("ExportCommand", "--url", fixture.sandbox.url(), "--token", fixture.sandbox.token(),
                "--datastore-id", String.valueOf(fixture.datastoreId), "--output", fixture.repo.resolve(RevertRepo.FOLDER).toString(), "--quiet");
        assertEquals(0, export.exitCode(), export.toString());
        try (Git git = Git.open(fixture.repo.toFile())) {
            assertTrue(git.status().call().isClean(), "export writes no file for the archived UI checks: "
                    + git.status().call().getUntracked() + " " + git.status().call().getModified());
        }
    }

    @Test
    @Fault(group = "revert")
    void archivingACommittedCheckInTheUiIsStillDrift() {
        long id = fixture.activeCheck().path("id").asLong();
        fixture.ui("DELETE", "/api/quality-checks/" + id + "?archive=true&status=Discarded", null);

        ScriptRun drift = fixture.drift("-o", "json");
        assertEquals(1, drift.exitCode(), "a check Git holds as active and archived live is a change\n" + drift);
        assertTrue(drift.out().contains("Discarded"), "reported as a status change\n" + drift.out());

        ScriptRun apply = fixture.revert("--apply", "--yes");
        assertEquals(0, apply.exitCode(), apply.toString());
        assertEquals(0, fixture.drift().exitCode(), "put back active by the revert");
    }
}
