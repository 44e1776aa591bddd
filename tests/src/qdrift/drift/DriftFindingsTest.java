package qdrift.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.report.ChangeKind;
import qdrift.report.DriftReport;
import qdrift.report.FieldChange;
import qdrift.report.Finding;
import qdrift.report.ResourceChange;
import qdrift.sandbox.Kind;
import qdrift.sandbox.TenantState;
import qdrift.testing.ScriptRun;

/** Issue #11: what one act in the UI looks like in a drift report: one finding, one renamed change per file. */
class DriftFindingsTest {
    @TempDir
    Path temp;
    DriftRepo fixture;

    @BeforeEach
    void committedBaseline() {
        fixture = DriftRepo.create(temp);
    }

    @AfterEach
    void stopSandbox() {
        fixture.close();
    }

    /** Gives a container of the datastore exactly 12 checks and 2 computed fields, then re-baselines; returns its id. */
    long containerWith12ChecksAnd2ComputedFields() {
        TenantState state = fixture.state();
        long container = state.containerIds(fixture.datastoreId).stream()
                .filter(id -> state.checkIds(fixture.datastoreId).stream()
                        .anyMatch(c -> state.get(Kind.CHECK, c).path("container_id").asLong() == id))
                .findFirst().orElseThrow();
        List<Long> checks = state.checkIds(fixture.datastoreId).stream()
                .filter(c -> state.get(Kind.CHECK, c).path("container_id").asLong() == container).toList();
        for (int i = 12; i < checks.size(); i++) {
            state.deleteCheck(checks.get(i));
        }
        for (int i = checks.size(); i < 12; i++) {
            state.createCheck("{\"rule_type\": \"notNull\", \"container_id\": " + container + ", \"fields\": [\"rename_test_" + i
                    + "\"], \"description\": \"made for the rename test\", \"status\": \"Active\", \"coverage\": 1}");
        }
        List<Long> fields = state.computedFieldIds(container);
        for (int i = 2; i < fields.size(); i++) {
            state.delete(Kind.COMPUTED_FIELD, fields.get(i));
        }
        for (int i = fields.size(); i < 2; i++) {
            ObjectNode body = state.get(Kind.COMPUTED_FIELD, fixture.computedField().path("id").asLong()).deepCopy();
            body.remove("id");
            body.put("name", "rename_test_field_" + i).put("container_id", container);
            state.create(Kind.COMPUTED_FIELD, body);
        }
        rebaseline();
        return container;
    }

    void rebaseline() {
        fixture.export(fixture.repo.resolve(DriftRepo.FOLDER));
        fixture.commitAll("re-baseline");
        assertEquals(0, fixture.drift("--no-pull").exitCode(), "the re-baselined repo is clean");
    }

    static DriftReport report(ScriptRun run) {
        return DriftChangesTest.report(run);
    }

    @Test
    void renamingAContainerWithTwelveChecksAndTwoComputedFieldsIsOneFindingAndOneRenamedChangePerFile() {
        long container = containerWith12ChecksAnd2ComputedFields();
        String oldName = fixture.state().nameOf(Kind.CONTAINER, container);
        fixture.state().updateContainer(container, "{\"name\": \"" + oldName + "_v2\"}");

        ScriptRun run = fixture.drift("--no-pull", "-o", "json");

        assertEquals(1, run.exitCode(), run.toString());
        DriftReport report = report(run);
        List<Finding> renames = report.findings().stream().filter(f -> f.cause().equals("renamed")).toList();
        assertEquals(1, renames.size(), "one finding for the rename\n" + run.out());
        Finding finding = renames.get(0);
        assertEquals("container `" + oldName + "` renamed to `" + oldName + "_v2`: 2 computed fields and 12 checks moved",
                finding.title().substring(0, finding.title().indexOf(" moved") + 6), finding.title());
        assertEquals(Map.of("checks", 12, "computed_fields", 2), finding.moved());
        List<ResourceChange> renamed = report.changes().stream().filter(c -> c.kind() == ChangeKind.RENAMED).toList();
        assertEquals(15, renamed.size(), "the container file, 12 check files and 2 computed-field files\n" + run.out());
        assertTrue(renamed.stream().allMatch(c -> c.fields().isEmpty() && c.from() != null && !c.from().equals(c.file())), renamed.toString());
        assertEquals(report.changes().stream().map(ResourceChange::file).sorted().toList(),
                finding.files().stream().sorted().toList(), "the finding covers every changed file, references included");
        assertEquals(0, report.summary().added() + report.summary().removed(), "nothing shows as removed and added again");
        ScriptRun text = fixture.drift("--no-pull", "--check-only");
        assertTrue(text.out().contains("Findings:\n  - container `" + oldName + "` renamed to `" + oldName + "_v2`"), text.out());
    }

