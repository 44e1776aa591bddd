package qdrift.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextReportTest {
    static final String CHECK = "datastores/prod_warehouse/checks/orders/between__total_amount.yaml";
    static final String CONNECTION = "connections/prod_pg.yaml";

    static final String CHECK_BEFORE = """
            container: orders
            coverage: 0.98
            fields:
            - total_amount
            properties:
              inclusive_max: true
              inclusive_min: true
              max: 100000
              min: 0
            rule_type: between
            status: Active
            """;

    static DriftReport drifted() {
        return ReportBuilder.build("drift", ReportBuilderTest.ORIGIN, List.of(
                new ResourceDelta("checks", "prod-warehouse", "orders", "between total_amount", CHECK,
                        Json.check(), Json.check("coverage", "0.5").put("status", "Draft")),
                new ResourceDelta("connections", null, null, "prod-pg", CONNECTION, null, Json.of("{name: 'prod-pg'}"))),
                IgnoreRules.none(), List.of("datastore 7 was skipped"));
    }

    static List<FileText> texts() {
        return List.of(
                new FileText(CHECK, CHECK_BEFORE, CHECK_BEFORE.replace("coverage: 0.98", "coverage: 0.5").replace("Active", "Draft")),
                new FileText(CONNECTION, null, "name: prod-pg\npassword: hunter2\n"));
    }

    @Test
    void aCleanReportSaysNoDrift() {
        DriftReport clean = ReportBuilder.build("drift", ReportBuilderTest.ORIGIN, List.of(), IgnoreRules.none(), List.of());
        assertEquals("No drift.\n", TextReport.render(clean, List.of(), 200, false));
    }

    @Test
    void thePullRequestADriftRunOpenedIsNamedUnderTheHeadline() {
        DriftReport report = drifted().withPullRequest(new PullRequestRef("https://github.com/acme/config/pull/7", 7,
                "drift/2026-11-27T2304Z", "opened"));
        List<String> lines = TextReport.render(report, texts(), 200, false).lines().toList();
        assertEquals("Pull request #7 opened: https://github.com/acme/config/pull/7", lines.get(1), String.join("\n", lines));
        assertFalse(TextReport.render(drifted(), texts(), 200, false).contains("Pull request"), "no pull request, no line");
    }

    @Test
    void aDriftedReportHasStatLinesResourceLinesAndTheUnifiedDiff() {
        String text = TextReport.render(drifted(), texts(), 200, false);
        List<String> lines = text.lines().toList();
        assertEquals("Drift detected: 2 findings, 2 changes (1 added, 0 removed, 1 modified; 1 weakened check)", lines.get(0));
        assertEquals("", lines.get(1));
        assertEquals("Findings:", lines.get(2));
        assertEquals("  - connection `prod-pg` added", lines.get(3));
        assertEquals("  - check `between total_amount` (container `orders`) modified: coverage 0.98 → 0.5, status Active → Draft  LOOSENING",
                lines.get(4), "a finding says what each field became");
        assertEquals("", lines.get(5));
        assertEquals("Changes:", lines.get(6), "the file-level detail follows the findings");
        assertEquals(" " + CONNECTION + " ".repeat(CHECK.length() - CONNECTION.length()) + " | +2 -0", lines.get(7));
        assertEquals(" " + CHECK + " | +2 -2", lines.get(8));
        assertEquals(" 2 files changed, 4 insertions(+), 2 deletions(-)", lines.get(9));
        assertEquals("  added    " + String.format("%-15s", "connections") + " prod-pg", lines.get(11));
        assertEquals("  modified " + String.format("%-15s", "checks") + " prod-warehouse/orders/between total_amount  LOOSENING  coverage, status", lines.get(12));
        assertTrue(text.contains("diff --git a/" + CONNECTION + " b/" + CONNECTION + "\n--- /dev/null\n+++ b/" + CONNECTION + "\n@@ -0,0 +1,2 @@\n+name: prod-pg\n"), text);
        assertTrue(text.contains("--- a/" + CHECK + "\n+++ b/" + CHECK + "\n"), text);
        assertTrue(text.contains("\n-coverage: 0.98\n+coverage: 0.5\n"), text);
        assertTrue(text.endsWith("\nwarning: datastore 7 was skipped\n"), text);
        assertFalse(text.contains("hunter2"), "secret values are masked in the diff");
        assertFalse(text.contains("\u001b["), "no colour unless asked");
        assertTrue(TextReport.render(drifted(), texts(), 200, true).contains("\u001b[31m-coverage: 0.98"), "colour when asked");
    }

    @Test
    void theDiffIsCappedWithANoteSayingHowMuchIsLeft() {
        List<String> full = diffLines(TextReport.render(drifted(), texts(), 10_000, false));
        String capped = TextReport.render(drifted(), texts(), 5, false);
        List<String> shown = diffLines(capped);
        assertEquals(full.subList(0, 5), shown.subList(0, 5));
        assertEquals("... " + (full.size() - 5) + " more lines (raise --max-diff-lines)", shown.get(5));
    }

    @Test
    void ignoredChangesAreListedWithTheirRule() {
        DriftReport report = ReportBuilder.build("drift", ReportBuilderTest.ORIGIN, List.of(
                        new ResourceDelta("connections", null, null, "prod-pg", CONNECTION, null, Json.of("{name: 'prod-pg'}"))),
                IgnoreRules.parse(null, null, List.of("connections"), java.time.LocalDate.of(2026, 1, 1)), List.of());
        assertEquals("No drift.\n\nIgnored (1):\n  added    connections     prod-pg  (rule 1: --ignore)\n",
                TextReport.render(report, List.of(), 200, false));
    }

    private static List<String> diffLines(String text) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        int start = lines.indexOf(lines.stream().filter(l -> l.startsWith("diff --git")).findFirst().orElseThrow());
        List<String> rest = lines.subList(start, lines.size());
        int end = rest.indexOf("");
        return end < 0 ? rest : rest.subList(0, end);
    }

    /** One insertion, one deletion, one file: singular words; the revert command comes after the findings. */
    @Test
    void oneOfEachIsSingularAndTheRevertLineFollowsTheFindings() {
        DriftReport report = ReportBuilder.build("drift", ReportBuilderTest.ORIGIN, List.of(
                new ResourceDelta("checks", "prod-warehouse", "orders", "between total_amount", CHECK,
                        Json.check(), Json.check("coverage", "0.5"))), IgnoreRules.none(), List.of())
                .withRevertCommand("qd-revert --repo /r --datastore-id 7");
        List<FileText> one = List.of(new FileText(CHECK, CHECK_BEFORE, CHECK_BEFORE.replace("coverage: 0.98", "coverage: 0.5")));
        List<String> lines = TextReport.render(report, one, 200, false).lines().toList();
        assertTrue(lines.contains(" 1 file changed, 1 insertion(+), 1 deletion(-)"), String.join("\n", lines));
        int findings = lines.indexOf("Findings:");
        int revert = lines.indexOf("To put live back to Git instead (plans first): qd-revert --repo /r --datastore-id 7");
        int changes = lines.indexOf("Changes:");
        assertTrue(findings > 0 && revert > findings + 1 && changes > revert, String.join("\n", lines));
        assertEquals("1 datastore", qdrift.model.ResourceType.DATASTORES.counted(1));
        assertEquals("2 computed_fields", qdrift.model.ResourceType.COMPUTED_FIELDS.counted(2));
        assertEquals("1 computed_field", qdrift.model.ResourceType.COMPUTED_FIELDS.counted(1));
    }
}
