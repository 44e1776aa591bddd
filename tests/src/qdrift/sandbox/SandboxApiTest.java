package qdrift.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API as a client sees it: auth, unknown ids, writes the UI does, random order, legacy shapes and churn (the write contract: SandboxWritesTest). */
class SandboxApiTest {
    private static Sandbox sandbox;
    private static SandboxHttp http;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(TenantSpec.small());
        http = SandboxHttp.of(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static long aCheck() {
        return sandbox.state().checkIds(sandbox.state().busiestDatastoreId()).get(0);
    }

    @Test
    void aMissingOrWrongTokenGets401WithAJsonDetail() {
        for (SandboxHttp client : List.of(http.withToken(null), http.withToken("wrong"), http.withToken(sandbox.token() + "x"))) {
            SandboxHttp.Reply reply = client.get("/api/datastores/10");
            assertEquals(401, reply.status(), reply::toString);
            assertEquals("Could not validate credentials", reply.json().get("detail").asText());
        }
        assertEquals(200, http.get("/api/status").status());
    }

    @Test
    void theExpiredTokenSwitchRejectsEveryRequest() {
        sandbox.configure(o -> o.withExpiredToken(true));
        try {
            assertEquals(401, http.get("/api/teams").status());
            assertEquals(200, http.get("/api/status").status(), "/api/status is public: no token is checked there");
        } finally {
            sandbox.configure(o -> o.withExpiredToken(false));
        }
        assertEquals(200, http.get("/api/teams").status());
    }

    @Test
    void anUnknownIdGets404WithAJsonDetail() {
        for (String path : List.of("/api/quality-checks/999", "/api/datastores/999", "/api/containers/999",
                "/api/connections/999", "/api/computed-fields/999")) {
            SandboxHttp.Reply reply = http.get(path);
            assertEquals(404, reply.status(), path + ": " + reply);
            assertTrue(reply.json().get("detail").asText().contains("999"), reply::toString);
        }
    }

    @Test
    void aPatchOrPutShowsInTheNextGet() {
        long id = aCheck();
        SandboxHttp.Reply patched = http.send("PATCH", "/api/quality-checks/" + id, "{\"description\": \"changed in the UI\", \"tags\": [\"pii\"]}");
        assertEquals(200, patched.status(), patched::toString);
        JsonNode check = http.getJson("/api/quality-checks/" + id);
        assertEquals("changed in the UI", check.get("description").asText());
        assertEquals("pii", check.get("global_tags").get(0).get("name").asText(), "tag names become global_tags objects");
        assertTrue(check.has("rule_type") && check.has("container"), "fields not sent are kept: " + check);

        http.send("PATCH", "/api/datastores/10", "{\"schema\": \"sales\"}");
        assertEquals("sales", http.getJson("/api/datastores/10").get("schema").asText());
    }

    @Test
    void aDeletedCheckIsGoneAndAPostedOneIsListed() {
        long datastore = sandbox.state().busiestDatastoreId();
        long container = sandbox.state().containerIds(datastore).get(0);
        long victim = sandbox.state().checkIds(datastore).get(1);
        // listed once before the writes, so the listing after them proves the sandbox's grouping is not stale
        String listing = "/api/quality-checks?datastore=" + datastore + "&container=" + container;
        assertTrue(http.allPages(listing).get("items").findValuesAsText("description").size() > 0);
        long checkCount = http.getJson("/api/datastores/" + datastore).get("check_count").asLong();
        assertEquals(204, http.send("DELETE", "/api/quality-checks/" + victim, null).status());
        assertEquals(404, http.get("/api/quality-checks/" + victim).status());
        assertEquals(checkCount - 1, http.getJson("/api/datastores/" + datastore).get("check_count").asLong(),
                "the datastore's check_count counts the deleted check no more");

        SandboxHttp.Reply created = http.send("POST", "/api/quality-checks", "{\"container_id\": " + container
                + ", \"rule\": \"notNull\", \"fields\": [\"id\"], \"description\": \"new from the UI\"}");
        assertEquals(200, created.status(), created::toString);
        long id = created.json().get("id").asLong();
        JsonNode page = http.allPages(listing);
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asLong()));
        assertTrue(ids.contains(id), "the new check " + id + " is listed: " + ids);
        assertFalse(ids.contains(victim));
        assertEquals("notNull", http.getJson("/api/quality-checks/" + id).get("rule_type").asText());
        assertEquals(checkCount, http.getJson("/api/datastores/" + datastore).get("check_count").asLong(),
                "one check deleted and one created leave the datastore's check_count as it was");
    }

    @Test
    void computedFieldsAreWrittenThroughTheirOwnEndpoint() {
        long container = sandbox.state().containerIds(10).get(2);
        SandboxHttp.Reply created = http.send("POST", "/api/computed-fields", "{\"container_id\": " + container
                + ", \"name\": \"upper_name\", \"transformation\": \"customExpression\", \"properties\": {\"column_expression\": \"UPPER(name)\"}}");
        assertEquals(200, created.status(), created::toString);
        long id = created.json().get("id").asLong();
        SandboxHttp.Reply renamed = http.send("PUT", "/api/computed-fields/" + id, "{\"name\": \"upper_name_2\", \"transformation\": "
                + "\"customExpression\", \"source_fields\": null, \"properties\": {\"column_expression\": \"UPPER(name)\"}}");
        assertEquals(200, renamed.status(), renamed::toString);
        JsonNode detail = http.getJson("/api/containers/" + container);
        assertTrue(detail.get("computed_fields").findValuesAsText("name").contains("upper_name_2"), detail::toString);
        assertEquals(204, http.send("DELETE", "/api/computed-fields/" + id, null).status());
        assertFalse(http.getJson("/api/containers/" + container).get("computed_fields").findValuesAsText("name").contains("upper_name_2"));
    }

    @Test
    void aPostWithoutItsContainerIsRefusedWith422() {
        SandboxHttp.Reply reply = http.send("POST", "/api/quality-checks", "{\"rule\": \"notNull\"}");
        assertEquals(422, reply.status(), reply::toString);
        assertTrue(reply.json().get("detail").asText().contains("container_id"), reply::toString);
    }

    @Test
    void randomOrderChangesItemAndKeyOrderButNotContent() {
        String path = "/api/quality-checks?datastore=" + sandbox.state().busiestDatastoreId() + "&size=60";
        sandbox.configure(o -> o.withRandomOrder(true));
        try {
            JsonNode first = http.getJson(path);
            JsonNode second = http.getJson(path);
            assertNotEquals(ids(first), ids(second), "item order differs between two listings");
            assertEquals(new HashSet<>(ids(first)), new HashSet<>(ids(second)), "same items");
            assertTrue(byId(first).equals(byId(second)), "same items with the same content (JsonNode equality ignores key order)");
            assertNotEquals(keys(first.get("items").get(0)) + keys(first.get("items").get(1)),
                    keys(second.get("items").get(0)) + keys(second.get("items").get(1)), "key order differs");
        } finally {
            sandbox.configure(o -> o.withRandomOrder(false));
        }
    }

    @Test
    void legacyShapesServeTheSameDataTheOldWay() {
        long id = aCheck();
        JsonNode current = http.getJson("/api/datastores/10");
        JsonNode check = http.getJson("/api/quality-checks/" + id);
        sandbox.configure(o -> o.withLegacyShapes(true));
        try {
            JsonNode legacy = http.getJson("/api/datastores/10");
            assertFalse(legacy.has("connection_id"));
            assertEquals("prod-pg", legacy.get("connection").get("name").asText());
            assertFalse(legacy.has("global_tags"));
            assertEquals(current.get("global_tags").findValuesAsText("name"), names(legacy.get("tags")));
            assertEquals(current.get("teams").findValuesAsText("name"), names(legacy.get("teams")));
            JsonNode oldCheck = http.getJson("/api/quality-checks/" + id);
            assertTrue(oldCheck.get("coverage").isNumber());
            assertEquals(check.get("coverage").asDouble(), oldCheck.get("coverage").asDouble());
            if (check.get("coverage").asDouble() == 1.0) {
                assertTrue(oldCheck.get("coverage").isIntegralNumber(), "coverage 1, not 1.0: " + oldCheck);
            }
        } finally {
            sandbox.configure(o -> o.withLegacyShapes(false));
        }
    }

    @Test
    void churnMovesServerStateButNoConfiguration() {
        long id = aCheck();
        sandbox.configure(o -> o.withChurn(true));
        try {
            JsonNode first = http.getJson("/api/quality-checks/" + id);
            JsonNode second = http.getJson("/api/quality-checks/" + id);
            assertNotEquals(first.get("last_asserted"), second.get("last_asserted"));
            JsonNode ds1 = http.getJson("/api/datastores/10");
            JsonNode ds2 = http.getJson("/api/datastores/10");
            assertNotEquals(ds1.get("metrics"), ds2.get("metrics"));
            for (String key : List.of("rule_type", "fields", "filter", "properties", "coverage", "description", "global_tags",
                    "additional_metadata", "status", "created", "last_updated")) {
                assertEquals(first.get(key), second.get(key), key + " is configuration: it must not churn");
            }
        } finally {
            sandbox.configure(o -> o.withChurn(false));
        }
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    /** Items by id, each in a canonical text: keys sorted, and the unordered tag lists sorted too. */
    private static java.util.Map<Long, String> byId(JsonNode page) {
        java.util.Map<Long, String> items = new java.util.HashMap<>();
        page.get("items").forEach(item -> items.put(item.get("id").asLong(), canonical(item, false)));
        return items;
    }

    private static String canonical(JsonNode node, boolean unordered) {
        if (node.isObject()) {
            java.util.TreeMap<String, String> fields = new java.util.TreeMap<>();
            node.fields().forEachRemaining(f -> fields.put(f.getKey(), canonical(f.getValue(), f.getKey().equals("global_tags"))));
            return fields.toString();
        }
        if (node.isArray()) {
            List<String> elements = new ArrayList<>();
            node.forEach(e -> elements.add(canonical(e, false)));
            if (unordered) {
                elements.sort(null);
            }
            return elements.toString();
        }
        return node.toString();
    }

    private static String keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys.toString();
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(n -> names.add(n.asText()));
        return names;
    }

}
