package qdrift.revert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.sandbox.Kind;
import qdrift.testing.ScriptRun;

/** Writes are safe: a plan writes nothing, a stale plan is refused, a failure half-way is recorded and a re-run completes. */
class RevertSafetyTest {
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

    /** Three checks edited in the UI: a revert of three PUTs. */
    private List<Long> editThreeChecks() {
        List<Long> ids = fixture.state().checkIds(fixture.datastoreId).stream()
                .filter(id -> "Active".equals(fixture.state().get(Kind.CHECK, id).path("status").asText())).limit(3).toList();
        ids.forEach(id -> fixture.ui("PATCH", "/api/quality-checks/" + id, "{\"description\": \"edited in the UI\"}"));
        fixture.sandbox.stats().reset();
        return ids;
    }

    @Test
    void aPlanMakesNoWriteAndLeavesTheWorktreeAlone() throws Exception {
        editThreeChecks();
        String before = Files.readString(fixture.repo.resolve(RevertRepo.FOLDER).resolve(".qualytics-export.yaml"));

        ScriptRun plan = fixture.revert();

        assertEquals(1, plan.exitCode(), plan.toString());
        assertTrue(plan.out().contains("Plan: 0 to recreate, 3 to update, 0 to archive, 0 to delete."), plan.out());
        assertEquals(0, fixture.sandbox.stats().writeRequests(), "a plan sends no write\n" + fixture.sandbox.stats().byPath());
        assertEquals(before, Files.readString(fixture.repo.resolve(RevertRepo.FOLDER).resolve(".qualytics-export.yaml")));
    }

    @Test
    void nothingToRevertExitsZero() {
        ScriptRun plan = fixture.revert();
        assertEquals(0, plan.exitCode(), plan.toString());
        assertTrue(plan.out().contains("No changes"), plan.out());
    }

    @Test
    void aUiChangeBetweenPlanAndApplyIsRefusedWithNoWrite() {
        List<Long> ids = editThreeChecks();
        Path planFile = temp.resolve("plan.json");
        assertEquals(1, fixture.revert("-o", "json=" + planFile).exitCode());
        fixture.ui("PATCH", "/api/quality-checks/" + ids.get(1), "{\"coverage\": 0.25}");
        fixture.sandbox.stats().reset();

        ScriptRun apply = fixture.applyPlanFile(planFile, "--yes", "-o", "json");

        assertEquals(10, apply.exitCode(), apply.toString());
        assertEquals(0, fixture.sandbox.stats().writeRequests(), "a stale plan writes nothing");
        RevertPlan result = PlanJsonTestAccess.parseApplied(apply.out());
        assertEquals("stale", result.apply().status());
        assertEquals(1, result.apply().stale().size(), apply.out());
    }

    @Test
    void aSavedPlanIsAppliedExactlyAndVerified() {
        editThreeChecks();
        Path planFile = temp.resolve("plan.json");
        assertEquals(1, fixture.revert("-o", "json=" + planFile).exitCode());
        ScriptRun changed = fixture.applyPlanFile(planFile, "--yes", "--delete");
        assertEquals(2, changed.exitCode(), "a saved plan is applied as it was made, not with other options\n" + changed);
        assertEquals(0, fixture.sandbox.stats().writeRequests());

        ScriptRun apply = fixture.applyPlanFile(planFile, "--yes");

        assertEquals(0, apply.exitCode(), apply.toString());
        assertEquals(3, fixture.sandbox.stats().writes("PUT"), "exactly the three planned PUTs");
        assertEquals(approved, fixture.configuration());
    }

    @Test
    void aServerErrorOnTheThirdWriteStopsThereRecordsWhatWasAppliedAndAReRunCompletes() {
        editThreeChecks();
        fixture.sandbox.configure(o -> o.withFailWriteAt(3));

        ScriptRun apply = fixture.revert("--apply", "--yes", "-o", "json");

        assertEquals(3, apply.exitCode(), apply.toString());
        RevertPlan result = PlanJsonTestAccess.parseApplied(apply.out());
        assertEquals("failed", result.apply().status());
        // the three PUTs run at once, so which of them the server counted third is not fixed
        assertEquals(List.of("applied", "applied", "failed"), result.apply().calls().stream().map(CallResult::status).sorted().toList(),
                apply.out());
        assertNotNull(result.apply().error());

        fixture.sandbox.configure(o -> o.withFailWriteAt(0));
        ScriptRun rerun = fixture.revert("--apply", "--yes");
        assertEquals(0, rerun.exitCode(), rerun.toString());
        assertTrue(rerun.out().contains("Plan: 0 to recreate, 1 to update"), "the re-run plans only what is left\n" + rerun.out());
        assertEquals(approved, fixture.configuration());
    }

    @Test
    void aCreateWhoseAnswerIsLostIsFoundInsteadOfSentTwice() {
        long id = fixture.activeCheck().path("id").asLong();
        fixture.ui("DELETE", "/api/quality-checks/" + id + "?archive=true&status=Discarded", null); // only an archived check can be deleted
        fixture.ui("DELETE", "/api/quality-checks/" + id + "?archive=false", null);
        int checks = fixture.state().checkIds(fixture.datastoreId).size();
        fixture.sandbox.stats().reset();
        fixture.sandbox.configure(o -> o.withLostWriteAt(1));

        ScriptRun apply = fixture.revert("--apply", "--yes");

        assertEquals(0, apply.exitCode(), apply.toString());
        assertTrue(apply.out().contains("the answer was lost"), apply.out());
        assertEquals(1, fixture.sandbox.stats().writeRequests(), "the POST was not sent again");
        assertEquals(checks + 1, fixture.state().checkIds(fixture.datastoreId).size(), "exactly one check was created");
        assertEquals(approved, fixture.configuration());
    }

