package qdrift.export.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.SandboxOptions;
import qdrift.sandbox.TenantSpec;
import qdrift.sandbox.TenantState;
import qdrift.testing.ScriptRun;

/**
 * Issue #3: re-exporting over a committed folder gives zero changed files when no configuration changed, whatever
 * the order the server answers in and however its server-managed state (scores, counts, timestamps) moves.
 * The sandbox answers in random item and key order throughout; its configuration is never changed here.
 */
class ReexportStabilityTest {
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(TenantSpec.small(), SandboxOptions.defaults().withRandomOrder(true));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void reexportWithNoServerChangeRewritesNoFileAndKeepsUnmanagedFiles(@TempDir Path dir) {
        ConfigRepo repo = ConfigRepo.init(dir);
        repo.write("README.md", "# Our Qualytics configuration\n");
        repo.write(".driftignore", "datastores/*/checks/**/description\n");
        repo.exportOk(sandbox, "--all-datastores");
        repo.commitAll("baseline export");
        Map<String, Long> mtimes = mtimes(repo.folder());

        ScriptRun again = repo.exportOk(sandbox, "--all-datastores", "--concurrency", "1");

        assertEquals(List.of(), repo.status(), "a re-export with no server change changes no file");
        assertEquals(mtimes, mtimes(repo.folder()), "no file was rewritten (every mtime kept), none added or removed");
        assertTrue(again.err().contains(" 0 written, " + (mtimes.size() - 2) + " unchanged, 0 removed."),
                "the summary counts every managed file as unchanged:\n" + again.err());
    }

    @Test
    void changesToServerStateOnlyChangeNoFile(@TempDir Path dir) {
        ConfigRepo repo = ConfigRepo.init(dir);
        long datastore = sandbox.state().busiestDatastoreId();
        repo.exportOk(sandbox, "--datastore-id", String.valueOf(datastore));
        repo.commitAll("baseline export");

        TenantState state = sandbox.state();
        state.updateDatastore(datastore, "{\"overall_score\": 3, \"anomaly_count\": 999, \"record_count\": 1,"
                + " \"last_updated\": \"2030-01-01T00:00:00Z\", \"latest_operation\": {\"id\": 1, \"type\": \"profile\"},"
                + " \"metrics\": {\"records_scanned\": 5}, \"favorite\": true, \"has_scheduled_operations\": true}");
        for (long container : state.containerIds(datastore)) {
            state.updateContainer(container, "{\"score\": 1, \"check_count\": 77, \"anomaly_count\": 5, \"record_count\": 9,"
                    + " \"field_count\": 3, \"metrics\": {\"x\": 1}, \"incremental_checkpoint\": \"2030-01-01T00:00:00Z\"}");
        }
        for (long check : state.checkIds(datastore).subList(0, 20)) {
            state.updateCheck(check, "{\"anomaly_count\": 12, \"last_asserted\": \"2030-01-01T00:00:00Z\","
                    + " \"last_updated\": \"2030-01-02T00:00:00Z\", \"is_new\": true}");
        }
        sandbox.configure(o -> o.withChurn(true));
        try {
            repo.exportOk(sandbox, "--datastore-id", String.valueOf(datastore));
        } finally {
            sandbox.configure(o -> o.withChurn(false));
        }

        assertEquals(List.of(), repo.status(), "scores, counts, timestamps and anomaly counts are server state, not drift");
    }

    private static Map<String, Long> mtimes(Path folder) {
        Map<String, Long> mtimes = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                mtimes.put(folder.relativize(p).toString(), Files.getLastModifiedTime(p).toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return mtimes;
    }
}
