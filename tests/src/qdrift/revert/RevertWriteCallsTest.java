package qdrift.revert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.sandbox.Kind;
import qdrift.testing.ScriptRun;

/**
 * Issue 15 item 2 against the strict sandbox: the enrichment link is put back by its own calls (PATCH
 * /api/datastores/{id}/enrichment/{eid} to link, DELETE /api/datastores/{id}/enrichment to unlink), never by a datastore
 * key; and keys of a Git file that the write model lacks are named "ignored" in the plan and never sent.
 */
class RevertWriteCallsTest {
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

    private long anotherDatastore() {
        JsonNode list = fixture.ui("GET", "/api/datastores?page=1&size=100", null);
        for (JsonNode d : list.path("items")) {
            if (d.path("id").asLong() != fixture.datastoreId) {
                return d.path("id").asLong();
            }
        }
        throw new AssertionError("the tenant has one datastore only");
    }

    private long liveEnrichment() {
        JsonNode live = fixture.state().get(Kind.DATASTORE, fixture.datastoreId);
        return live.path("enrich_datastore_id").asLong(-1);
    }

    private static List<PlannedCall> calls(RevertPlan plan) {
        return plan.resources().stream().flatMap(r -> r.calls().stream()).toList();
    }

    @Test
    void anEnrichmentLinkRemovedInTheUiIsLinkedAgainByItsOwnCall() {
        long enrichment = anotherDatastore();
        fixture.ui("PATCH", "/api/datastores/" + fixture.datastoreId + "/enrichment/" + enrichment, null);
        fixture.rebaseline(); // Git holds the link
        fixture.ui("DELETE", "/api/datastores/" + fixture.datastoreId + "/enrichment", null);
        assertEquals(-1, liveEnrichment(), "unlinked in the UI");

        ScriptRun plan = fixture.revert("-o", "json");
        assertEquals(1, plan.exitCode(), plan.toString());
        List<PlannedCall> calls = calls(PlanJsonTestAccess.parse(plan.out()));
        String link = "/api/datastores/" + fixture.datastoreId + "/enrichment/" + enrichment;
        assertTrue(calls.stream().anyMatch(c -> c.method().equals("PATCH") && c.path().equals(link)), calls.toString());
        assertTrue(calls.stream().noneMatch(c -> c.body() != null && c.body().toString().contains("enrich")),
                "no body carries an enrichment key: " + calls);

        ScriptRun text = fixture.revert();
        assertTrue(text.out().contains("PATCH " + link + "  (needs the Manager or Admin role)"), text.out());

        ScriptRun apply = fixture.revert("--apply", "--yes");
        assertEquals(0, apply.exitCode(), apply.toString());
        assertEquals(enrichment, liveEnrichment(), "linked again");
        assertEquals(0, fixture.drift().exitCode());
    }

    @Test
    void anEnrichmentLinkAddedInTheUiIsUnlinkedByItsOwnCall() {
        if (liveEnrichment() != -1) {
            fixture.ui("DELETE", "/api/datastores/" + fixture.datastoreId + "/enrichment", null);
            fixture.rebaseline(); // Git holds no link
        }
        fixture.ui("PATCH", "/api/datastores/" + fixture.datastoreId + "/enrichment/" + anotherDatastore(), null);

        ScriptRun plan = fixture.revert("-o", "json");
        assertEquals(1, plan.exitCode(), plan.toString());
        List<PlannedCall> calls = calls(PlanJsonTestAccess.parse(plan.out()));
        String unlink = "/api/datastores/" + fixture.datastoreId + "/enrichment";
        assertTrue(calls.stream().anyMatch(c -> c.method().equals("DELETE") && c.path().equals(unlink)), calls.toString());

        ScriptRun apply = fixture.revert("--apply", "--yes");
        assertEquals(0, apply.exitCode(), apply.toString());
        assertEquals(-1, liveEnrichment(), "unlinked again");
        assertEquals(0, fixture.drift().exitCode());
    }

    @Test
    void keysOfAGitCheckFileThatTheWriteModelLacksAreNamedIgnoredAndNeverSent() throws Exception {
        JsonNode original = fixture.activeCheck();
        long id = original.path("id").asLong();
        fixture.ui("PATCH", "/api/quality-checks/" + id, "{\"coverage\": 0.5}"); // so the check has something to put back
        RevertPlan first = PlanJsonTestAccess.parse(fixture.revert("-o", "json").out());
        String checkFile = first.resources().stream().filter(r -> r.type().equals("checks")).findFirst().orElseThrow().file();
        Path file = fixture.repo.resolve(RevertRepo.FOLDER).resolve(checkFile);
        Files.writeString(file, read(file) + "id: 999999\ndatastore_id: 424242\ncontainer_id: 434343\nmade_up_key: from a later server\n");
        fixture.commitAll("a check file with keys no write model has");

        ScriptRun plan = fixture.revert("-o", "json");
        RevertPlan parsed = PlanJsonTestAccess.parse(plan.out());
        PlannedResource check = parsed.resources().stream().filter(r -> r.file().equals(checkFile)).findFirst()
                .orElseThrow(() -> new AssertionError(plan.out()));
        String ignored = check.notes().stream().filter(n -> n.startsWith("ignored")).findFirst()
                .orElseThrow(() -> new AssertionError("no 'ignored' note: " + check.notes()));
        for (String key : List.of("id", "datastore_id", "container_id", "made_up_key")) {
            assertTrue(ignored.matches(".*[:,] " + key + "(,.*|$)"), key + " named as ignored: " + ignored);
        }
        for (PlannedCall call : check.calls()) {
            if (call.body() != null) {
                for (String key : List.of("id", "datastore_id", "container_id", "made_up_key")) {
                    assertFalse(call.body().has(key), call.describe() + " sends " + key + ": " + call.body());
                }
            }
        }
        assertTrue(check.calls().stream().anyMatch(c -> c.method().equals("PUT") && c.body() != null), check.calls().toString());

        ScriptRun apply = fixture.revert("--apply", "--yes");
        assertTrue(apply.out().contains("PUT /api/quality-checks/" + id), apply.toString());
        assertFalse(apply.out().contains("error:"), "the strict sandbox took the PUT (it answers 422 to a key it lacks)\n" + apply);
        assertEquals(original.path("coverage").asDouble(), fixture.state().get(Kind.CHECK, id).path("coverage").asDouble(), 1e-9,
                "the edit is put back");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
