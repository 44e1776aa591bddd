package qdrift.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The write calls of the contract, with the bodies the official CLI sends: each test on a fresh tenant. */
class SandboxWritesTest {
    private Sandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(TenantSpec.small(), SandboxOptions.defaults().withReadOnlyToken("reader-token"));
        http = SandboxHttp.of(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private long aCheck() {
        return sandbox.state().checkIds(sandbox.state().busiestDatastoreId()).stream()
                .filter(id -> sandbox.state().get(Kind.CHECK, id).path("status").asText().equals("Active")).findFirst().orElseThrow();
    }

    /** The body of the official import's PUT: every key of the full update, as a check file would give them. */
    private static String fullCheckUpdate(String description, String filter) {
        return "{\"description\": " + json(description) + ", \"fields\": [\"id\"], \"coverage\": 1.0, \"filter\": " + json(filter)
                + ", \"properties\": {}, \"tags\": [\"pii\"], \"additional_metadata\": {\"_qualytics_check_uid\": \"u-1\"},"
                + " \"status\": \"Active\", \"anomaly_message_field\": null}";
    }

    private static String json(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }

    private SandboxHttp.Reply ok(SandboxHttp.Reply reply) {
        assertTrue(reply.status() / 100 == 2, reply::toString);
        return reply;
    }

    // ---- quality checks ----

    @Test
    void aCheckPostGetsANewIdAndTheFullShape() {
        long container = sandbox.state().containerIds(10).get(0);
        long before = sandbox.state().ids(Kind.CHECK).stream().mapToLong(Long::longValue).max().orElseThrow();
        JsonNode created = ok(http.send("POST", "/api/quality-checks", "{\"container_id\": " + container
                + ", \"rule\": \"notNull\", \"description\": \"new\", \"fields\": [\"id\"], \"coverage\": 1, \"filter\": null,"
                + " \"properties\": {}, \"tags\": [\"pii\"], \"additional_metadata\": {}, \"status\": \"Active\"}")).json();
        assertTrue(created.get("id").asLong() > before, "a new id: " + created);
        assertEquals("notNull", created.get("rule_type").asText());
        assertEquals(container, created.get("container").get("id").asLong());
        assertEquals("pii", created.get("global_tags").get(0).get("name").asText());
        for (String key : List.of("filter", "anomaly_message_field", "created", "last_updated", "anomaly_count")) {
            assertTrue(created.has(key), key + " is in a created check as in a generated one: " + created);
        }
    }

    @Test
    void aPutIsAFullUpdateThatClearsWhatTheBodyClearsAndKeepsServerState() {
        long id = aCheck();
        ObjectNode live = sandbox.state().get(Kind.CHECK, id);
        sandbox.state().updateCheck(id, "{\"filter\": \"amount > 0\", \"anomaly_message_field\": \"id\", \"owner_id\": 7}");
        JsonNode put = ok(http.send("PUT", "/api/quality-checks/" + id, fullCheckUpdate("put back", null))).json();
        assertTrue(put.get("filter").isNull(), "filter: null clears the UI's filter: " + put);
        assertTrue(put.get("anomaly_message_field").isNull());
        assertEquals("put back", put.get("description").asText());
        assertEquals(List.of("id"), put.get("fields").findValuesAsText("name"));
        assertEquals(live.get("rule_type"), put.get("rule_type"), "the rule stays");
        assertEquals(live.get("created"), put.get("created"), "server state stays");
        assertEquals(live.get("anomaly_count"), put.get("anomaly_count"));
        assertEquals(7, put.get("owner_id").asInt(), "owner_id, not in the body, keeps its live value");
        assertEquals("u-1", http.getJson("/api/quality-checks/" + id).get("additional_metadata").get("_qualytics_check_uid").asText());
    }

    @Test
    void aPutWithoutAKeyOfTheFullUpdateIsA422NamingIt() {
        long id = aCheck();
        JsonNode before = http.getJson("/api/quality-checks/" + id);
        SandboxHttp.Reply reply = http.send("PUT", "/api/quality-checks/" + id, "{\"description\": \"only this\"}");
        assertEquals(422, reply.status(), reply::toString);
        String detail = reply.json().get("detail").asText();
        for (String key : List.of("coverage", "fields", "filter", "properties", "status", "tags")) {
            assertTrue(detail.contains(key), key + " named in: " + detail);
        }
        assertEquals(before, http.getJson("/api/quality-checks/" + id), "a refused write changes nothing");
        assertEquals(0, sandbox.stats().writes(), "a 422 is no write");
    }

    @Test
    void aPutCannotMoveACheckOrChangeItsRuleAndBadValuesAre422() {
        long id = aCheck();
        String rule = sandbox.state().get(Kind.CHECK, id).get("rule_type").asText();
        String other = rule.equals("notNull") ? "isUnique" : "notNull";
        String body = fullCheckUpdate("x", null);
        assertEquals(422, http.send("PUT", "/api/quality-checks/" + id, body.replaceFirst("\\{", "{\"rule\": \"" + other + "\", ")).status());
        SandboxHttp.Reply repeated = http.send("PUT", "/api/quality-checks/" + id, body.replaceFirst("\\{", "{\"rule\": \"" + rule + "\", "));
        assertEquals(422, repeated.status(), "UpdateQualityCheck has no rule: not even the same one");
        assertTrue(repeated.json().get("detail").asText().contains("rule: extra fields not permitted"), repeated::toString);
        sandbox.configure(o -> o.withLegacyShapes(true));
        assertEquals(200, http.send("PUT", "/api/quality-checks/" + id, body.replaceFirst("\\{", "{\"rule\": \"" + rule + "\", ")).status(),
                "the lenient server lets the same rule be repeated");
        sandbox.configure(o -> o.withLegacyShapes(false));
        for (String bad : List.of("\"coverage\": 1.0", "\"status\": \"Active\"", "\"fields\": [\"id\"]")) {
            String replaced = body.replace(bad, bad.startsWith("\"coverage") ? "\"coverage\": 1.5"
                    : bad.startsWith("\"status") ? "\"status\": \"Enabled\"" : "\"fields\": \"id\"");
            SandboxHttp.Reply reply = http.send("PUT", "/api/quality-checks/" + id, replaced);
            assertEquals(422, reply.status(), replaced + " -> " + reply);
        }
        SandboxHttp.Reply named = http.send("POST", "/api/quality-checks", "{\"container_name\": \"orders\", \"rule\": \"notNull\"}");
        assertEquals(422, named.status());
        assertTrue(named.json().get("detail").asText().contains("container_name: extra fields not permitted"), named::toString);
        sandbox.configure(o -> o.withLegacyShapes(true));
        SandboxHttp.Reply lenient = http.send("POST", "/api/quality-checks", "{\"container_name\": \"orders\", \"rule\": \"notNull\"}");
        assertEquals(422, lenient.status());
        assertTrue(lenient.json().get("detail").asText().contains("references are ids"), lenient::toString);
        sandbox.configure(o -> o.withLegacyShapes(false));
    }

    @Test
    void aPatchChangesOnlyTheKeysItNames() {
        long id = aCheck();
        JsonNode before = http.getJson("/api/quality-checks/" + id);
        JsonNode patched = ok(http.send("PATCH", "/api/quality-checks/" + id, "{\"filter\": \"x > 1\"}")).json();
        assertEquals("x > 1", patched.get("filter").asText());
        for (String key : List.of("description", "fields", "properties", "global_tags", "coverage", "status")) {
            assertEquals(before.get(key), patched.get(key), key);
        }
    }

    @Test
    void archiveIsASoftDeleteListedOnlyWithArchivedIncludeAndDeleteRemoves() {
        long datastore = sandbox.state().busiestDatastoreId();
        long archived = aCheck();
        String listing = "/api/quality-checks?datastore=" + datastore;
        assertEquals(204, http.send("DELETE", "/api/quality-checks/" + archived + "?archive=true&status=Discarded&delete_anomalies=true", null).status());
        JsonNode check = http.getJson("/api/quality-checks/" + archived);
        assertEquals("Discarded", check.get("status").asText(), "the check stays, archived");
        assertFalse(ids(http.allPages(listing)).contains(archived), "hidden from the default listing");
        assertTrue(ids(http.allPages(listing + "&archived=include")).contains(archived), "listed with archived=include");
        ok(http.send("PUT", "/api/quality-checks/" + archived, fullCheckUpdate("restored", null)));
        assertTrue(ids(http.allPages(listing)).contains(archived), "a PUT with status Active restores it");

        long removed = sandbox.state().checkIds(datastore).get(3);
        SandboxHttp.Reply notArchived = http.send("DELETE", "/api/quality-checks/" + removed + "?archive=false", null);
        assertEquals(422, notArchived.status(), "only an archived check can be deleted");
        assertTrue(notArchived.json().get("detail").asText().contains("archive it first"), notArchived::toString);
        assertEquals(204, http.send("DELETE", "/api/quality-checks/" + removed + "?archive=true", null).status());
        assertEquals(204, http.send("DELETE", "/api/quality-checks/" + removed + "?archive=false&delete_anomalies=true", null).status());
        assertEquals(404, http.get("/api/quality-checks/" + removed).status());
        assertEquals(422, http.send("DELETE", "/api/quality-checks/" + archived + "?archive=maybe", null).status());
    }

    @Test
    void theBulkDeleteArchivesAndRemovesAllOrNothing() {
        List<Long> ids = sandbox.state().checkIds(sandbox.state().busiestDatastoreId());
        long a = ids.get(4);
        long b = ids.get(5);
        SandboxHttp.Reply missing = http.send("DELETE", "/api/quality-checks", "[{\"id\": " + a + ", \"archive\": false}, {\"id\": 999}]");
        assertEquals(404, missing.status(), missing::toString);
        assertEquals(200, http.get("/api/quality-checks/" + a).status(), "nothing applied when one item fails");
        assertEquals(204, http.send("DELETE", "/api/quality-checks", "[{\"id\": " + a + ", \"archive\": false}, {\"id\": " + b
                + ", \"archive\": true, \"status\": \"Invalid\"}]").status());
        assertEquals(404, http.get("/api/quality-checks/" + a).status());
        assertEquals("Invalid", http.getJson("/api/quality-checks/" + b).get("status").asText());
    }

    // ---- containers ----

    private long aComputedTable() {
        return sandbox.state().ids(Kind.CONTAINER).stream()
                .filter(id -> sandbox.state().get(Kind.CONTAINER, id).path("container_type").asText().equals("computed_table"))
                .findFirst().orElseThrow();
    }

    @Test
    void onlyComputedContainersArePostedWithWhatTheirTypeNeeds() {
        long datastore = 10;
        long source = sandbox.state().containerIds(datastore).get(0);
        JsonNode created = ok(http.send("POST", "/api/containers", "{\"datastore_id\": 10, \"name\": \"big_orders\", "
                + "\"container_type\": \"computed_table\", \"query\": \"SELECT id, amount FROM orders WHERE amount > 100\"}")).json();
        assertEquals("big_orders", created.get("name").asText());
        assertEquals(10, created.get("datastore").get("id").asLong());
        assertTrue(created.get("id").asLong() > 0);
        assertEquals(422, http.send("POST", "/api/containers", "{\"datastore_id\": 10, \"name\": \"t\", \"container_type\": \"table\"}").status());
        assertEquals(422, http.send("POST", "/api/containers", "{\"datastore_id\": 10, \"name\": \"t\", \"container_type\": \"computed_table\"}").status());
        assertEquals(409, http.send("POST", "/api/containers", "{\"datastore_id\": 10, \"name\": \"big_orders\", "
                + "\"container_type\": \"computed_table\", \"query\": \"SELECT 1\"}").status(), "names are unique in a datastore");
        ok(http.send("POST", "/api/containers", "{\"datastore_id\": 10, \"name\": \"slice\", \"container_type\": \"computed_file\", "
                + "\"source_container_id\": " + source + ", \"select_clause\": \"id\"}"));
        assertEquals(422, http.send("POST", "/api/containers", "{\"datastore_id\": 10, \"name\": \"slice2\", \"container_type\": "
                + "\"computed_file\", \"source_container_id\": 99999}").status(), "a reference to no container");
        ok(http.send("PATCH", "/api/containers", "[{\"id\": " + created.get("id").asLong() + ", \"tags\": [\"finance\"]}]"));
        assertEquals("finance", http.getJson("/api/containers/" + created.get("id").asLong()).get("global_tags").get(0).get("name").asText());
    }

    @Test
    void aContainerPutThatDropsFieldsChecksUseIs409UnlessForced() {
        long container = aComputedTable();
        ObjectNode live = sandbox.state().get(Kind.CONTAINER, container);
        String used = sandbox.state().createCheck("{\"container_id\": " + container + ", \"rule\": \"notNull\", \"fields\": [\"amount\"]}")
                .get("fields").get(0).get("name").asText();
        String narrower = "{\"name\": \"" + live.get("name").asText() + "\", \"container_type\": \"computed_table\", "
                + "\"query\": \"SELECT id, status FROM orders\", \"additional_metadata\": null, \"tags\": []}";
        SandboxHttp.Reply refused = http.send("PUT", "/api/containers/" + container, narrower);
        assertEquals(409, refused.status(), refused::toString);
        assertTrue(refused.json().get("detail").asText().contains(used), refused::toString);
        assertEquals(live.get("query"), sandbox.state().get(Kind.CONTAINER, container).get("query"), "nothing changed");

        JsonNode forced = ok(http.send("PUT", "/api/containers/" + container, narrower.replaceFirst("\\{", "{\"force_drop_fields\": true, "))).json();
        assertEquals("SELECT id, status FROM orders", forced.get("query").asText());
        assertFalse(sandbox.state().get(Kind.CONTAINER, container).has("force_drop_fields"), "the flag is no configuration");
        String wider = narrower.replace("SELECT id, status FROM orders", "SELECT * FROM orders");
        ok(http.send("PUT", "/api/containers/" + container, wider));
        assertEquals(422, http.send("PUT", "/api/containers/" + container, wider.replace("computed_table", "computed_join")).status(),
                "a container's type never changes");
        assertEquals(422, http.send("PUT", "/api/containers/" + container, wider.replaceFirst("\\{", "{\"source_container_name\": \"orders\", ")).status(),
                "references are ids");
        assertEquals(204, http.send("DELETE", "/api/containers/" + container, null).status());
        assertEquals(404, http.get("/api/containers/" + container).status());
    }

    @Test
    void selectedFieldsReadTheSelectList() {
        assertEquals(List.of("id", "amount", "total"), List.copyOf(SelectedFields.of("select o.id, \"amount\", SUM(x, y) AS total\nFROM t", null)));
        assertEquals(SelectedFields.ALL, SelectedFields.of("SELECT *\nFROM t WHERE a = 1", null));
        assertEquals(List.of("id", "status"), List.copyOf(SelectedFields.of(null, "l.id, r.status")));
        assertEquals(SelectedFields.ALL, SelectedFields.of(null, "l.*, r.status"));
    }

    // ---- computed fields, connections, datastores, operations ----

    @Test
    void aComputedFieldPutIsAFullUpdateAndNeverMovesIt() {
        long container = sandbox.state().containerIds(10).get(2);
        long other = sandbox.state().containerIds(10).get(3);
        long id = ok(http.send("POST", "/api/computed-fields", "{\"container_id\": " + container + ", \"name\": \"n\", "
                + "\"transformation\": \"customExpression\", \"source_fields\": null, \"properties\": {\"column_expression\": \"1\"},"
                + " \"additional_metadata\": {\"note\": \"x\"}}")).json().get("id").asLong();
        String full = "{\"name\": \"n\", \"transformation\": \"customExpression\", \"source_fields\": null, \"properties\": {\"column_expression\": \"2\"}}";
        JsonNode put = ok(http.send("PUT", "/api/computed-fields/" + id, full)).json();
        assertEquals("2", put.get("properties").get("column_expression").asText());
        assertTrue(put.get("additional_metadata").isNull(), "not in the full update: reset " + put);
        assertEquals(422, http.send("PUT", "/api/computed-fields/" + id, full.replaceFirst("\\{", "{\"container_id\": " + other + ", ")).status());
        assertEquals(422, http.send("PUT", "/api/computed-fields/" + id, "{\"name\": \"n\"}").status());
        assertEquals(409, http.send("POST", "/api/computed-fields", full.replaceFirst("\\{", "{\"container_id\": " + container + ", ")).status(),
                "names are unique in a container");
    }

    @Test
    void connectionAndDatastorePutsTakeSecretsOnlyWhenSuppliedAndIgnoreServerState() {
        SandboxHttp.Reply extra = http.send("PUT", "/api/connections/2", "{\"name\": \"lake-s3\", \"type\": \"s3\", "
                + "\"uri\": \"s3://acme-lake/raw2\", \"parameters\": {\"authentication_type\": \"IAM_ROLE\"}, \"secret_key\": \"s3cr3t\"}");
        assertEquals(422, extra.status(), "UpdateDfsConnection has no parameters");
        assertTrue(extra.json().get("detail").asText().contains("parameters: extra fields not permitted"), extra::toString);
        ok(http.send("PUT", "/api/connections/2", "{\"name\": \"lake-s3\", \"type\": \"s3\", \"uri\": \"s3://acme-lake/raw2\", "
                + "\"secret_key\": \"s3cr3t\"}"));
        JsonNode lake = http.getJson("/api/connections/2");
        assertEquals("s3://acme-lake/raw2", lake.get("uri").asText());
        assertEquals("AKIAEXAMPLE", lake.get("access_key").asText(), "the access key, not supplied, stays as it is live");
        assertFalse(lake.toString().contains("s3cr3t"), "a secret is never returned: " + lake);
        assertEquals(422, http.send("PUT", "/api/connections/2", "{\"name\": \"lake-s3\", \"type\": \"postgresql\"}").status());

        // the official import PUTs the datastore it read, flattened, with its file merged over it
        ObjectNode read = (ObjectNode) http.getJson("/api/datastores/10");
        long checkCount = read.get("check_count").asLong();
        read.put("schema", "sales").put("check_count", 1).put("connected", false);
        com.fasterxml.jackson.databind.node.ArrayNode tags = read.putArray("tags");
        read.remove("global_tags").findValuesAsText("name").forEach(tags::add);
        JsonNode put = ok(http.send("PUT", "/api/datastores/10", read.toString())).json();
        assertEquals("sales", put.get("schema").asText());
        assertEquals(checkCount, put.get("check_count").asLong(), "server state in a body is ignored");
        assertTrue(put.get("connected").asBoolean());
        assertEquals(15, put.get("enrich_datastore").get("id").asLong());
        read.put("enrich_datastore_id", (String) null);
        assertEquals(15, ok(http.send("PUT", "/api/datastores/10", read.toString())).json().get("enrich_datastore").get("id").asLong(),
                "a datastore PUT never changes the enrichment link: only its own endpoints do");

        ok(http.send("DELETE", "/api/datastores/10/enrichment", null));
        assertTrue(http.getJson("/api/datastores/10").get("enrich_datastore").isNull());
        ok(http.send("PATCH", "/api/datastores/10/enrichment/15", null));
        assertEquals(15, http.getJson("/api/datastores/10").get("enrich_datastore").get("id").asLong());
    }

    @Test
    void connectionsAndDatastoresArePostedWithTheirReferencesAndDeletedInOrder() {
        long connection = ok(http.send("POST", "/api/connections", "{\"name\": \"new-pg\", \"type\": \"postgresql\", "
                + "\"host\": \"db.new\", \"port\": 5432, \"username\": \"svc\", \"password\": \"p4ss\"}")).json().get("id").asLong();
        assertFalse(http.getJson("/api/connections/" + connection).toString().contains("p4ss"), "secrets are never returned");
        assertEquals(409, http.send("POST", "/api/connections", "{\"name\": \"new-pg\", \"type\": \"postgresql\"}").status());
        assertEquals(422, http.send("POST", "/api/datastores", "{\"name\": \"new-ds\", \"connection_id\": 999}").status());
        long datastore = ok(http.send("POST", "/api/datastores", "{\"name\": \"new-ds\", \"connection_id\": " + connection
                + ", \"database\": \"db\", \"schema\": \"public\", \"tags\": [\"new\"], \"teams\": [\"Public\"]}")).json().get("id").asLong();
        JsonNode read = http.getJson("/api/datastores/" + datastore);
        assertEquals("db.new", read.get("host").asText(), "the connection's copies show on the datastore");
        assertEquals("new", read.get("global_tags").get(0).get("name").asText());
        assertEquals(409, http.send("DELETE", "/api/connections/" + connection, null).status(), "a connection in use stays");
        assertEquals(204, http.send("DELETE", "/api/datastores/" + datastore, null).status());
        assertEquals(204, http.send("DELETE", "/api/connections/" + connection, null).status());
        assertEquals(404, http.get("/api/connections/" + connection).status());
    }

    @Test
    void operationsRunIsAnsweredAndReadable() {
        JsonNode operation = ok(http.send("POST", "/api/operations/run", "{\"type\": \"sync\", \"datastore_id\": 10}")).json();
        assertEquals("success", operation.get("result").asText());
        assertTrue(operation.hasNonNull("end_time"));
        assertEquals(operation, http.getJson("/api/operations/" + operation.get("id").asLong()));
        assertEquals(422, http.send("POST", "/api/operations/run", "{\"type\": \"explode\", \"datastore_id\": 10}").status());
        assertEquals(422, http.send("POST", "/api/operations/run", "{\"type\": \"sync\", \"datastore_id\": 999}").status());
    }

    // ---- permissions, counters, write faults ----

    @Test
    void aReadOnlyTokenReadsButGets403OnEveryWriteAndNothingIsWritten() {
        SandboxHttp reader = http.withToken("reader-token");
        long id = aCheck();
        JsonNode before = http.getJson("/api/quality-checks/" + id);
        assertEquals(200, reader.get("/api/quality-checks/" + id).status());
        http.send("POST", "/_sandbox/stats/reset", null);
        for (String[] write : List.of(new String[] {"PUT", "/api/quality-checks/" + id, fullCheckUpdate("x", null)},
                new String[] {"PATCH", "/api/quality-checks/" + id, "{\"filter\": \"a\"}"},
                new String[] {"DELETE", "/api/quality-checks/" + id + "?archive=true", null},
                new String[] {"POST", "/api/operations/run", "{\"type\": \"sync\", \"datastore_id\": 10}"})) {
            SandboxHttp.Reply reply = reader.send(write[0], write[1], write[2]);
            assertEquals(403, reply.status(), write[0] + " " + write[1] + ": " + reply);
            assertTrue(reply.json().get("detail").asText().contains("Editor"), reply::toString);
        }
        assertEquals(before, http.getJson("/api/quality-checks/" + id));
        JsonNode stats = http.getJson("/_sandbox/stats");
        assertEquals(0, stats.get("writes").asLong(), stats::toString);
        assertEquals(4, stats.get("write_requests").asLong(), stats::toString);
        assertEquals("***", http.getJson("/_sandbox/config").get("read_only_token").asText(), "never shown");
    }

    @Test
    void theStatsCountAppliedWritesByMethod() {
        http.send("POST", "/_sandbox/stats/reset", null);
        long id = aCheck();
        http.getJson("/api/quality-checks/" + id);
        ok(http.send("PATCH", "/api/quality-checks/" + id, "{\"filter\": \"a\"}"));
        ok(http.send("PUT", "/api/quality-checks/" + id, fullCheckUpdate("b", null)));
        ok(http.send("PUT", "/api/quality-checks/" + id, fullCheckUpdate("c", null)));
        assertEquals(422, http.send("PUT", "/api/quality-checks/" + id, "{}").status());
        JsonNode stats = http.getJson("/_sandbox/stats");
        assertEquals(3, stats.get("writes").asLong(), stats::toString);
        assertEquals(2, stats.get("writes_by_method").get("PUT").asLong());
        assertEquals(1, stats.get("writes_by_method").get("PATCH").asLong());
        assertEquals(0, stats.get("writes_by_method").get("POST").asLong());
        assertEquals(4, stats.get("write_requests").asLong());
        assertEquals(3, sandbox.stats().writes());
    }

    @Test
    void theNthWriteFailsWithoutEffectOrIsAppliedAndLost() {
        long id = aCheck();
        http.send("POST", "/_sandbox/stats/reset", null);
        ok(new SandboxHttp(sandbox.url(), null).send("POST", "/_sandbox/config", "{\"fail_write_at\": 2, \"lost_write_at\": 3}"));
        ok(http.send("PATCH", "/api/quality-checks/" + id, "{\"filter\": \"first\"}"));
        assertEquals(500, http.send("PATCH", "/api/quality-checks/" + id, "{\"filter\": \"second\"}").status());
        assertEquals("first", http.getJson("/api/quality-checks/" + id).get("filter").asText(), "the failed write changed nothing");
        assertThrows(java.io.UncheckedIOException.class, () -> http.send("PATCH", "/api/quality-checks/" + id, "{\"filter\": \"third\"}"));
        assertEquals("third", http.getJson("/api/quality-checks/" + id).get("filter").asText(), "the lost write landed");
        assertEquals(2, sandbox.stats().writes());
        assertNotEquals(0, sandbox.stats().writeRequests());
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new java.util.ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }
}
