package qdrift.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.testing.ScriptRun;

/** Issue 15: a scan moves only the checks' state (pass/fail, scan counts); it is no change to configuration. */
class DriftAfterScanTest {
    private static final List<String> STATE_FIELDS = List.of("is_passing", "has_passed", "weight", "last_asserted",
            "num_container_scans", "deleted_at", "is_template", "template_locked");

    @TempDir
    Path temp;
    DriftRepo fixture;

    @AfterEach
    void stopSandbox() {
        fixture.close();
    }

    @Test
    void aScanThatFlipsPassFailOnAThirdOfTheChecksIsNoDriftAndNoCheckFileHoldsState() throws IOException {
        fixture = DriftRepo.create(temp);
        int flipped = fixture.state().scan(fixture.datastoreId, 3, 0);
        assertTrue(flipped > 0, "the scan should flip some checks");

        ScriptRun run = fixture.drift();

        assertEquals(0, run.exitCode(), "a scan is not drift\n" + run);
        assertEquals("", fixture.gitStatus(), "a clean run must leave the worktree clean");
        try (Stream<Path> files = Files.walk(fixture.repo.resolve(DriftRepo.FOLDER))) {
            for (Path file : files.filter(f -> f.toString().contains("/checks/")).filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                for (String field : STATE_FIELDS) {
                    assertTrue(!text.contains("\n" + field + ":") && !text.startsWith(field + ":"),
                            file + " holds the server state field " + field);
                }
            }
        }
    }
}
