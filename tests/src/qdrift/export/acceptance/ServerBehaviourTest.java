package qdrift.export.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.SandboxOptions;
import qdrift.sandbox.TenantSpec;
import qdrift.testing.ScriptRun;
import qdrift.testing.TreeSnapshot;

/**
 * Issue #3: however the server behaves (older response shapes, a clamped page size, rate limits, dropped
 * connections) the export is the same; when it cannot complete (a 500 that persists, an expired token) it exits 3+
 * and leaves the folder byte for byte as it was. The tenant is never changed: only the sandbox's knobs, reset after each test.
 */
class ServerBehaviourTest {
    @TempDir
    static Path shared;
    private static Sandbox sandbox;
    private static Map<String, String> reference;

    @BeforeAll
    static void exportOnceAsReference() {
        sandbox = Sandbox.start(TenantSpec.small());
        ConfigRepo repo = ConfigRepo.init(shared.resolve("reference"));
        repo.exportOk(sandbox, "--all-datastores");
        reference = repo.files();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @AfterEach
    void resetKnobs() {
        sandbox.configure(o -> SandboxOptions.defaults());
    }

    @Test
    @qdrift.testing.Fault(group = "api-shape")
    void olderResponseShapesExportToTheSameFiles(@TempDir Path dir) {
        assertSameExport(dir, o -> o.withLegacyShapes(true),
                "embedded connection, tags and teams as names, source_fields as names or null, coverage 1");
    }

    @Test
    void anOlderServerThatCapsThePageSizeStillYieldsEveryItemOnce(@TempDir Path dir) {
        assertSameExport(dir, o -> o.withLegacyShapes(true).withMaxPageSize(7), "older shapes, page size clamped to 7");
    }

    @Test
    @qdrift.testing.Fault(group = "network")
    void rateLimitsAndDroppedConnectionsAreRetriedToTheSameExport(@TempDir Path dir) {
        ScriptRun run = assertSameExport(dir, o -> o.withRateLimit(10, "0").withDropEvery(13),
                "429 on every 10th request, every 13th connection dropped");
        assertTrue(sandbox.stats().status(429) > 0, "the sandbox did rate-limit:\n" + run);
    }

    @Test
    @qdrift.testing.Fault(group = "http")
    void aPersistentServerErrorExitsThreeAndLeavesTheFolderAsItWas(@TempDir Path dir) {
        ConfigRepo repo = committedBaselineWithLocalEdits(dir);
        Map<String, String> before = TreeSnapshot.of(dir);

        sandbox.configure(o -> o.withFailPath("^/api/quality-checks"));
        ScriptRun run = repo.export(sandbox, "--all-datastores");

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.err().contains("error: server error 500 on GET /api/quality-checks"), run::toString);
        assertEquals(before, TreeSnapshot.of(dir), "the folder (and the folder around it) is byte for byte as it was, mtimes included");
        assertEquals("", run.out(), "stdout stays empty");
    }

    @Test
    @qdrift.testing.Fault(group = "http")
    void anExpiredTokenExitsFourAndLeavesTheFolderAsItWas(@TempDir Path dir) {
        ConfigRepo repo = committedBaselineWithLocalEdits(dir);
        Map<String, String> before = TreeSnapshot.of(dir);

        sandbox.configure(o -> o.withExpiredToken(true));
        ScriptRun run = repo.export(sandbox, "--all-datastores");

        assertEquals(4, run.exitCode(), run::toString);
        assertTrue(run.err().contains("error: token rejected or expired"), run::toString);
        assertEquals(before, TreeSnapshot.of(dir), "the folder is byte for byte as it was");
    }

    /** Exports with the knobs changed into a fresh folder and compares it, file by file, with the reference export. */
    private static ScriptRun assertSameExport(Path dir, UnaryOperator<SandboxOptions> knobs, String what) {
        sandbox.configure(knobs);
        sandbox.stats().reset();
        ConfigRepo repo = ConfigRepo.init(dir);
        ScriptRun run = repo.exportOk(sandbox, "--all-datastores");
        Map<String, String> files = repo.files();
        assertEquals(reference.keySet(), files.keySet(), what + ": the same files");
        reference.forEach((path, text) -> assertEquals(text, files.get(path), what + ": the same bytes in " + path));
        return run;
    }

    /** A committed export whose folder a user then changed by hand: a completed export would rewrite these files. */
    private static ConfigRepo committedBaselineWithLocalEdits(Path dir) {
        ConfigRepo repo = ConfigRepo.init(dir);
        repo.exportOk(sandbox, "--all-datastores");
        repo.commitAll("baseline export");
        repo.write("connections/prod_pg.yaml", "host: edited-by-hand\n");
        repo.write("datastores/prod_warehouse/checks/gone/notnull__x.yaml", "rule_type: notNull\n");
        try {
            Files.delete(repo.folder().resolve("datastores/prod_warehouse/_datastore.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return repo;
    }
}
