package qdrift.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * POST /api/connections and POST /api/datastores as strict as the real create models: CreateJdbcConnection and
 * CreateDfsConnection by the type enum (type required, a DFS uri required, port an integer, max_parallelization 0 to
 * 100), the datastore on an existing connection, trigger_sync a request and not stored configuration.
 */
class SandboxCreatesTest {
    private Sandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(TenantSpec.small(), SandboxOptions.defaults());
        http = SandboxHttp.of(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private void refused(String path, String body, String detail) {
        SandboxHttp.Reply reply = http.send("POST", path, body);
        assertEquals(422, reply.status(), reply::toString);
        assertTrue(reply.toString().contains(detail), "names " + detail + ": " + reply);
    }

    @Test
    void aJdbcConnectionIsCreatedUnderItsKindAndItsPasswordIsNeverServed() {
        SandboxHttp.Reply reply = http.send("POST", "/api/connections", "{\"name\": \"new-pg\", \"type\": \"postgresql\","
                + " \"host\": \"db.example\", \"port\": 5432, \"username\": \"u\", \"password\": \"pw-1\"}");
        assertEquals(200, reply.status(), reply::toString);
        JsonNode created = reply.json();
        long id = created.path("id").asLong();
        assertEquals("jdbc", sandbox.state().get(Kind.CONNECTION, id).path("connection_type").asText());
        assertFalse(reply.toString().contains("pw-1"), "the password is not served back");
        assertTrue(sandbox.state().writeTap().secretIs(id, "password", "pw-1"));
    }

    @Test
    void aConnectionCreateOutsideTheModelsIsRefused() {
        refused("/api/connections", "{\"name\": \"x\", \"type\": \"ftp\"}", "type: must be one of enum values");
        refused("/api/connections", "{\"name\": \"x\"}", "type: field required");
        refused("/api/connections", "{\"name\": \"x\", \"type\": \"s3\"}", "uri: field required");
        refused("/api/connections", "{\"name\": \"x\", \"type\": \"mysql\", \"port\": \"3306\"}", "port: value is not a valid integer");
        refused("/api/connections", "{\"name\": \"x\", \"type\": \"mysql\", \"max_parallelization\": 101}", "max_parallelization");
        refused("/api/connections", "{\"name\": \"x\", \"type\": \"s3\", \"uri\": \"s3://b\", \"host\": \"h\"}", "host: extra fields not permitted");
    }

    @Test
    void aDatastoreIsCreatedOnAnExistingConnectionAndTriggerSyncIsNotStored() {
        long connection = sandbox.state().ids(Kind.CONNECTION).get(0);
        SandboxHttp.Reply reply = http.send("POST", "/api/datastores", "{\"name\": \"again\", \"connection_id\": " + connection
                + ", \"database\": \"db\", \"schema\": \"public\", \"tags\": [], \"teams\": [], \"trigger_sync\": true}");
        assertEquals(200, reply.status(), reply::toString);
        long id = reply.json().path("id").asLong();
        assertFalse(sandbox.state().get(Kind.DATASTORE, id).has("trigger_sync"), "a request flag, not configuration");
        assertEquals(connection, sandbox.state().get(Kind.DATASTORE, id).path("connection_id").asLong());
        assertEquals(422, http.send("POST", "/api/datastores", "{\"name\": \"orphan\", \"connection_id\": 999999}").status(),
                "a connection that does not exist is refused");
        refused("/api/datastores", "{\"connection_id\": " + connection + "}", "name: field required");
    }
}
