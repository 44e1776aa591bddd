package qdrift.export.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.api.ClientSettings;
import qdrift.api.QualyticsClient;
import qdrift.cli.Log;
import qdrift.cli.ServerConfig;
import qdrift.sandbox.InstanceOptions;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.TenantSpec;
import qdrift.testing.ScriptRun;

/**
 * archived=include on the check list has no public evidence. Both server behaviours give the same export, byte for
 * byte: one that takes include (one listing), and one that answers 422 naming archived (the client then lists without
 * the parameter and with archived=only, merges, and keeps doing so for the rest of the run).
 */
class ArchivedFallbackTest {
    @TempDir
    static Path shared;
    private static Sandbox sandbox;
    private static Map<String, String> reference;

    @BeforeAll
    static void exportWithInclude() {
        sandbox = Sandbox.start(TenantSpec.small());
        sandbox.stats().reset();
        ConfigRepo repo = ConfigRepo.init(shared.resolve("reference"));
        repo.exportOk(sandbox, "--all-datastores");
        assertEquals(Set.of("include"), sandbox.stats().queries().get("GET /api/quality-checks").get("archived"),
                "a server that takes include is asked with include only");
        reference = repo.files();
        assertTrue(reference.keySet().stream().anyMatch(p -> p.contains("/checks/")), "the export has check files");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @AfterEach
    void reset() {
        sandbox.configureInstance(i -> InstanceOptions.defaults());
    }

    @Test
    void aServerRefusingIncludeGivesTheSameExportFromTwoListings(@TempDir Path dir) {
        sandbox.configureInstance(i -> i.withChecksRefusingArchivedInclude(true));
        sandbox.stats().reset();
        ConfigRepo repo = ConfigRepo.init(dir);
        ScriptRun run = repo.exportOk(sandbox, "--all-datastores");

        Map<String, String> files = repo.files();
        assertEquals(reference.keySet(), files.keySet(), "the same files");
        reference.forEach((path, text) -> assertEquals(text, files.get(path), "the same bytes in " + path));
        assertTrue(sandbox.stats().status(422) >= 1, "the server did refuse include");
        assertEquals(Set.of("include", "only"), sandbox.stats().queries().get("GET /api/quality-checks").get("archived"));
        assertTrue(run.err().contains("refuses archived=include"), "the fallback is said once on stderr:\n" + run);
        assertEquals(1, run.err().lines().filter(l -> l.contains("refuses archived=include")).count(), run::toString);
    }

    @Test
    void theClientRemembersTheRefusalAndMergesActiveAndArchivedChecks() {
        sandbox.configureInstance(i -> i.withChecksRefusingArchivedInclude(true));
        long datastore = sandbox.state().busiestDatastoreId();
        try (QualyticsClient client = new QualyticsClient(new ServerConfig(sandbox.url(), sandbox.token(), Duration.ofSeconds(10)),
                ClientSettings.defaults(Log.silent()))) {
            List<ObjectNode> first = client.qualityChecks(datastore);
            assertTrue(client.archivedFallbackInUse());
            assertEquals(Set.copyOf(sandbox.state().checkIds(datastore)), ids(first), "every check once, archived ones included");
            assertTrue(first.stream().anyMatch(c -> c.path("status").asText().equals("Archived")), "archived checks are there");

            sandbox.stats().reset();
            assertEquals(ids(first), ids(client.qualityChecks(datastore)));
            assertEquals(Set.of("only"), sandbox.stats().queries().get("GET /api/quality-checks").get("archived"),
                    "include is not asked again in the same run");
            assertEquals(0, sandbox.stats().status(422));
        }
    }

    @Test
    void anotherRefusalIsNotMistakenForTheArchivedOne() {
        sandbox.configure(o -> o.withFailPath("422:^/api/quality-checks$"));
        try (QualyticsClient client = new QualyticsClient(new ServerConfig(sandbox.url(), sandbox.token(), Duration.ofSeconds(10)),
                ClientSettings.defaults(Log.silent()))) {
            var failure = org.junit.jupiter.api.Assertions.assertThrows(qdrift.cli.Failure.class,
                    () -> client.qualityChecks(sandbox.state().busiestDatastoreId()));
            assertTrue(failure.getMessage().contains("HTTP 422"), failure.getMessage());
            assertFalse(client.archivedFallbackInUse(), "a 422 that does not name archived is an error, not a fallback");
        } finally {
            sandbox.configure(o -> qdrift.sandbox.SandboxOptions.defaults());
        }
    }

    private static Set<Long> ids(List<ObjectNode> checks) {
        return checks.stream().map(c -> c.get("id").asLong()).collect(Collectors.toSet());
    }
}
