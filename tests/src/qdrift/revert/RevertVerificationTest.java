package qdrift.revert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.sandbox.Kind;
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

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
