package qdrift.revert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.api.ClientSettings;
import qdrift.api.QualyticsClient;
import qdrift.cli.ExitCode;
import qdrift.cli.Log;
import qdrift.cli.ServerConfig;
import qdrift.sandbox.Kind;
import qdrift.testing.Fault;

/**
 * A connection or datastore deleted in the UI is recreated from Git (new ids, found again by name) when every secret
 * its file names can be sent under the secret rules; otherwise revert skips it and names each variable to set. The
 * sandbox validates the creates against the real create models and keeps what reached it, so each test asserts where
 * the secret went and that the API token went nowhere.
 */
class RevertRecreateTest {
    private static final String SECRET = "pg-password-only-for-its-connection";

    @TempDir
    Path temp;
    RevertRepo fixture;
    String connectionName;
    String datastoreName;
    /** The variable export names for the connection's password (PROD_PG_PASSWORD). */
    String variable;
    long connectionId;
    long enrichmentId;

    @BeforeEach
    void committedBaseline() {
        fixture = RevertRepo.create(temp);
        // checks that the API can recreate exactly (not inferred, no duplicates), committed so
        fixture.recreatableComputedContainer();
        connectionId = fixture.connectionId();
        enrichmentId = fixture.state().get(Kind.DATASTORE, fixture.datastoreId).path("enrich_datastore_id").asLong();
        connectionName = fixture.state().nameOf(Kind.CONNECTION, fixture.connectionId());
        datastoreName = fixture.state().nameOf(Kind.DATASTORE, fixture.datastoreId);
        variable = SecretPolicy.expected(connectionName, "password");
    }

    @AfterEach
    void stopSandbox() {
        fixture.close();
    }

    /** Deleted in the UI: the connection's datastores first (the server refuses otherwise), then the connection. */
    private void uiDeletesTheConnection() {
        long connection = connectionId;
        for (long id : fixture.state().ids(Kind.DATASTORE)) {
            if (fixture.state().get(Kind.DATASTORE, id).path("connection_id").asLong() == connection) {
                fixture.ui("DELETE", "/api/datastores/" + id, null);
            }
        }
        fixture.ui("DELETE", "/api/connections/" + connection, null);
        fixture.sandbox.stats().reset();
    }

    private Revert.Outcome revert(Map<String, String> env, boolean apply) {
        ServerConfig server = new ServerConfig(fixture.sandbox.url(), fixture.sandbox.token(), Duration.ofSeconds(30));
        try (QualyticsClient client = new QualyticsClient(server, ClientSettings.defaults(Log.silent()))) {
            Revert revert = new Revert(client, Log.silent(), new SecretPolicy(env::get, java.util.Set.of(), false, false),
                    new Revert.ApplyOptions(temp.resolve("locks"), Duration.ofSeconds(5), 4));
            // a deleted datastore has no id to name: --all-datastores reads every one, and Git's deleted ones are planned
            RevertPlan plan = revert.plan(new Revert.Settings(fixture.repo, RevertRepo.FOLDER, "HEAD", List.of(), true,
                    Selection.all(), false));
            return apply ? revert.apply(plan) : new Revert.Outcome(plan, plan.hasChanges() ? ExitCode.DRIFT : ExitCode.OK);
        }
    }