    @Test
    void renamingADatastoreMovesEverythingUnderItAsOneFinding() {
        int checks = fixture.state().checkIds(fixture.datastoreId).size();
        int containers = fixture.state().containerIds(fixture.datastoreId).size();
        int computedFields = fixture.state().containerIds(fixture.datastoreId).stream()
                .mapToInt(c -> fixture.state().computedFieldIds(c).size()).sum();
        String oldName = fixture.state().nameOf(Kind.DATASTORE, fixture.datastoreId);
        fixture.state().updateDatastore(fixture.datastoreId, "{\"name\": \"renamed-warehouse\"}");

        ScriptRun run = fixture.drift("--no-pull", "-o", "json");

        assertEquals(1, run.exitCode(), run.toString());
        DriftReport report = report(run);
        assertEquals(1, report.findings().size(), run.out());
        Finding finding = report.findings().get(0);
        assertEquals("renamed", finding.cause());
        assertTrue(finding.title().startsWith("datastore `" + oldName + "` renamed to `renamed-warehouse`: "), finding.title());
        assertEquals(Map.of("containers", containers, "checks", checks, "computed_fields", computedFields), finding.moved());
        assertEquals(1 + containers + checks + computedFields, report.summary().renamed(), run.out());
        assertEquals(report.changes().size(), report.summary().renamed(), "every file is one renamed change");
    }

    @Test
    void changingACheckFieldsIsOneModifiedCheck() {
        ObjectNode check = fixture.activeCheck();
        fixture.state().updateCheck(check.path("id").asLong(), "{\"fields\": [\"fields_changed_in_ui\"]}");

        ScriptRun run = fixture.drift("--no-pull", "-o", "json");

        assertEquals(1, run.exitCode(), run.toString());
        DriftReport report = report(run);
        assertEquals(1, report.changes().size(), "one modified check, not a delete and an add\n" + run.out());
        ResourceChange change = report.changes().get(0);
        assertEquals(ChangeKind.MODIFIED, change.kind());
        assertNotNull(change.from(), "the old file is named");
        assertTrue(change.file().contains("fields_changed_in_ui"), change.file());
        assertEquals(List.of("fields"), change.fields().stream().map(FieldChange::path).toList());
        assertEquals(1, report.findings().size());
        assertTrue(report.findings().get(0).title().endsWith("modified: fields " + check.path("fields").toString()
                .replace(" ", "") + " → [\"fields_changed_in_ui\"]") || report.findings().get(0).title().contains("→ [\"fields_changed_in_ui\"]"),
                report.findings().get(0).title());
    }

    @Test
    void aFieldTheServerStartsSendingOnEveryCheckIsOnePlatformFindingAndTheServerFieldsFileMakesTheNextRunClean()
            throws java.io.IOException {
        fixture.sandbox.configure(o -> o.withUpgradeField("is_monitored"));

        ScriptRun run = fixture.drift("--no-pull", "--check-only", "-o", "json");

        assertEquals(0, run.exitCode(), "platform findings are reported, not failed, by default\n" + run);
        DriftReport report = report(run);
        assertEquals(DriftReport.DRIFT, report.status());
        assertEquals(1, report.findings().size(), "one finding instead of one change per check\n" + run.out());
        Finding finding = report.findings().get(0);
        assertEquals("platform", finding.cause());
        assertEquals("checks", finding.type());
        int checks = report.changes().size();
        assertTrue(checks >= 10, run.out());
        assertEquals("field `is_monitored` appeared on " + checks + " of " + checks + " checks, all `false`", finding.title());
        assertTrue(finding.remedy().contains("list `is_monitored` under `checks:` in qualytics-config/.qualytics-server-fields.yaml"),
                finding.remedy());
        assertTrue(finding.remedy().contains("{type: checks, fields: [is_monitored], reason: \"Qualytics upgrade\"}"), finding.remedy());
        assertEquals(1, fixture.drift("--no-pull", "--check-only", "--fail-on", "all,platform").exitCode(),
                "--fail-on platform makes it fail");
        ScriptRun text = fixture.drift("--no-pull", "--check-only");
        assertTrue(text.out().contains("Findings:\n  - field `is_monitored` appeared on "), text.out());
        assertTrue(text.out().contains("  " + checks + " changes only by the platform finding(s) above"), text.out());
        assertTrue(text.out().lines().count() < 40, "no line per check in the text report\n" + text.out());

        java.nio.file.Files.writeString(fixture.repo.resolve(DriftRepo.FOLDER).resolve(".qualytics-server-fields.yaml"),
                "# fields Qualytics manages itself\nchecks: [is_monitored]\n");
        fixture.commitAll("is_monitored is server state");
        ScriptRun clean = fixture.drift("--no-pull", "-o", "json");
        assertEquals(0, clean.exitCode(), clean.toString());
        assertEquals(DriftReport.CLEAN, report(clean).status(), clean.out());
        assertEquals("", fixture.gitStatus(), "the listed field never reaches the files");
        assertEquals(0, fixture.drift("--no-pull", "--fail-on", "all,platform").exitCode());
    }

    @Test
    void aBrokenServerFieldsFileExitsSixNamingItBeforeAnyRequest() throws java.io.IOException {
        java.nio.file.Files.writeString(fixture.repo.resolve(DriftRepo.FOLDER).resolve(".qualytics-server-fields.yaml"),
                "checkz: [x]\n");
        fixture.commitAll("a typo");
        fixture.sandbox.stats().reset();
        ScriptRun run = fixture.drift("--no-pull");
        assertEquals(6, run.exitCode(), run.toString());
        assertTrue(run.err().contains(".qualytics-server-fields.yaml is not a valid server-fields file: unknown type 'checkz'"), run.err());
        assertEquals(0, fixture.sandbox.stats().total(), "the file is read before the slow work");
    }
}
