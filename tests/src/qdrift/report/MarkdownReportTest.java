package qdrift.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    @Test
    void aDriftedReportHasHeadingTableCalloutAndCollapsedDiff() {
        String md = MarkdownReport.render(TextReportTest.drifted(), TextReportTest.texts());
        assertTrue(md.startsWith("## ⚠️ Drift detected: 2 findings, 2 changes\n\n1 added, 0 removed, 1 modified; 1 weakened check\n"), md);
        assertTrue(md.contains("Live **acme.qualytics.io** compared with `qualytics-config` at `abc123`."), md);
        assertTrue(md.contains("> [!WARNING]\n> **1 weakened check**"), md);
        assertTrue(md.contains("| checks | prod-warehouse | orders | between total_amount | modified | loosening | `coverage`, `status` |"), md);
        assertTrue(md.contains("| connections |  |  | prod-pg | added |  |  |"), md);
        assertTrue(md.contains("<details><summary>Diff of 2 files (+4 -2)</summary>\n\n```diff\ndiff --git"), md);
        assertTrue(md.contains("- datastore 7 was skipped"), md);
        assertTrue(md.contains("**Findings**\n\n- connection `prod-pg` added\n- check `between total_amount` (container `orders`) modified: "
                + "coverage 0.98 → 0.5, status Active → Draft (loosening)\n\n**Changes**\n\n| Type |"), "findings lead, the table follows\n" + md);
        assertFalse(md.contains("hunter2"), md);
        assertBalanced(md);
    }

    @Test
    void aCleanReportIsOneHeading() {
        DriftReport clean = ReportBuilder.build("compare-envs", Origin.sides(new Origin.Side("dev", "dev.qualytics.io", List.of(), null, null),
                new Origin.Side("prod", "prod.qualytics.io", List.of(), null, null)), List.of(), IgnoreRules.none(), List.of());
        assertEquals("## ✅ No differences.\n\nCompared **dev (dev.qualytics.io)** (before) with **prod (prod.qualytics.io)** (after).\n\n",
                MarkdownReport.render(clean, List.of()));
    }

    @Test
    void twoThousandChangesAreCutUnderTheLimitWithFencesAndDetailsClosed() {
        List<ResourceDelta> deltas = new ArrayList<>();
        List<FileText> texts = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String file = String.format("datastores/prod/checks/orders/between__amount_%04d.yaml", i);
            deltas.add(new ResourceDelta("checks", "prod", "orders", "between amount_" + i, file,
                    Json.check(), Json.check("coverage", "0.5")));
            texts.add(new FileText(file, TextReportTest.CHECK_BEFORE, TextReportTest.CHECK_BEFORE.replace("0.98", "0.5")));
        }
        DriftReport report = ReportBuilder.build("drift", ReportBuilderTest.ORIGIN, deltas, IgnoreRules.none(), List.of());
        for (int limit : List.of(MarkdownReport.DEFAULT_MAX_CHARS, 5_000, 300)) {
            String md = MarkdownReport.render(report, texts, limit);
            assertTrue(md.length() <= limit, "limit " + limit + " exceeded: " + md.length());
            assertTrue(md.contains("more lines not shown"), "a cut report says so (limit " + limit + ")");
            assertBalanced(md);
        }
        String cutInDiff = MarkdownReport.render(report, texts, 400_000);
        assertTrue(cutInDiff.contains("```diff\n"), "400,000 characters reach past the table into the diff");
        assertTrue(cutInDiff.contains("```\n\n</details>\n\n_Cut to stay under 400000 characters"), cutInDiff.substring(cutInDiff.length() - 300));
    }

    @Test
    void cuttingKeepsWholeLines() {
        List<String> lines = List.of("# title", "```diff", "+a".repeat(100), "+b".repeat(100), "```");
        String md = MarkdownReport.cut(lines, 400);
        assertTrue(md.startsWith("# title\n```diff\n" + "+a".repeat(100) + "\n```\n\n_Cut"), md);
        assertTrue(md.length() <= 400, "length " + md.length());
    }

    /** Every ``` fence is closed and every details block ends. */
    static void assertBalanced(String md) {
        long fences = md.lines().filter(l -> l.startsWith("```")).count();
        assertEquals(0, fences % 2, "unbalanced code fences in:\n" + md.substring(Math.max(0, md.length() - 500)));
        long open = md.lines().filter(l -> l.startsWith("<details")).count();
        long close = md.lines().filter(l -> l.equals("</details>")).count();
        assertEquals(open, close, "unbalanced <details> blocks");
    }
}