    private PlannedResource resource(RevertPlan plan, String type) {
        String name = type.equals("connections") ? connectionName : datastoreName;
        return plan.resources().stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("the plan has no " + type + "\n" + PlanText.render(plan)));
    }

    private List<ObjectNode> live(Kind kind, String name) {
        return fixture.state().ids(kind).stream().map(id -> fixture.state().get(kind, id))
                .filter(r -> name.equals(r.path("name").asText())).toList();
    }

    @Test
    @Fault(group = "revert")
    void aConnectionDeletedInTheUiIsRecreatedWithItsDatastoreWhenItsSecretIsSet() {
        long oldConnection = connectionId;
        uiDeletesTheConnection();

        Revert.Outcome outcome = revert(Map.of(variable, SECRET, "QUALYTICS_TOKEN", fixture.sandbox.token()), true);

        String text = PlanText.render(outcome.plan());
        assertEquals(ExitCode.OK, outcome.exit(), text + "\n" + outcome.plan().apply());
        PlannedResource connection = resource(outcome.plan(), "connections");
        assertEquals(Action.RECREATE, connection.action(), text);
        assertTrue(connection.notes().contains("password is sent from $" + variable), connection.notes().toString());
        assertEquals(Action.RECREATE, resource(outcome.plan(), "datastores").action(), text);
        assertTrue(outcome.plan().resources().indexOf(connection) < outcome.plan().resources().indexOf(resource(outcome.plan(), "datastores")),
                "the connection is created before its datastore");

        List<ObjectNode> connections = live(Kind.CONNECTION, connectionName);
        assertEquals(1, connections.size(), "one connection of that name, no duplicate");
        long newConnection = connections.get(0).path("id").asLong();
        assertNotEquals(oldConnection, newConnection, "a new id: identity is the name");
        assertTrue(fixture.state().writeTap().secretIs(newConnection, "password", SECRET), "the new connection got its password");
        List<String> withSecret = fixture.state().writeTap().bodiesContaining(SECRET);
        assertEquals(1, withSecret.size(), "the secret is in exactly one body: " + withSecret);
        assertTrue(withSecret.get(0).contains("\"name\":\"" + connectionName + "\""), "that body is its own connection's: " + withSecret.get(0));
        assertFalse(fixture.state().writeTap().anyBodyContains(fixture.sandbox.token()), "the API token is in no request body");
        assertFalse(text.contains(SECRET) || PlanJson.write(outcome.plan()).contains(SECRET), "no secret in the plan");

        List<ObjectNode> datastores = live(Kind.DATASTORE, datastoreName);
        assertEquals(1, datastores.size(), "the datastore is back, once");
        assertEquals(newConnection, datastores.get(0).path("connection_id").asLong(), "on the recreated connection");
        assertTrue(enrichmentId > 0, "the committed datastore has an enrichment datastore");
        assertEquals(enrichmentId, datastores.get(0).path("enrich_datastore_id").asLong(), "its enrichment link is set again");
    }

    @Test
    @Fault(group = "revert")
    void withoutItsSecretADeletedConnectionIsASkipNamingTheVariableAndNothingIsWritten() {
        uiDeletesTheConnection();

        Revert.Outcome outcome = revert(Map.of("QUALYTICS_TOKEN", fixture.sandbox.token()), true);

        PlannedResource connection = resource(outcome.plan(), "connections");
        assertEquals(Action.SKIP, connection.action());
        String note = String.join(" ", connection.notes());
        assertTrue(note.contains("password: set " + variable), note);
        assertEquals(Action.SKIP, resource(outcome.plan(), "datastores").action(), "its datastore waits for it");
        assertEquals(0, fixture.writes(), "nothing written");
        assertTrue(live(Kind.CONNECTION, connectionName).isEmpty());
        assertTrue(PlanText.render(outcome.plan()).contains(variable), PlanText.render(outcome.plan()));
    }

    @Test
    @Fault(group = "revert")
    void aDatastoreDeletedInTheUiIsRecreatedOnItsLiveConnection() {
        fixture.ui("DELETE", "/api/datastores/" + fixture.datastoreId, null);
        fixture.sandbox.stats().reset();

        Revert.Outcome outcome = revert(Map.of(), true);

        String text = PlanText.render(outcome.plan());
        assertEquals(ExitCode.OK, outcome.exit(), text + "\n" + outcome.plan().apply());
        assertTrue(outcome.plan().resources().stream().noneMatch(r -> r.type().equals("connections") && r.action() != Action.SKIP && r.name().equals(connectionName)), text);
        List<ObjectNode> datastores = live(Kind.DATASTORE, datastoreName);
        assertEquals(1, datastores.size(), "the datastore is back, once");
        assertEquals(connectionId, datastores.get(0).path("connection_id").asLong(), "on its live connection");
        assertEquals(enrichmentId, datastores.get(0).path("enrich_datastore_id").asLong(), "its enrichment link is set again");
        assertTrue(outcome.plan().resources().stream().anyMatch(r -> r.type().equals("checks") && r.action() == Action.RECREATE
                && r.file().contains("/checks/")), "the checks of its computed containers follow it");
        assertFalse(fixture.state().writeTap().anyBodyContains("${"), "no placeholder text sent");
        assertTrue(text.contains("trigger_sync"), text);
    }

    @Test
    void aDeletedConnectionWhoseFileNamesTheApiTokenIsASkipAndTheTokenReachesNoBody() throws java.io.IOException {
        Path file = fixture.repo.resolve(RevertRepo.FOLDER).resolve("connections").resolve(qdrift.model.Slug.of(connectionName) + ".yaml");
        String committed = java.nio.file.Files.readString(file);
        assertTrue(committed.contains("${" + variable + "}"), committed);
        java.nio.file.Files.writeString(file, committed.replace("${" + variable + "}", "${QUALYTICS_TOKEN}"));
        fixture.commitAll("a hostile edit: the connection's password from the API token");
        uiDeletesTheConnection();

        Revert.Outcome outcome = revert(Map.of(variable, SECRET, "QUALYTICS_TOKEN", fixture.sandbox.token()), true);

        PlannedResource connection = resource(outcome.plan(), "connections");
        assertEquals(Action.SKIP, connection.action(), PlanText.render(outcome.plan()));
        String note = String.join(" ", connection.notes());
        assertTrue(note.contains("write ${" + variable + "} in the file instead of ${QUALYTICS_TOKEN}"), note);
        assertEquals(0, fixture.writes(), "nothing written");
        assertFalse(fixture.state().writeTap().anyBodyContains(fixture.sandbox.token()), "the API token is in no request body");
    }
}
