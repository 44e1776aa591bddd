package qdrift.export.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static qdrift.testing.PyYaml.plain;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.export.ExportLayout;
import qdrift.export.LayoutPath;
import qdrift.model.CanonicalYaml;
import qdrift.model.ResourceType;
import qdrift.sandbox.Kind;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.SandboxOptions;
import qdrift.sandbox.TenantSpec;
import qdrift.sandbox.TenantState;
import qdrift.testing.ScriptRun;
import qdrift.testing.PyYaml;

/**
 * Issue #3: what an export of the whole (small) tenant holds. Duplicate checks, names that slug alike, non-ASCII and
 * YAML-hostile names each get their own file; the files read back to the same values with Jackson and with a YAML 1.1
 * reader (PyYAML); no secret and no token reaches them. One export, made once, is inspected by every test.
 */
class ExportedFilesTest {
    private static final String TOKEN = "qd-test-token-7f3a9c41";
    private static final List<String> SECRET_VALUES = List.of("AKIAEXAMPLE", "pk-live-51HxQ", "-----BEGIN PRIVATE KEY-----", TOKEN);

    @TempDir
    static Path dir;
    private static Sandbox sandbox;
    private static ConfigRepo repo;
    private static ScriptRun export;
    private static Map<String, String> files;

    @BeforeAll
    static void exportTheWholeTenant() {
        sandbox = Sandbox.start(TenantSpec.small(), SandboxOptions.defaults().withToken(TOKEN));
        TenantState state = sandbox.state();
        state.updateConnection(state.idByName(Kind.CONNECTION, "prod-pg"),
                "{\"parameters\": {\"sslmode\": \"require\", \"api_key\": \"pk-live-51HxQ\"}}");
        state.updateConnection(state.idByName(Kind.CONNECTION, "snowflake-prod"),
                "{\"parameters\": {\"warehouse\": \"COMPUTE_WH\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\"}}");
        repo = ConfigRepo.init(dir);
        export = repo.exportOk(sandbox, "--all-datastores", "--verbose");
        files = repo.files();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void noSecretValueAndNoTokenReachesAFileOrTheOutput() {
        for (String secret : SECRET_VALUES) {
            files.forEach((path, text) -> assertFalse(text.contains(secret), "'" + secret + "' reached " + path));
            assertFalse(export.out().contains(secret) || export.err().contains(secret), "'" + secret + "' was printed");
        }
        assertTrue(files.get("connections/prod_pg.yaml").contains("${PROD_PG_PASSWORD}"),
                "a JDBC connection with a username gets a password placeholder:\n" + files.get("connections/prod_pg.yaml"));
        assertTrue(files.get("connections/prod_pg.yaml").contains("${PROD_PG_API_KEY}"),
                "a secret-looking parameter becomes a placeholder:\n" + files.get("connections/prod_pg.yaml"));
        assertTrue(files.get("connections/lake_s3.yaml").contains("${LAKE_S3_SECRET_KEY}"),
                "a DFS connection with an access key gets a secret key placeholder:\n" + files.get("connections/lake_s3.yaml"));
    }

    @Test
    void everyResourceHasItsOwnFile() {
        TenantState state = sandbox.state();
        Map<ResourceType, Integer> filesByType = new TreeMap<>();
        files.keySet().forEach(path -> ExportLayout.identify(path).map(LayoutPath::type)
                .ifPresent(type -> filesByType.merge(type, 1, Integer::sum)));

        assertEquals(state.count(Kind.CONNECTION), filesByType.get(ResourceType.CONNECTIONS), "one file per connection");
        assertEquals(state.count(Kind.DATASTORE), filesByType.get(ResourceType.DATASTORES), "one file per datastore");
        assertEquals(state.count(Kind.CONTAINER), filesByType.get(ResourceType.CONTAINERS), "one file per container");
        assertEquals(state.count(Kind.COMPUTED_FIELD), filesByType.get(ResourceType.COMPUTED_FIELDS), "one file per computed field");
        assertEquals(state.count(Kind.CHECK), filesByType.get(ResourceType.CHECKS),
                "one file per check, duplicates and archived checks included");

        long datastore = state.busiestDatastoreId();
        long containersWithChecks = state.checkIds(datastore).stream()
                .map(id -> state.get(Kind.CHECK, id).path("container_id").asLong()).distinct().count();
        long checkFolders = files.keySet().stream().map(ExportLayout::identify).flatMap(java.util.Optional::stream)
                .filter(p -> p.type() == ResourceType.CHECKS && p.datastoreSlug().equals("prod_warehouse"))
                .map(LayoutPath::containerSlug).distinct().count();
        assertEquals(containersWithChecks, checkFolders,
                "containers whose names slug alike (\"Order Items\", \"order_items\") or to nothing (\"日本語\") get their own folder");
    }

    @Test
    void filesReadBackToTheSameValuesWithJacksonAndPyYaml() throws Exception {
        assumeTrue(PyYaml.available(), "python3 with PyYAML is not installed: PyYAML part skipped");
        List<String> paths = new ArrayList<>(files.keySet().stream().filter(ExportLayout::isManaged).toList());
        List<JsonNode> loaded = PyYaml.load(repo.folder(), paths, dir);

        List<String> containerNames = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            Object jackson = plain(CanonicalYaml.read(files.get(path).getBytes(StandardCharsets.UTF_8), path));
            // format 2 names every key of the write call, null or empty where there is nothing: PyYAML must see them all
            java.util.Set<String> keys = new java.util.TreeSet<>();
            loaded.get(i).fieldNames().forEachRemaining(keys::add);
            ResourceType type = ExportLayout.identify(path).orElseThrow().type();
            assertTrue(keys.containsAll(qdrift.model.WriteKeys.of(type, loaded.get(i))), path + " names every key of its write call: " + keys);
            Object pyYaml = plain(qdrift.model.CanonicalValues.normalize(loaded.get(i)));
            assertEquals(jackson, pyYaml, "Jackson and PyYAML read " + path + " differently:\n" + files.get(path));
            if (path.startsWith("datastores/prod_warehouse/checks/") && pyYaml instanceof Map<?, ?> check) {
                containerNames.add(String.valueOf(check.get("container")));
            }
        }
        TenantState state = sandbox.state();
        List<String> expected = state.checkIds(state.busiestDatastoreId()).stream()
                .map(id -> state.nameOf(Kind.CONTAINER, state.get(Kind.CHECK, id).path("container_id").asLong()))
                .sorted().toList();
        assertTrue(expected.containsAll(List.of("yes", "null", "2024-01-15", "日本語", "Order Items", "order_items")),
                "the tenant has checks on YAML-hostile, non-ASCII and alike-slugging containers: " + expected);
        assertEquals(expected, containerNames.stream().sorted().toList(),
                "every check file names its container exactly, as PyYAML reads it");
        Object unused = plain(loaded.get(paths.indexOf("connections/2024_01_15.yaml")));
        assertEquals(Map.of("name", "2024-01-15", "username", "yes"), pick(unused, "name", "username"),
                "YAML 1.1 words stay strings");
    }

    private static Map<String, Object> pick(Object map, String... keys) {
        Map<String, Object> picked = new TreeMap<>();
        for (String key : keys) {
            picked.put(key, ((Map<?, ?>) map).get(key));
        }
        return picked;
    }
}
