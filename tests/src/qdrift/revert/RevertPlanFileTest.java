package qdrift.revert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.sandbox.Kind;
import qdrift.testing.Fault;
import qdrift.testing.ScriptRun;

/**
 * A saved plan is a request, not an authority: a tampered one is refused with nothing written; a plan whose live side
 * moved (edited, deleted, recreated with a new id, added) is stale; inputs and outputs are checked before anything;
 * a selection of nothing is an error.
 */
class RevertPlanFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;
    RevertRepo fixture;
    Path planFile;

    @BeforeEach
    void committedBaseline() {
        fixture = RevertRepo.create(temp);
        planFile = temp.resolve("plan.json");
    }

    @AfterEach
    void stopSandbox() {
        fixture.close();
    }

    private List<Long> editThreeChecks() {
        List<Long> ids = fixture.state().checkIds(fixture.datastoreId).stream()
                .filter(id -> "Active".equals(fixture.state().get(Kind.CHECK, id).path("status").asText())).limit(3).toList();
        ids.forEach(id -> fixture.ui("PATCH", "/api/quality-checks/" + id, "{\"description\": \"edited in the UI\"}"));
        return ids;
    }

    private void savePlan() {
        ScriptRun plan = fixture.revert("-o", "json=" + planFile);
        assertEquals(1, plan.exitCode(), plan.toString());
        fixture.sandbox.stats().reset();
    }

    private ObjectNode firstCall() throws Exception {
        ObjectNode plan = (ObjectNode) JSON.readTree(Files.readString(planFile));
        return (ObjectNode) plan.path("resources").get(0).path("calls").get(0);
    }

    private void tamper(java.util.function.Consumer<ObjectNode> edit) throws Exception {
        ObjectNode plan = (ObjectNode) JSON.readTree(Files.readString(planFile));
        edit.accept((ObjectNode) plan.path("resources").get(0).path("calls").get(0));
        Files.writeString(planFile, JSON.writeValueAsString(plan));
    }

    private ScriptRun refusedWithNoWrite() {
        ScriptRun apply = fixture.applyPlanFile(planFile, "--yes", "-o", "json");
        assertEquals(10, apply.exitCode(), apply.toString());
        assertEquals(0, fixture.sandbox.stats().writeRequests(), "nothing was written\n" + fixture.sandbox.stats().byPath());
        return apply;
    }

    @Test
    @Fault(group = "revert")
    void aPlanFileEditedToDeleteAnotherDatastoresCheckIsRefused() throws Exception {
        editThreeChecks();
        savePlan();
        long other = fixture.state().ids(Kind.DATASTORE).stream().filter(d -> d != fixture.datastoreId)
                .flatMap(d -> fixture.state().checkIds(d).stream()).findFirst().orElseThrow();
        tamper(call -> {
            call.put("method", "DELETE").put("path", "/api/quality-checks/" + other).remove("body");
            call.putObject("query").put("archive", "false");
        });

        ScriptRun apply = refusedWithNoWrite();

        assertTrue(fixture.state().exists(Kind.CHECK, other), "the other datastore's check still exists");
        assertTrue(apply.err().contains("DELETE /api/quality-checks/" + other + "?archive=false in the file"), apply.err());
        assertEquals("refused", PlanJsonTestAccess.parseApplied(apply.out()).apply().status());
    }

    @Test
    @Fault(group = "revert")
    void aPlanFileWithAnEditedBodyIsRefused() throws Exception {
        editThreeChecks();
        savePlan();
        tamper(call -> ((ObjectNode) call.get("body")).put("filter", "1 = 1 -- injected"));

        ScriptRun apply = refusedWithNoWrite();

        assertTrue(apply.err().contains("the body of PUT /api/quality-checks/") && apply.err().contains("at filter"), apply.err());
    }

    @Test
    void aStalePlanOfAnEditedResourceIsRefused() {
        List<Long> ids = editThreeChecks();
        savePlan();
        fixture.ui("PATCH", "/api/quality-checks/" + ids.get(0), "{\"coverage\": 0.25}");
        fixture.sandbox.stats().reset();
        assertEquals(List.of(1), List.of(PlanJsonTestAccess.parseApplied(refusedWithNoWrite().out()).apply().stale().size()));
    }

    @Test
    void aStalePlanOfADeletedResourceIsRefused() {
        List<Long> ids = editThreeChecks();
        savePlan();
        // as the UI does it: only an archived check can be deleted
        fixture.ui("DELETE", "/api/quality-checks/" + ids.get(0) + "?archive=true&status=Discarded", null);
        fixture.ui("DELETE", "/api/quality-checks/" + ids.get(0) + "?archive=false", null);
        fixture.sandbox.stats().reset();
        assertEquals("stale", PlanJsonTestAccess.parseApplied(refusedWithNoWrite().out()).apply().status());
    }

    @Test
    void aStalePlanOfAResourceRecreatedWithANewIdIsRefused() {
        List<Long> ids = editThreeChecks();
        savePlan();
        ObjectNode check = fixture.state().get(Kind.CHECK, ids.get(0));
        check.remove("id");
        fixture.state().deleteCheck(ids.get(0));
        long again = fixture.state().createCheck(check.toString()).path("id").asLong();
        assertTrue(again != ids.get(0));
        fixture.sandbox.stats().reset();
        assertEquals("stale", PlanJsonTestAccess.parseApplied(refusedWithNoWrite().out()).apply().status());
    }

    @Test
    void aStalePlanOfAResourceAddedLiveMeanwhileIsRefused() {
        long id = fixture.activeCheck().path("id").asLong();
        ObjectNode check = fixture.state().get(Kind.CHECK, id);
        check.remove("id");
        // as the UI does it: only an archived check can be deleted
        fixture.ui("DELETE", "/api/quality-checks/" + id + "?archive=true&status=Discarded", null);
        fixture.ui("DELETE", "/api/quality-checks/" + id + "?archive=false", null);
        savePlan(); // a recreate
        fixture.state().createCheck(check.toString());
        fixture.sandbox.stats().reset();
        assertEquals("stale", PlanJsonTestAccess.parseApplied(refusedWithNoWrite().out()).apply().status());
    }

    @Test
    @Fault(group = "revert")
    void anUnwritableOutputIsRefusedBeforeAnything() {
        editThreeChecks();
        fixture.sandbox.stats().reset();
        long start = System.nanoTime();

        ScriptRun apply = fixture.revert("--apply", "--yes", "-o", "json=/proc/nope/x.json");

        assertEquals(2, apply.exitCode(), apply.toString());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2000, "found at once");
        assertEquals(1, apply.err().strip().lines().count(), apply.err());
        assertEquals(0, fixture.sandbox.stats().byPath().size(), "not even a read was made");
    }

    @Test
    @Fault(group = "revert")
    void aPlanFileThatIsNoRegularFileIsRefusedAtOnce() {
        fixture.sandbox.stats().reset();
        long start = System.nanoTime();

        ScriptRun apply = fixture.applyPlanFile(Path.of("/dev/zero"), "--yes");

        assertEquals(2, apply.exitCode(), apply.toString());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2000, "found at once");
        assertTrue(apply.err().contains("not a regular file"), apply.err());
        assertEquals(0, fixture.sandbox.stats().byPath().size());
    }

    @Test
    @Fault(group = "revert")
    void anOnlyGlobThatMatchesNothingExitsTwoNamingIt() {
        editThreeChecks();

        ScriptRun plan = fixture.revert("--only", "datastores/no_such/**");

        assertEquals(2, plan.exitCode(), plan.toString());
        assertTrue(plan.err().contains("'datastores/no_such/**' matches no file"), plan.err());
    }

    @Test
    void aReportWithNoChangeSelectsNothingAndExitsTwo() {
        Path report = temp.resolve("drift.json");
        assertEquals(0, fixture.drift("-o", "json=" + report).exitCode());

        ScriptRun plan = fixture.revert("--from-report", report.toString());

        assertEquals(2, plan.exitCode(), plan.toString());
        assertTrue(plan.err().contains("lists no change"), plan.err());
    }
}
