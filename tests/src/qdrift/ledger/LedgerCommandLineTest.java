package qdrift.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.testing.ScriptRun;

/** drift.java's ledger options: refused before any slow work when wrong; --summary reads only the ledger. */
class LedgerCommandLineTest {
    @TempDir
    Path temp;

    static ScriptRun drift(String... args) {
        return ScriptRun.of("DriftCommand", args);
    }

    @Test
    void aLedgerInAFolderThatDoesNotExistIsRefusedBeforeAnyApiCall() {
        ScriptRun run = drift("--url", "http://127.0.0.1:9", "--token", "t", "--datastore-id", "1",
                "--ledger", temp.resolve("missing/ledger.jsonl").toString());
        assertEquals(6, run.exitCode(), run.toString());
        assertTrue(run.err().contains("does not exist: create it first"), run.err());
        assertTrue(!run.err().contains("127.0.0.1"), "no request was tried: " + run.err());
    }

    @Test
    void sinceWithoutSummaryAndSummaryWithoutLedgerAreUsageErrors() {
        assertEquals(2, drift("--ledger", temp.resolve("l.jsonl").toString(), "--since", "30d").exitCode());
        assertEquals(2, drift("--summary").exitCode());
        assertEquals(2, drift("--ledger", temp.resolve("l.jsonl").toString(), "--summary", "--since", "last tuesday").exitCode());
        assertEquals(2, drift("--ledger", temp.resolve("l.jsonl").toString(), "--summary", "-o", "markdown").exitCode());
    }

    @Test
    void theSummaryReadsALedgerWithATornLineAndSaysSo() throws Exception {
        Path file = temp.resolve("ledger.jsonl");
        LedgerFile ledger = new LedgerFile(file);
        Instant now = Instant.now();
        ledger.append(c -> LedgerFileTest.line(now.minusSeconds(7200).toString(), "drift", List.of("a")));
        ledger.append(c -> LedgerFileTest.line(now.minusSeconds(3600).toString(), "clean", List.of()));
        Files.writeString(file, "{\"schema\":\"qualytics-drift/ledger/v1\",\"ti", java.nio.file.StandardOpenOption.APPEND);

        ScriptRun text = drift("--ledger", file.toString(), "--summary", "--since", "1d");
        assertEquals(0, text.exitCode(), text.toString());
        assertTrue(text.out().contains("runs: 2 (clean 1, drift 1, partial 0)"), text.out());
        assertTrue(text.out().contains("drift episodes: 1 (1 resolved, 0 ongoing)"), text.out());
        assertTrue(text.out().contains("episodes 1 resolved, median 1 hour, longest 1 hour"), text.out());
        assertTrue(text.out().contains("skipped 1 unreadable line"), text.out());

        ScriptRun json = drift("--ledger", file.toString(), "--summary", "-o", "json");
        assertEquals(0, json.exitCode(), json.toString());
        assertTrue(json.out().contains("\"skipped_lines\" : 1"), json.out());

        ScriptRun missing = drift("--ledger", temp.resolve("none.jsonl").toString(), "--summary");
        assertEquals(6, missing.exitCode(), missing.toString());
    }
}
