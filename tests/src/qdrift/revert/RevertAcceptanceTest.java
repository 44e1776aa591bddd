package qdrift.revert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.testing.ScriptRun;

/**
 * Issue #10's acceptance: for each kind of UI change, drift sees it, the revert plan lists exactly that resource,
 * --apply --yes puts it back, drift is clean again, and the sandbox holds what it held before the change (ids aside).
 */
class RevertAcceptanceTest {
    @TempDir
    Path temp;
    RevertRepo fixture;
    SortedMap<String, String> approved;

    @BeforeEach
    void committedBaseline() {
        fixture = RevertRepo.create(temp);
        approved = fixture.configuration();
    }

    @AfterEach
    void stopSandbox() {
        fixture.close();
    }

    /** The whole round trip after a UI change; {@code expectedFile} is the one file the plan must list. */
    private void revertsExactly(String expectedAction, String expectedFilePart, String... extra) {
        ScriptRun drift = fixture.drift();
        assertEquals(1, drift.exitCode(), "drift must see the UI change\n" + drift);

        ScriptRun plan = fixture.revert(concat(extra, "-o", "json"));
        assertEquals(1, plan.exitCode(), "a plan with changes exits 1\n" + plan);
        RevertPlan parsed = PlanJsonTestAccess.parse(plan.out());
        assertEquals(1, parsed.resources().size(), "the plan lists exactly the changed resource\n" + plan.out());
        PlannedResource resource = parsed.resources().get(0);
        assertEquals(expectedAction, resource.action().id(), plan.out());
        assertTrue(resource.file().contains(expectedFilePart), resource.file() + " should name " + expectedFilePart);

        ScriptRun apply = fixture.revert(concat(extra, "--apply", "--yes"));
        assertEquals(0, apply.exitCode(), "apply must verify\n" + apply);
        assertTrue(apply.out().contains("Apply: verified"), apply.out());

        ScriptRun after = fixture.drift();
        assertEquals(0, after.exitCode(), "drift must be clean after the revert\n" + after);
        assertEquals(approved, fixture.configuration(), "the sandbox must hold the approved configuration again");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void aCheckEditedInTheUiIsPutBack() {
        long id = fixture.activeCheck().path("id").asLong();
        fixture.ui("PATCH", "/api/quality-checks/" + id, "{\"coverage\": 0.5, \"status\": \"Draft\", \"filter\": \"1 = 1\"}");
        revertsExactly("update", "/checks/");
    }

    @Test
    void aCheckDeletedInTheUiIsRecreated() {
        long id = fixture.activeCheck().path("id").asLong();
        // as the UI does it: only an archived check can be deleted
        fixture.ui("DELETE", "/api/quality-checks/" + id + "?archive=true&status=Discarded", null);
        fixture.ui("DELETE", "/api/quality-checks/" + id + "?archive=false", null);
        revertsExactly("recreate", "/checks/");
    }

    @Test
    void aCheckAddedInTheUiIsDeletedWithDelete() {
        long container = fixture.activeCheck().path("container_id").asLong();
        fixture.ui("POST", "/api/quality-checks", "{\"rule\": \"notNull\", \"container_id\": " + container
                + ", \"fields\": [\"added_in_ui\"], \"description\": \"added in the UI\", \"status\": \"Active\"}");
        revertsExactly("delete", "/checks/", "--delete");
    }

    @Test
    void aComputedFieldEditedInTheUiIsPutBack() {
        long id = fixture.computedField().path("id").asLong();
        fixture.ui("PATCH", "/api/computed-fields/" + id, "{\"additional_metadata\": {\"note\": \"edited in the UI\"}}");
        revertsExactly("update", "/computed_fields/");
    }

    @Test
    void aComputedFieldDeletedInTheUiIsRecreated() {
        long id = fixture.computedField().path("id").asLong();
        fixture.ui("DELETE", "/api/computed-fields/" + id, null);
        revertsExactly("recreate", "/computed_fields/");
    }

    @Test
    void aComputedContainerQueryEditedInTheUiIsPutBack() {
        var table = fixture.computedTable();
        String edited = table.path("query").asText() + "\n  AND 1 = 1";
        fixture.ui("PATCH", "/api/containers/" + table.path("id").asLong(),
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("query", edited).toString());
        revertsExactly("update", "/_container.yaml");
    }

    @Test
    void aConnectionHostEditedInTheUiIsPutBack() {
        fixture.ui("PATCH", "/api/connections/" + fixture.connectionId(), "{\"host\": \"evil.example.com\"}");
        revertsExactly("update", "connections/");
    }

    @Test
    void aDatastoreSettingEditedInTheUiIsPutBack() {
        fixture.ui("PATCH", "/api/datastores/" + fixture.datastoreId, "{\"enrichment_source_record_limit\": 99}");
        revertsExactly("update", "_datastore.yaml");
    }

    @Test
    void aComputedContainerDeletedInTheUiIsRecreatedWithItsFieldsAndChecks() {
        var table = fixture.recreatableComputedContainer();
        approved = fixture.configuration();
        String name = table.path("name").asText();
        fixture.ui("DELETE", "/api/containers/" + table.path("id").asLong(), null);
        assertEquals(1, fixture.drift().exitCode());

        ScriptRun plan = fixture.revert("-o", "json");
        assertEquals(1, plan.exitCode(), plan.toString());
        RevertPlan parsed = PlanJsonTestAccess.parse(plan.out());
        PlannedResource first = parsed.resources().get(0);
        assertEquals("containers", first.type(), "the container is created before what hangs on it\n" + plan.out());
        assertEquals(name, first.name());
        assertTrue(parsed.resources().stream().allMatch(r -> r.action() == Action.RECREATE && name.equals(r.container())),
                "the plan holds the container and only what it held\n" + plan.out());

        ScriptRun apply = fixture.revert("--apply", "--yes");
        assertEquals(0, apply.exitCode(), apply.toString());
        ScriptRun drift = fixture.drift();
        assertEquals(0, drift.exitCode(), drift.toString());
        assertEquals(approved, fixture.configuration());
    }

    @Test
    void aCheckAddedInTheUiIsArchivedByDefault() {
        long container = fixture.activeCheck().path("container_id").asLong();
        long added = fixture.ui("POST", "/api/quality-checks", "{\"rule\": \"notNull\", \"container_id\": " + container
                + ", \"fields\": [\"added_in_ui\"], \"description\": \"\", \"status\": \"Active\"}").path("id").asLong();

        ScriptRun apply = fixture.revert("--apply", "--yes");

        assertEquals(0, apply.exitCode(), apply.toString());
        assertTrue(apply.out().contains("- archive "), apply.out());
        assertEquals("Discarded", fixture.state().get(qdrift.sandbox.Kind.CHECK, added).path("status").asText(),
                "archiving is the API's soft delete: the check stays, archived");
        ScriptRun again = fixture.revert();
        assertEquals(0, again.exitCode(), "an archived UI check is left alone afterwards (--delete removes it)\n" + again);
        assertTrue(again.out().contains("No changes"), "an archived check Git does not hold is not in force\n" + again.out());
    }

    @Test
    void anEditedDuplicateCheckIsToldApartFromItsTwin() throws Exception {
        Path checks = fixture.repo.resolve(RevertRepo.FOLDER);
        String duplicate;
        try (var files = java.nio.file.Files.walk(checks)) {
            duplicate = files.map(f -> checks.relativize(f).toString()).filter(f -> f.matches(".*/checks/.*__\\d+\\.yaml"))
                    .sorted().findFirst().orElseThrow(() -> new AssertionError("the tenant has no duplicate checks"));
        }
        long id = Long.parseLong(duplicate.replaceAll(".*__(\\d+)\\.yaml", "$1"));
        fixture.ui("PATCH", "/api/quality-checks/" + id, "{\"description\": \"edited in the UI\"}");

        RevertPlan plan = PlanJsonTestAccess.parse(fixture.revert("-o", "json").out());

        assertEquals(List.of(duplicate), files(plan), "exactly the edited duplicate, not its twin");
        assertEquals(id, plan.resources().get(0).id());
        assertEquals(0, fixture.revert("--apply", "--yes").exitCode());
        assertEquals(approved, fixture.configuration());
    }

    /**
     * Issue 15's acceptance on the strict sandbox (the 2025 write models: a description is required, extra keys are
     * refused, only archived checks can be deleted): UI edits (one on a check with no description), deletes and adds
     * of several types, put back by one {@code revert --apply --yes --delete}: exit 0, and live equals Git.
     */
    @Test
    void uiEditsDeletesAndAddsOnTheStrictServerArePutBackByOneApply() {
        List<com.fasterxml.jackson.databind.node.ObjectNode> checks = uniqueActiveChecks(3);
        long noDescription = checks.get(0).path("id").asLong();
        long described = checks.get(1).path("id").asLong();
        long deleted = checks.get(2).path("id").asLong();
        fixture.state().updateCheck(noDescription, "{\"description\": \"\"}");
        fixture.state().updateCheck(deleted, "{\"inferred\": false}"); // profiling sets it; a check made through the API is not
        fixture.rebaseline();
        approved = fixture.configuration();
        long container = checks.get(0).path("container_id").asLong();

        fixture.ui("PATCH", "/api/quality-checks/" + noDescription, "{\"coverage\": 0.25, \"filter\": \"1 = 1\"}");
        fixture.ui("PATCH", "/api/quality-checks/" + described, "{\"description\": \"edited in the UI\", \"status\": \"Draft\"}");
        fixture.ui("DELETE", "/api/quality-checks/" + deleted + "?archive=true&status=Discarded", null);
        fixture.ui("DELETE", "/api/quality-checks/" + deleted + "?archive=false", null);
        fixture.ui("POST", "/api/quality-checks", "{\"rule\": \"notNull\", \"container_id\": " + container
                + ", \"fields\": [\"added_in_ui\"], \"description\": \"\", \"status\": \"Active\"}");
        fixture.ui("PATCH", "/api/computed-fields/" + fixture.computedField().path("id").asLong(),
                "{\"additional_metadata\": {\"note\": \"edited in the UI\"}}");
        fixture.ui("PATCH", "/api/connections/" + fixture.connectionId(), "{\"host\": \"evil.example.com\"}");
        fixture.ui("PATCH", "/api/datastores/" + fixture.datastoreId, "{\"enrichment_source_record_limit\": 99}");
        assertEquals(1, fixture.drift().exitCode(), "drift sees the UI changes");

        RevertPlan plan = PlanJsonTestAccess.parse(fixture.revert("--delete", "-o", "json").out());
        PlannedResource edited = plan.resources().stream().filter(r -> noDescription == (r.id() == null ? -1 : r.id()))
                .findFirst().orElseThrow(() -> new AssertionError("the plan lists the check with no description"));
        assertEquals("", edited.calls().get(0).body().path("description").asText(null), "no description is sent as \"\"");
        assertTrue(edited.notes().stream().anyMatch(n -> n.startsWith("description: Git has none, sent as \"\"")), edited.notes().toString());
        PlannedResource removed = plan.resources().stream().filter(r -> r.action() == Action.DELETE).findFirst().orElseThrow();
        assertEquals(List.of("archive=true", "archive=false"), removed.calls().stream().map(c -> "archive=" + c.query().get("archive")).toList(),
                "a check added live is archived, then deleted");

        ScriptRun apply = fixture.revert("--delete", "--apply", "--yes");

        assertEquals(0, apply.exitCode(), "the strict server takes every call\n" + apply);
        assertTrue(apply.out().contains("Apply: verified"), apply.out());
        assertEquals(0, fixture.drift().exitCode(), "drift is clean after the revert");
        assertEquals(approved, fixture.configuration(), "live equals Git");
    }

    /** Active checks whose container, rule and fields no other check shares (a recreated one keeps its file name). */
    private List<com.fasterxml.jackson.databind.node.ObjectNode> uniqueActiveChecks(int count) {
        var state = fixture.state();
        java.util.Map<String, Integer> twins = new java.util.HashMap<>();
        List<com.fasterxml.jackson.databind.node.ObjectNode> all = fixture.state().checkIds(fixture.datastoreId).stream()
                .map(id -> state.get(qdrift.sandbox.Kind.CHECK, id)).toList();
        all.forEach(c -> twins.merge(twinKey(c), 1, Integer::sum));
        List<com.fasterxml.jackson.databind.node.ObjectNode> picked = all.stream()
                .filter(c -> "Active".equals(c.path("status").asText()) && c.path("coverage").asDouble() > 0.5 && twins.get(twinKey(c)) == 1)
                .limit(count).toList();
        assertEquals(count, picked.size(), "the tenant has " + count + " distinct active checks");
        return picked;
    }

    private static String twinKey(com.fasterxml.jackson.databind.JsonNode check) {
        return check.path("container_id").asText() + "/" + check.path("rule_type").asText() + qdrift.model.Canonicalizer.names(check.path("fields"));
    }

    static List<String> files(RevertPlan plan) {
        return plan.resources().stream().map(PlannedResource::file).toList();
    }
}
