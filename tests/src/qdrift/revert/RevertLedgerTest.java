package qdrift.revert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.sandbox.Kind;
import qdrift.testing.Fault;
import qdrift.testing.ScriptRun;

/**
 * revert.java --ledger FILE: the line is appended after the writes landed, so a ledger that cannot be written is
 * refused before anything is read or written (exit 2, one line), and a good one gets the run's line.
 */
class RevertLedgerTest {
    @TempDir
    Path temp;
    RevertRepo fixture;
    long edited;

    @BeforeEach
    void aCheckEditedInTheUi() {
        fixture = RevertRepo.create(temp);
        edited = fixture.activeCheck().path("id").asLong();
        fixture.ui("PATCH", "/api/quality-checks/" + edited, "{\"filter\": \"1 = 1\"}");
        fixture.sandbox.stats().reset();
    }

    @AfterEach
    void stopSandbox() {
        fixture.close();
    }

    @Test
    @Fault(group = "revert")
    void anUnwritableLedgerIsRefusedBeforeAnyRequest() {
        ScriptRun apply = fixture.revert("--apply", "--yes", "--ledger", "/proc/nope/ledger.jsonl");

        assertEquals(2, apply.exitCode(), apply.toString());
        assertEquals(1, apply.err().strip().lines().count(), apply.err());
        assertTrue(apply.err().contains("--ledger /proc/nope/ledger.jsonl cannot be written"), apply.err());
        assertEquals(0, fixture.sandbox.stats().byPath().size(), "not even a read was made: " + fixture.sandbox.stats().byPath());
        assertEquals("1 = 1", fixture.state().get(Kind.CHECK, edited).path("filter").asText(), "the UI edit is still live");
    }

    @Test
    void aLedgerThatIsAFolderIsRefusedBeforeAnyRequest() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("ledger-folder"));

        ScriptRun apply = fixture.revert("--apply", "--yes", "--ledger", folder.toString());

        assertEquals(2, apply.exitCode(), apply.toString());
        assertEquals(1, apply.err().strip().lines().count(), apply.err());
        assertTrue(apply.err().contains("is a folder"), apply.err());
        assertEquals(0, fixture.writes(), "nothing written");
        assertEquals(0, fixture.sandbox.stats().byPath().size(), "nothing read either");
        try (var listing = Files.list(folder)) {
            assertEquals(List.of(), listing.toList(), "no probe left behind");
        }
    }

    @Test
    void aGoodLedgerGetsTheAppliedAndVerifiedLine() throws Exception {
        Path ledger = temp.resolve("ledgers/drift.jsonl"); // the folder is made, as for -o

        ScriptRun apply = fixture.revert("--apply", "--yes", "--ledger", ledger.toString());

        assertEquals(0, apply.exitCode(), apply.toString());
        assertTrue(apply.out().contains("Apply: verified"), apply.out());
        List<String> lines = Files.readAllLines(ledger);
        assertEquals(1, lines.size(), "one line per run: " + lines);
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertEquals("revert", line.path("kind").asText(), line.toString());
        assertEquals("verified", line.path("status").asText(), line.toString());
        assertEquals(fixture.datastoreId, line.path("datastores").path(0).asLong(), line.toString());
        assertEquals(RevertRepo.FOLDER, line.path("path").asText(), line.toString());
        assertEquals(1, line.path("counts").path("resources").asInt(), line.toString());
        assertTrue(fixture.state().get(Kind.CHECK, edited).path("filter").isNull()
                        || !fixture.state().get(Kind.CHECK, edited).path("filter").asText().equals("1 = 1"), "the check was put back");
    }
}
