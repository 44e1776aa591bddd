package qdrift.revert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.report.DriftReport;
import qdrift.report.ReportJson;
import qdrift.report.ResourceChange;
import qdrift.testing.ScriptRun;

/** drift.java's report names the revert command for that drift, and that command plans exactly the reported files. */
class RevertCommandInDriftTest {
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

    @Test
    void theReportsRevertCommandPlansExactlyTheReportedChanges() throws Exception {
        long check = fixture.activeCheck().path("id").asLong();
        fixture.ui("PATCH", "/api/quality-checks/" + check, "{\"coverage\": 0.5}");
        fixture.ui("DELETE", "/api/computed-fields/" + fixture.computedField().path("id").asLong(), null);
        Path markdown = temp.resolve("pr.md");

        ScriptRun drift = fixture.drift("-o", "json", "-o", "markdown=" + markdown, "-o", "text=" + temp.resolve("drift.txt"));

        assertEquals(1, drift.exitCode(), drift.toString());
        DriftReport report = ReportJson.read(drift.out(), "stdout");
        String command = report.revertCommand();
        assertNotNull(command, "a drift report names its revert command");
        assertTrue(command.startsWith("./jbang revert.java --repo "), command);
        assertTrue(command.contains("--ref " + report.origin().commit()), "Git is pinned at the compared commit: " + command);
        assertTrue(Files.readString(markdown).contains(command), "the markdown (and so the PR body) names it");
        assertTrue(Files.readString(temp.resolve("drift.txt")).contains(command), "the text report names it");

        List<String> args = new ArrayList<>(Arrays.asList(command.split(" ")).subList(2, command.split(" ").length));
        args.addAll(List.of("--url", fixture.sandbox.url(), "--token", fixture.sandbox.token(), "-o", "json"));
        ScriptRun plan = ScriptRun.of("RevertCommand", args.toArray(String[]::new));
        assertEquals(1, plan.exitCode(), plan.toString());
        assertEquals(report.changes().stream().map(ResourceChange::file).sorted().toList(),
                PlanJsonTestAccess.parse(plan.out()).resources().stream().map(PlannedResource::file).sorted().toList());
    }

    @Test
    void aCleanReportNamesNoRevertCommand() {
        ScriptRun drift = fixture.drift("-o", "json");
        assertEquals(0, drift.exitCode(), drift.toString());
        assertNull(ReportJson.read(drift.out(), "stdout").revertCommand());
    }

    /** Issue 15: a revert refused for its token names the doctor command that checks the revert rights too. */
    @Test
    void aRejectedTokenProposesTheDoctorWithRevert() {
        ScriptRun run = fixture.revertWithToken("rejected-token");
        assertEquals(4, run.exitCode(), run::toString);
        String expected = "(check the setup: ./jbang doctor.java --url " + fixture.sandbox.url() + " --repo " + fixture.repo + " --path " + RevertRepo.FOLDER + " --revert)";
        assertTrue(run.err().strip().endsWith(expected), "expected the error to end with " + expected + "\n" + run);
    }
}
