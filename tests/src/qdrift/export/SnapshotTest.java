package qdrift.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.model.Examples;
import qdrift.model.MapNameResolver;
import qdrift.model.ResourceType;
import qdrift.model.TenantData;

class SnapshotTest {
    private static final Set<ResourceType> ALL = EnumSet.allOf(ResourceType.class);

    /** The contract examples as one tenant: datastore 10 with its containers, computed fields and checks. */
    static TenantData tenant() {
        List<ObjectNode> containers = new ArrayList<>(Examples.items("containers-page1.json"));
        containers.set(0, Examples.object("container-100-detail.json"));
        return new TenantData(
                List.of(Examples.object("connection-1.json"), Examples.object("connection-2-dfs.json"),
                        Examples.object("connection-3-secrets-manager.json")),
                List.of(new TenantData.DatastoreData(Examples.object("datastore-10.json"), containers,
                        Examples.items("quality-checks-page1.json"))));
    }

    /** Names of what lies outside the tenant: the enrichment datastore and its containers. */
    static MapNameResolver outside() {
        return new MapNameResolver().datastore(20, "dq-enrichment").container(200, "customers", 20L)
                .container(150, "orders_csv", 10L);
    }

    @Test
    void theExamplesAreLaidOutAsTheOfficialCliDoes() {
        Snapshot snapshot = Snapshot.of(tenant(), outside(), ALL);
        assertEquals(List.of(
                "connections/lake_s3.yaml",
                "connections/prod_pg.yaml",
                "connections/vault_db.yaml",
                "datastores/prod_warehouse/_datastore.yaml",
                "datastores/prod_warehouse/checks/orders/between__total_amount.yaml",
                "datastores/prod_warehouse/checks/orders/between__total_amount__58.yaml",
                "datastores/prod_warehouse/checks/orders/existsin__customer_id.yaml",
                "datastores/prod_warehouse/checks/orders/notnull__order_id.yaml",
                "datastores/prod_warehouse/containers/combined_sql/_container.yaml",
                "datastores/prod_warehouse/containers/filtered_orders/_container.yaml",
                "datastores/prod_warehouse/containers/orders/_container.yaml",
                "datastores/prod_warehouse/containers/orders/computed_fields/cleaned_company.yaml",
                "datastores/prod_warehouse/containers/orders/computed_fields/customer_name.yaml",
                "datastores/prod_warehouse/containers/orders/computed_fields/full_name.yaml",
                "datastores/prod_warehouse/containers/orders_csv_slice/_container.yaml",
                "datastores/prod_warehouse/containers/orders_customers/_container.yaml"),
                new ArrayList<>(snapshot.entries().keySet()));
        assertEquals(Map.of(ResourceType.CONNECTIONS, 3, ResourceType.DATASTORES, 1, ResourceType.CONTAINERS, 5,
                ResourceType.COMPUTED_FIELDS, 3, ResourceType.CHECKS, 4), snapshot.counts());
        SnapshotEntry check = snapshot.entries().get("datastores/prod_warehouse/checks/orders/notnull__order_id.yaml");
        assertEquals(new SnapshotEntry(ResourceType.CHECKS, "prod-warehouse", "orders", "orders__notnull__order_id",
                check.body()), check);
    }

    @Test
    void includeKeepsOnlyTheChosenTypes() {
        Snapshot checks = Snapshot.of(tenant(), outside(), EnumSet.of(ResourceType.CHECKS));
        assertTrue(checks.entries().values().stream().allMatch(e -> e.type() == ResourceType.CHECKS));
        assertEquals(4, checks.entries().size());
    }

    @Test
    void twoChecksOnTheSameContainerRuleAndFieldsKeepTheirNamesWhenOneIsEdited() {
        Snapshot before = Snapshot.of(tenant(), outside(), ALL);
        TenantData edited = tenant();
        edited.datastores().get(0).checks().stream().filter(c -> c.get("id").asLong() == 57).findFirst()
                .orElseThrow().put("filter", "region = 'EMEA'");
        Snapshot after = Snapshot.of(edited, outside(), ALL);
        assertEquals(before.entries().keySet(), after.entries().keySet(), "editing a check must not rename files");
        String eu = "datastores/prod_warehouse/checks/orders/between__total_amount.yaml";
        String us = "datastores/prod_warehouse/checks/orders/between__total_amount__58.yaml";
        assertNotEquals(before.entries().get(eu).body(), after.entries().get(eu).body());
        assertEquals(before.entries().get(us).body(), after.entries().get(us).body());
        assertEquals("orders__between__total_amount__58", after.entries().get(us).name(), "uids are distinct too");
    }

    @Test
    void writingTheSameSnapshotTwiceGivesIdenticalBytes() {
        SortedMap<String, byte[]> first = Snapshot.of(tenant(), outside(), ALL).render();
        SortedMap<String, byte[]> second = Snapshot.of(tenant(), outside(), ALL).render();
        assertEquals(first.keySet(), second.keySet());
        first.forEach((path, bytes) -> assertArrayEquals(bytes, second.get(path), path));
    }