    @Test
    void aReadOnlyTokenExitsFourWithNoWrite() {
        editThreeChecks();
        fixture.sandbox.configure(o -> o.withReadOnlyToken("reader-token"));

        ScriptRun apply = fixture.revertWithToken("reader-token", "--apply", "--yes");

        assertEquals(4, apply.exitCode(), apply.toString());
        String refused = apply.err().lines().filter(l -> l.contains("permission denied")).findFirst().orElse(apply.err());
        assertTrue(refused.contains("PUT /api/quality-checks/") && refused.contains("needs team permission Author or Editor"),
                "one line naming the call and the team permission a check edit needs\n" + apply.err());
        assertEquals(0, fixture.sandbox.stats().writes(), "nothing was written");
    }

    @Test
    void applyWithoutATerminalNeedsYes() {
        editThreeChecks();

        ScriptRun apply = fixture.revert("--apply");

        assertEquals(2, apply.exitCode(), apply.toString());
        assertTrue(apply.err().contains("--yes"), apply.err());
        assertEquals(0, fixture.sandbox.stats().writeRequests());
    }

    @Test
    void onlyAndFromReportSelectExactlyTheirFiles() {
        List<Long> ids = editThreeChecks();
        Path report = temp.resolve("drift.json");
        fixture.ui("PATCH", "/api/datastores/" + fixture.datastoreId, "{\"enrichment_source_record_limit\": 99}");
        assertEquals(1, fixture.drift("-o", "json=" + report).exitCode());
        fixture.ui("PATCH", "/api/connections/" + fixture.connectionId(), "{\"port\": 1}"); // after the report: not in it

        RevertPlan fromReport = PlanJsonTestAccess.parse(fixture.revert("--from-report", report.toString(), "-o", "json").out());
        RevertPlan onlyChecks = PlanJsonTestAccess.parse(fixture.revert("--only", "datastores/*/checks/**", "-o", "json").out());

        assertEquals(4, fromReport.resources().size(), "the report's three checks and the datastore, not the connection");
        assertFalse(RevertAcceptanceTest.files(fromReport).stream().anyMatch(f -> f.startsWith("connections/")));
        assertEquals(ids.size(), onlyChecks.resources().size());
        assertTrue(onlyChecks.resources().stream().allMatch(r -> r.type().equals("checks")));
    }

    @Test
    void aFolderThatLeavesOutEmptyKeysRevertsTheSame() throws Exception {
        // format 1 left null, [] and {} out; the comparison is on the canonical form, where absent and empty are one
        Path folder = fixture.repo.resolve(RevertRepo.FOLDER);
        int stripped = 0;
        try (var files = Files.walk(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                String text = Files.readString(file);
                String without = text.replaceAll("(?m)^\\S[^:\\n]*: (null|\\[\\]|\\{\\})\\n", "");
                stripped += without.equals(text) ? 0 : 1;
                Files.writeString(file, without);
            }
        }
        assertTrue(stripped > 10, "the committed files had explicit blanks to leave out");
        fixture.commitAll("explicit blanks left out");
        assertEquals(0, fixture.revert().exitCode(), "blanks left out are no difference");
        long id = fixture.activeCheck().path("id").asLong();
        fixture.ui("PATCH", "/api/quality-checks/" + id, "{\"filter\": \"added in the UI\"}");

        ScriptRun apply = fixture.revert("--apply", "--yes");

        assertEquals(0, apply.exitCode(), apply.toString());
        assertTrue(apply.out().contains("filter: \"added in the UI\" -> null"), apply.out());
        assertEquals(approved, fixture.configuration());
    }

    @Test
    void aLostAnswerToAnUpdateIsSentAgainBecauseAFullUpdateIsIdempotent() {
        editThreeChecks();
        fixture.sandbox.configure(o -> o.withLostWriteAt(2));

        ScriptRun apply = fixture.revert("--apply", "--yes");

        assertEquals(0, apply.exitCode(), apply.toString());
        assertEquals(4, fixture.sandbox.stats().writeRequests(), "three PUTs, the second one twice");
        assertEquals(approved, fixture.configuration());
    }

    @Test
    void allDatastoresNeverTouchesDatastoresTheFolderDoesNotHold() {
        editThreeChecks();

        ScriptRun plan = ScriptRun.of("RevertCommand", "--url", fixture.sandbox.url(), "--token", fixture.sandbox.token(),
                "--repo", fixture.repo.toString(), "--path", RevertRepo.FOLDER, "--all-datastores", "-o", "json");

        RevertPlan parsed = PlanJsonTestAccess.parse(plan.out());
        assertEquals(3, parsed.summary().update(), plan.out());
        assertEquals(0, parsed.summary().archive() + parsed.summary().delete(),
                "the other datastores' checks are not in the folder, so not added live: nothing to archive\n" + plan.out());
    }
}
