package qdrift.revert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.api.ClientSettings;
import qdrift.api.QualyticsClient;
import qdrift.cli.Log;
import qdrift.cli.ServerConfig;
import qdrift.export.Exporter;
import qdrift.model.ResourceType;
import qdrift.sandbox.Kind;
import qdrift.testing.Fault;
import qdrift.testing.ScriptRun;

/**
 * "Verified" must mean it: for each resource type, a server that keeps one field as it is live after revert's write
 * makes the apply exit 11, naming the file and that one field; and the real case of a recreated inferred check.
 */
class RevertVerificationTest {
    @TempDir
    Path temp;
    RevertRepo fixture;

    @BeforeEach
    void committedBaseline() {
        fixture = RevertRepo.create(temp);
    }

    @AfterEach
    void stopSandbox() {
        fixture.close();
    }

    /** Applies; expects exit 11 with exactly one unverified file, of {@code filePart}, naming {@code field} alone. */
    private void unverifiedNaming(String filePart, String field, String... only) {
        ScriptRun apply = fixture.revert(concat(only, "--apply", "--yes", "-o", "json"));

        assertEquals(11, apply.exitCode(), "live still differs from Git after the apply: exit 11\n" + apply);
        RevertPlan result = PlanJsonTestAccess.parseApplied(apply.out());
        assertEquals("unverified", result.apply().status(), apply.out());
        List<String> unverified = result.apply().unverified();
        assertEquals(1, unverified.size(), apply.out());
        assertTrue(unverified.get(0).contains(filePart), unverified.get(0));
        assertTrue(unverified.get(0).endsWith(": " + field + " differ"), "the one differing field is named: " + unverified.get(0));
        assertTrue(apply.err().contains("still differ from Git"), apply.err());
    }

    @Test
    void aCheckWhoseCoverageTheServerKeepsIsUnverified() {
        long id = fixture.activeCheck().path("id").asLong();
        fixture.ui("PATCH", "/api/quality-checks/" + id, "{\"coverage\": 0.25}");
        fixture.state().writeTap().ignoreOnUpdate(Kind.CHECK, "coverage");
        unverifiedNaming("/checks/", "coverage");
    }

    @Test
    void aComputedFieldWhoseMetadataTheServerKeepsIsUnverified() {
        long id = fixture.computedField().path("id").asLong();
        fixture.ui("PATCH", "/api/computed-fields/" + id, "{\"additional_metadata\": {\"note\": \"edited in the UI\"}}");
        fixture.state().writeTap().ignoreOnUpdate(Kind.COMPUTED_FIELD, "additional_metadata");
        unverifiedNaming("/computed_fields/", "additional_metadata.note");
    }

    @Test
    void aContainerWhoseQueryTheServerKeepsIsUnverified() {
        var table = fixture.computedTable();
        fixture.ui("PATCH", "/api/containers/" + table.path("id").asLong(),
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                        .put("query", table.path("query").asText() + "\n  AND 1 = 1").toString());
        fixture.state().writeTap().ignoreOnUpdate(Kind.CONTAINER, "query");
        unverifiedNaming("_container.yaml", "query");
    }

    @Test
    void aDatastoreWhoseSettingTheServerKeepsIsUnverified() {
        fixture.ui("PATCH", "/api/datastores/" + fixture.datastoreId, "{\"enrichment_source_record_limit\": 99}");
        fixture.state().writeTap().ignoreOnUpdate(Kind.DATASTORE, "enrichment_source_record_limit");
        unverifiedNaming("_datastore.yaml", "enrichment_source_record_limit");
    }

    @Test
    void aConnectionWhosePortTheServerKeepsIsUnverified() {
        fixture.ui("PATCH", "/api/connections/" + fixture.connectionId(), "{\"port\": 1}");
        fixture.state().writeTap().ignoreOnUpdate(Kind.CONNECTION, "port");
        unverifiedNaming("connections/", "port");
    }

