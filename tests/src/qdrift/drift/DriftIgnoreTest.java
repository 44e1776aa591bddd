package qdrift.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static qdrift.drift.DriftChangesTest.describeAll;
import static qdrift.drift.DriftChangesTest.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.report.DriftReport;
import qdrift.testing.ScriptRun;

/** Issue #4: expected drift, from a committed .driftignore or --ignore, is suppressed and listed as ignored. */
class DriftIgnoreTest {
    private static final String DRIFTIGNORE = """
            rules:
              - type: checks
                fields: [coverage]
                reason: the data team tunes coverage in the UI
                expires: 2999-12-31
              - type: connections
                reason: connection moves were expected during the 1999 migration
                expires: 2000-01-01
            """;

    @TempDir
    Path temp;
    DriftRepo fixture;

    @BeforeEach
    void baselineWithADriftignoreAndTwoUiChanges() throws IOException {
        fixture = DriftRepo.create(temp);
        Files.writeString(fixture.repo.resolve(DriftRepo.FOLDER).resolve(".driftignore"), DRIFTIGNORE);
        fixture.commitAll("expected drift");
        fixture.state().updateCheck(fixture.activeCheck().path("id").asLong(), "{\"coverage\": 0.5}");
        fixture.state().updateConnection(fixture.connectionId(), "{\"port\": 6543}");
    }

    @AfterEach
    void stopSandbox() {
        fixture.close();
    }

    @Test
    void aLiveRuleSuppressesItsChangeAndAnExpiredOneSuppressesNothingButIsReported() {
        ScriptRun run = fixture.drift("-o", "json");

        assertEquals(1, run.exitCode(), "the connection change still counts\n" + run);
        DriftReport report = report(run);
        assertEquals(List.of("connections modified [port]"), describeAll(report.changes()),
                "the expired connections rule must not suppress the connection change");
        assertEquals(List.of("checks modified [coverage]"), describeAll(report.ignored()),
                "the coverage change is listed as ignored");
        assertNotNull(report.ignored().get(0).ignoredBy(), "an ignored change names the rule that ignored it");
        assertEquals(1, report.warnings().size(), "one warning for the expired rule: " + report.warnings());
        assertTrue(report.warnings().get(0).contains("expired"), report.warnings().toString());
        assertEquals(1, report.summary().ignored());
    }

    @Test
    void anIgnoreOptionAddsToTheFileAndCanMakeTheRunClean() {
        ScriptRun run = fixture.drift("--ignore", "connections:port", "-o", "json");

        assertEquals(0, run.exitCode(), "every change is expected now\n" + run);
        DriftReport report = report(run);
        assertEquals(List.of(), report.changes());
        assertEquals(List.of("checks modified [coverage]", "connections modified [port]"), describeAll(report.ignored()));
        ScriptRun text = fixture.drift("--ignore", "connections:port");
        assertTrue(text.out().contains("No drift."), "a run whose changes are all ignored is clean\n" + text);
    }
}
