package qdrift.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.testing.ChildJvm;
import qdrift.testing.Fault;
import qdrift.testing.ScriptRun;

/** `-o json > /dev/full`: a report that cannot be written is a failure (exit 6), never a lost 0 or 1. */
class StdoutErrorsTest {
    private static final File FULL = new File("/dev/full");
    private static final String MESSAGE = "error: cannot write to standard output (disk full, or the reading end closed?)";

    @TempDir
    Path temp;
    DriftRepo fixture;

    @BeforeEach
    void driftWaiting() {
        fixture = DriftRepo.withDriftWaiting(temp);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static void assertLostOutputIsExit6(ChildJvm run) {
        assertEquals(6, run.exitCode(), run.toString());
        assertEquals(MESSAGE, run.err().strip().lines().filter(l -> l.startsWith("error:")).findFirst().orElse("")
                .substring(0, MESSAGE.length()), run.toString());
        assertEquals(1, run.err().lines().filter(l -> l.startsWith("error:")).count(), run.toString());
    }

    @Test
    @Fault(group = "file-system")
    void aDriftReportToAFullDiskExits6() {
        assertLostOutputIsExit6(ChildJvm.run("DriftCommand", FULL, "--url", fixture.sandbox.url(), "--token", fixture.sandbox.token(),
                "--repo", fixture.repo.toString(), "--path", DriftRepo.FOLDER, "--datastore-id", String.valueOf(fixture.datastoreId),
                "--check-only", "--quiet", "-o", "json"));
    }

    @Test
    @Fault(group = "notify")
    void aNotifyDryRunToAFullDiskExits6() throws Exception {
        Path report = temp.resolve("drift.json");
        ScriptRun drift = fixture.drift("--check-only", "--quiet", "-o", "json=" + report);
        assertEquals(1, drift.exitCode(), drift.toString());
        assertLostOutputIsExit6(ChildJvm.run("NotifyCommand", FULL, "--report", report.toString(), "--slack", "--dry-run"));
        assertEquals(true, Files.size(report) > 0);
    }

    @Test
    @Fault(group = "file-system")
    void aCompareEnvsReportToAFullDiskExits6() throws Exception {
        Path envs = temp.resolve("environments.yaml");
        Files.writeString(envs, """
                environments:
                  dev:  {url: %s, token_env: QDRIFT_TEST_TOKEN, datastore_ids: [%d]}
                  prod: {url: %s, token_env: QDRIFT_TEST_TOKEN, datastore_ids: [%d]}
                """.formatted(fixture.sandbox.url(), fixture.datastoreId, fixture.sandbox.url(), fixture.datastoreId));
        assertLostOutputIsExit6(ChildJvm.run("CompareEnvsCommand", FULL, java.util.Map.of("QDRIFT_TEST_TOKEN", fixture.sandbox.token()),
                "--left", "dev", "--right", "prod", "--envs", envs.toString(), "--quiet", "-o", "json"));
    }
}
