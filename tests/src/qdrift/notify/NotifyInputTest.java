package qdrift.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.report.ReportJson;
import qdrift.testing.ScriptRun;

/** What notify.java accepts as input and configuration, and how it refuses the rest (usage 2, bad report 6). */
class NotifyInputTest {
    @TempDir
    Path dir;
    final TestRuntime runtime = new TestRuntime();

    @AfterEach
    void uninstall() {
        NotifyRuntime.uninstall();
    }

    ScriptRun notify(String... args) {
        runtime.install();
        return ScriptRun.of("NotifyCommand", args);
    }

    void assertRefused(int code, String expected, ScriptRun run) {
        assertEquals(code, run.exitCode(), run::toString);
        assertEquals("", run.out(), "nothing on stdout");
        assertEquals(1, run.err().strip().lines().count(), run::toString);
        assertTrue(run.err().contains(expected), "expected '" + expected + "' in " + run);
    }

    @Test
    void aPipedReportIsReadFromStdinWithOrWithoutTheDash() {
        runtime.stdin = ReportJson.write(Reports.drifted());
        ScriptRun implicit = notify("--dry-run", "--slack");
        assertEquals(0, implicit.exitCode(), implicit::toString);
        assertTrue(implicit.out().contains("\"destination\" : \"slack\""), implicit::toString);
        ScriptRun dash = notify("-", "--dry-run", "--slack");
        assertEquals(implicit.out(), dash.out());
    }

    @Test
    void withoutAPipeOrFileItAsksForAReport() {
        runtime.stdinIsTerminal = true;
        assertRefused(2, "no report: pipe one in", notify("--slack"));
    }

    @Test
    void aFileGivenAsAnArgumentIsReadLikeReport() {
        Path report = Reports.write(dir, "report.json", Reports.drifted());
        ScriptRun asArgument = notify(report.toString(), "--dry-run", "--slack");
        assertEquals(0, asArgument.exitCode(), asArgument::toString);
        assertEquals(notify("--report", report.toString(), "--dry-run", "--slack").out(), asArgument.out());
        assertRefused(6, "does not exist", notify(dir.resolve("missing.json").toString(), "--slack"));
    }

    @Test
    void emptyInputIsAUsageErrorAndSomethingElseIsAMalformedReport() throws Exception {
        assertRefused(2, "stdin is empty", notify("--dry-run"));
        runtime.stdin = "diff --git a/x b/x";
        assertRefused(6, "stdin is not JSON", notify("--dry-run"));
        Path other = Files.writeString(dir.resolve("other.json"), "{\"items\": []}");
        assertRefused(6, "is not a qualytics-drift report", notify("--report", other.toString(), "--dry-run"));
        assertRefused(6, "does not exist", notify("--report", dir.resolve("missing.json").toString(), "--dry-run"));
    }

    @Test
    void aDestinationIsRequiredAndSoIsItsSecret() {
        Path report = Reports.write(dir, "drift.json", Reports.drifted());
        assertRefused(2, "no destination: choose one or more of --slack", notify("--report", report.toString()));
        assertRefused(2, "slack: no secret: set SLACK_WEBHOOK or pass --slack-webhook-file", notify("--report", report.toString(), "--slack"));
        assertRefused(2, "--email needs --smtp-host, --mail-from and at least one --mail-to",
                notify("--report", report.toString(), "--email", "--smtp-host", "localhost"));
        assertRefused(2, "'soon' is not a duration", notify("--report", report.toString(), "--slack", "--remind-every", "soon"));
    }

    @Test
    void aSecretFileIsReadAndImpliesItsDestination() throws Exception {
        Path key = Files.writeString(dir.resolve("pd.key"), "FILEKEYSECRET\n");
        Path report = Reports.write(dir, "drift.json", Reports.drifted());
        ScriptRun run = notify("--report", report.toString(), "--pagerduty-routing-key-file", key.toString(), "--dry-run");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("\"routing_key\" : \"***\""), run::toString);
        assertTrue(!run.out().contains("FILEKEYSECRET") && !run.out().contains("\"slack\""), "only PagerDuty, key masked: " + run);
    }
}