    @Test
    void aRecreatedInferredCheckIsUnverifiedNamingInferred() {
        long id = fixture.state().checkIds(fixture.datastoreId).stream()
                .filter(c -> fixture.state().get(Kind.CHECK, c).path("inferred").asBoolean(false)
                        && "Active".equals(fixture.state().get(Kind.CHECK, c).path("status").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("the tenant has no active inferred check"));
        // as the UI does it: only an archived check can be deleted
        fixture.ui("DELETE", "/api/quality-checks/" + id + "?archive=true&status=Discarded", null);
        fixture.ui("DELETE", "/api/quality-checks/" + id + "?archive=false", null);

        ScriptRun apply = fixture.revert("--apply", "--yes", "-o", "json");

        // profiling sets inferred, the API cannot: the recreated check differs there, and only there
        assertEquals(11, apply.exitCode(), apply.toString());
        List<String> unverified = PlanJsonTestAccess.parseApplied(apply.out()).apply().unverified();
        assertEquals(1, unverified.size(), apply.out());
        assertTrue(unverified.get(0).endsWith(": inferred differ"), unverified.get(0));
    }

    @Test
    @Fault(group = "revert")
    void aSecondLiveCheckOfTheSameIdentityCreatedDuringTheApplyIsUnverifiedNamingBothIds() {
        long deleted = fixture.activeCheck().path("id").asLong();
        fixture.ui("DELETE", "/api/quality-checks/" + deleted + "?archive=true&status=Discarded", null);
        fixture.ui("DELETE", "/api/quality-checks/" + deleted + "?archive=false", null);
        AtomicLong twin = new AtomicLong();
        AtomicLong recreated = new AtomicLong();
        // a racing writer: right after revert's POST of the check lands, another one with its uid and rule is made
        fixture.state().writeTap().onceAfterCreate(Kind.CHECK, check -> {
            recreated.set(check.path("id").asLong());
            ObjectNode copy = check.deepCopy();
            copy.remove("id");
            twin.set(fixture.state().create(Kind.CHECK, copy).path("id").asLong());
        });

        ScriptRun apply = fixture.revert("--apply", "--yes", "-o", "json");

        assertTrue(twin.get() > 0, "the racing writer made its twin\n" + apply);
        assertEquals(11, apply.exitCode(), "two live checks for one Git file: exit 11\n" + apply);
        RevertPlan result = PlanJsonTestAccess.parseApplied(apply.out());
        assertEquals("unverified", result.apply().status(), apply.out());
        String file = result.resources().stream().filter(r -> r.action() == Action.RECREATE).findFirst().orElseThrow().file();
        List<String> unverified = result.apply().unverified();
        assertEquals(1, unverified.size(), apply.out());
        assertTrue(unverified.get(0).startsWith(file + ": 2 live checks hold its identity (uid "), unverified.get(0));
        assertTrue(unverified.get(0).contains("): ids " + recreated.get() + ", " + twin.get()), "names both ids: " + unverified.get(0));
        assertTrue(apply.err().contains(file), apply.err());
    }

    @Test
    void anUpdatedCheckWithATwinNewSinceTheApplyBeganIsUnverifiedToo() {
        long id = fixture.activeCheck().path("id").asLong();
        fixture.ui("PATCH", "/api/quality-checks/" + id, "{\"description\": \"edited in the UI\"}");
        ScriptRun planned = fixture.revert("-o", "json");
        RevertPlan plan = PlanJsonTestAccess.parse(planned.out());
        assertEquals(1, plan.resources().size(), planned.out());
        assertEquals(0, fixture.revert("--apply", "--yes").exitCode());
        Exporter.Scope scope = new Exporter.Scope(List.of(fixture.datastoreId), false, Set.of(ResourceType.values()));
        try (QualyticsClient client = new QualyticsClient(new ServerConfig(fixture.sandbox.url(), fixture.sandbox.token(),
                Duration.ofSeconds(30)), ClientSettings.defaults(Log.silent()))) {
            LiveState before = LiveState.read(client, Log.silent(), scope);
            assertEquals(List.of(), Verifier.unverified(plan, Map.of(), before, before), "one live check for the file");

            ObjectNode copy = fixture.state().get(Kind.CHECK, id).deepCopy();
            copy.remove("id");
            long twin = fixture.state().create(Kind.CHECK, copy).path("id").asLong();
            LiveState after = LiveState.read(client, Log.silent(), scope);

            List<String> unverified = Verifier.unverified(plan, Map.of(), before, after);
            assertEquals(1, unverified.size(), unverified.toString());
            assertTrue(unverified.get(0).startsWith(plan.resources().get(0).file() + ": 2 live checks hold its identity"), unverified.get(0));
            assertTrue(unverified.get(0).contains("): ids " + id + ", " + twin), unverified.get(0));
            // a twin live before the apply is not the apply's: no twin message. The shared uid itself goes to neither
            // file (the export rule for a uid two checks hold), so the file's stored uid now differs, and only that.
            List<String> olderTwin = Verifier.unverified(plan, Map.of(), after, after);
            assertEquals(List.of(plan.resources().get(0).file() + ": additional_metadata._qualytics_check_uid differ"), olderTwin,
                    "a twin live held before the apply is not the apply's");
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