    @Test
    void shufflingEveryListAndEveryObjectsKeysGivesIdenticalBytes() {
        SortedMap<String, byte[]> expected = Snapshot.of(tenant(), outside(), ALL).render();
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            TenantData data = tenant();
            List<ObjectNode> connections = shuffled(data.connections(), random);
            List<TenantData.DatastoreData> datastores = new ArrayList<>();
            for (TenantData.DatastoreData d : data.datastores()) {
                datastores.add(new TenantData.DatastoreData(shuffleKeys(d.datastore(), random),
                        shuffled(d.containers(), random), shuffled(d.checks(), random)));
            }
            SortedMap<String, byte[]> actual =
                    Snapshot.of(new TenantData(connections, shuffled(datastores, random)), outside(), ALL).render();
            assertEquals(expected.keySet(), actual.keySet(), "seed " + seed);
            long s = seed;
            expected.forEach((path, bytes) -> assertEquals(new String(bytes, StandardCharsets.UTF_8),
                    new String(actual.get(path), StandardCharsets.UTF_8), path + ", seed " + s));
        }
    }

    @Test
    void namesThatSlugAlikeOrToNothingNeverShareAFile() {
        List<ObjectNode> connections = new ArrayList<>();
        for (String name : List.of("Order Items", "order_items", "order-items", "日本語", "中文", "../../x")) {
            connections.add(Examples.raw("{'name': '" + name + "', 'type': 'postgresql'}"));
        }
        Snapshot snapshot = Snapshot.of(new TenantData(connections, List.of()), null, ALL);
        assertEquals(6, snapshot.entries().size(), "every connection has its own file: " + snapshot.entries().keySet());
        assertTrue(snapshot.entries().containsKey("connections/order_items.yaml"), "a name that is its slug keeps it");
        assertEquals("order_items", snapshot.entries().get("connections/order_items.yaml").name());
        assertTrue(snapshot.entries().containsKey("connections/x.yaml"), snapshot.entries().keySet().toString());
        for (String path : snapshot.entries().keySet()) {
            assertTrue(path.matches("connections/[a-z0-9_]+\\.yaml"), "escaped the folder or not a slug: " + path);
        }
    }

    @Test
    void aSnapshotReadBackFromItsFilesHasTheSameEntries(@TempDir Path folder) throws Exception {
        Snapshot snapshot = Snapshot.of(tenant(), outside(), ALL);
        for (Map.Entry<String, byte[]> file : snapshot.render().entrySet()) {
            Path path = folder.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
        Files.writeString(folder.resolve("README.md"), "# not managed");
        Files.writeString(folder.resolve(".driftignore"), "checks/\n");
        Files.createDirectories(folder.resolve(".git"));
        Files.writeString(folder.resolve(".git/config.yaml"), "not: managed");
        Snapshot read = Snapshot.readFolder(folder);
        assertEquals(snapshot.entries(), read.entries());
    }

    @Test
    void aMalformedFileInTheFolderIsAnIoFailureNamingIt(@TempDir Path folder) throws Exception {
        Files.createDirectories(folder.resolve("connections"));
        Files.writeString(folder.resolve("connections/prod_pg.yaml"), "name: [broken\n");
        Failure failure = assertThrows(Failure.class, () -> Snapshot.readFolder(folder));
        assertEquals(ExitCode.IO, failure.exitCode());
        assertTrue(failure.getMessage().contains("connections/prod_pg.yaml"), failure.getMessage());
    }

    @Test
    void noRealSecretEverReachesAFile() {
        TenantData data = tenant();
        data.connections().get(0).put("password", "hunter2");
        data.connections().get(0).with("parameters").put("api_key", "sk-live-123");
        String all = new String(Snapshot.of(data, outside(), ALL).render().values().stream()
                .reduce(new byte[0], SnapshotTest::concat), StandardCharsets.UTF_8);
        for (String secret : List.of("hunter2", "sk-live-123", "AKIAEXAMPLE")) {
            assertFalse(all.contains(secret), secret + " reached a file");
        }
        assertTrue(all.contains("password: ${PROD_PG_PASSWORD}"));
    }

    @Test
    void exportLayoutManagesOnlyTheExportFiles() {
        assertEquals(new LayoutPath(ResourceType.CHECKS, "prod_warehouse", "orders", "notnull__order_id"),
                ExportLayout.identify("datastores/prod_warehouse/checks/orders/notnull__order_id.yaml").orElseThrow());
        assertEquals(ResourceType.COMPUTED_FIELDS,
                ExportLayout.identify("datastores/d/containers/c/computed_fields/f.yaml").orElseThrow().type());
        for (String unmanaged : List.of("README.md", ".driftignore", "qualytics-drift.json", "connections/x.yml",
                "connections/../x.yaml", "datastores/d/notes.yaml", "connections/sub/x.yaml")) {
            assertFalse(ExportLayout.isManaged(unmanaged), unmanaged + " must not be managed");
        }
        assertThrows(IllegalArgumentException.class, () -> ExportLayout.connection("../../x"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> shuffled(List<T> list, Random random) {
        List<T> copy = new ArrayList<>();
        for (T element : list) {
            copy.add(element instanceof ObjectNode o ? (T) shuffleKeys(o, random) : element);
        }
        Collections.shuffle(copy, random);
        return copy;
    }

    /** A copy with the keys of every object in a random order, and set-like lists shuffled. */
    static ObjectNode shuffleKeys(ObjectNode object, Random random) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        Collections.shuffle(keys, random);
        ObjectNode copy = object.objectNode();
        for (String key : keys) {
            copy.set(key, shuffleValue(key, object.get(key), random));
        }
        return copy;
    }

    private static final Set<String> SETS = Set.of("global_tags", "tags", "teams", "fields", "source_fields",
            "sources", "computed_fields");

    private static JsonNode shuffleValue(String key, JsonNode value, Random random) {
        if (value instanceof ObjectNode o) {
            return shuffleKeys(o, random);
        }
        if (value instanceof ArrayNode array) {
            List<JsonNode> elements = new ArrayList<>();
            for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
                JsonNode e = it.next();
                elements.add(e instanceof ObjectNode o ? shuffleKeys(o, random) : e);
            }
            if (SETS.contains(key)) {
                Collections.shuffle(elements, random);
            }
            ArrayNode copy = array.arrayNode();
            elements.forEach(copy::add);
            return copy;
        }
        return value;
    }
}
