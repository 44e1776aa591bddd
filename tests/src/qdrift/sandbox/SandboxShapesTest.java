package qdrift.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every response has every key of the contract's example (recursively), and no secret in clear. */
class SandboxShapesTest {
    private static final Set<String> SECRETS = Set.of("password", "passphrase", "secret_key", "credentials_payload");
    private static Sandbox sandbox;
    private static SandboxHttp http;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(TenantSpec.of(7, 300, 80));
        http = SandboxHttp.of(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static JsonNode example(String file) throws IOException {
        try (var in = SandboxShapesTest.class.getResourceAsStream("/examples/" + file)) {
            if (in == null) {
                throw new AssertionError("missing test resource examples/" + file);
            }
            return SandboxHttp.JSON.readTree(in);
        }
    }

    @Test
    void connectionsHaveEveryKeyOfTheExamplesAndNoSecret() throws IOException {
        assertHasKeys(example("connection-1.json"), http.getJson("/api/connections/1"), "connection 1");
        assertHasKeys(example("connection-2-dfs.json"), http.getJson("/api/connections/2"), "DFS connection 2");
        assertHasKeys(example("connection-3-secrets-manager.json"), http.getJson("/api/connections/3"), "secrets-manager connection 3");
        JsonNode all = http.getJson("/api/connections?size=100");
        assertEquals(6, all.get("total").asInt());
        assertNoSecret(all, "connections page");
    }

    @Test
    void aSecretSentInAWriteIsNeverReturned() {
        SandboxHttp.Reply reply = http.send("PATCH", "/api/connections/1", "{\"password\": \"hunter2\", \"secrets_manager\": {\"credentials_payload\": \"x\"}}");
        assertEquals(200, reply.status(), reply::toString);
        assertFalse(reply.raw().body().contains("hunter2"), "the password came back");
        assertFalse(http.get("/api/connections/1").raw().body().contains("hunter2"), "the password came back");
    }

    @Test
    void theDatastoreHasEveryKeyOfTheExample() throws IOException {
        JsonNode datastore = http.getJson("/api/datastores/10");
        assertHasKeys(example("datastore-10.json"), datastore, "datastore 10");
        assertNoSecret(datastore, "datastore 10");
        assertEquals("dq-enrichment", datastore.get("enrich_datastore").get("name").asText());
    }

    @Test
    void aContainerDetailHasEveryKeyOfTheExampleAndItsComputedFields() throws IOException {
        JsonNode example = example("container-100-detail.json");
        JsonNode detail = firstDetail(d -> d.get("computed_fields").size() > 0 && d.get("container_type").asText().equals("table"));
        JsonNode withoutFields = example.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) withoutFields).remove("computed_fields");
        assertHasKeys(withoutFields, detail, "container detail " + detail.get("id"));
        for (JsonNode exampleField : example.get("computed_fields")) {
            for (JsonNode field : detail.get("computed_fields")) {
                assertHasKeys(exampleField, field, "computed field " + field.get("id"));
            }
        }
    }

    @Test
    void aContainerPageHasEveryKeyOfTheExampleForEachContainerType() throws IOException {
        assertHasKeys(example("containers-page1.json"), http.getJson("/api/containers?datastore=10&size=100"), "containers page");
        JsonNode page = http.allPages("/api/containers?datastore=10&datastore=12");
        for (JsonNode exampleItem : example("containers-page1.json").get("items")) {
            String type = exampleItem.get("container_type").asText();
            boolean sources = exampleItem.has("sources");
            List<JsonNode> matching = new ArrayList<>();
            page.get("items").forEach(item -> {
                if (item.get("container_type").asText().equals(type) && item.has("sources") == sources) {
                    matching.add(item);
                }
            });
            assertFalse(matching.isEmpty(), "no " + type + (sources ? " with sources" : "") + " container in datastores 10 and 12");
            for (JsonNode item : matching) {
                assertHasKeys(exampleItem, item, type + " container " + item.get("id"));
                assertEquals(0, item.get("computed_fields").size(), "a list item has no computed fields");
            }
        }
    }

    @Test
    void aChecksPageHasEveryKeyOfTheExample() throws IOException {
        JsonNode example = example("quality-checks-page1.json");
        JsonNode page = http.getJson("/api/quality-checks?datastore=10&size=100");
        assertHasKeys(example, page, "checks page");
        for (JsonNode exampleItem : example.get("items")) {
            for (JsonNode item : page.get("items")) {
                assertHasKeys(exampleItem, item, "check " + item.get("id"));
            }
        }
    }

    @Test
    void unauthorizedHasTheExampleShape() throws IOException {
        assertEquals(example("error-401.json"), http.withToken("nope").get("/api/teams").json());
    }

    private static JsonNode firstDetail(Predicate<JsonNode> wanted) {
        for (long id : sandbox.state().containerIds(10)) {
            JsonNode detail = http.getJson("/api/containers/" + id);
            if (wanted.test(detail)) {
                return detail;
            }
        }
        return fail("no container of datastore 10 matches");
    }

    /** Every key of expected is in actual; nested objects (not lists) are compared the same way. */
    static void assertHasKeys(JsonNode expected, JsonNode actual, String where) {
        expected.fields().forEachRemaining(field -> {
            String key = field.getKey();
            assertTrue(actual.has(key), where + " lacks '" + key + "' (has " + names(actual) + ")");
            JsonNode value = field.getValue();
            if (value.isObject() && !value.isEmpty() && actual.get(key).isObject() && !key.equals("properties")
                    && !key.equals("parameters") && !key.equals("additional_metadata") && !key.equals("metrics")) {
                assertHasKeys(value, actual.get(key), where + "." + key);
            }
        });
    }

    private static void assertNoSecret(JsonNode node, String where) {
        node.fields().forEachRemaining(field -> {
            assertFalse(SECRETS.contains(field.getKey()), where + " returns the secret '" + field.getKey() + "'");
            assertNoSecret(field.getValue(), where + "." + field.getKey());
        });
        if (node.isArray()) {
            node.forEach(element -> assertNoSecret(element, where + "[]"));
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

}
