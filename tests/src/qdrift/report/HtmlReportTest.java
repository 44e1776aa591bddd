package qdrift.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.report.html.HtmlReport;
import qdrift.testing.Chromium;

/**
 * drift.java -o html=FILE: a report with a finding of every cause (added, removed, modified, renamed, platform) opens
 * in headless Chromium from disk; its DOM holds each finding's title, values and file, secrets stay masked, markup in
 * names stays text, and the page asks for nothing over the network.
 */
public class HtmlReportTest {
    public static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");
    static final String DS = "datastores/prod-warehouse/";

    @TempDir
    Path temp;

    static Finding finding(String cause, String type, String name, String title, Severity severity, List<FieldChange> fields,
                           String file, String by, String firstSeen) {
        return new Finding("fp-" + cause, cause, type, "prod-warehouse", "orders", name, title, severity, fields,
                List.of(file), Map.of(), by, by == null ? null : "2026-12-05T10:00:00Z", by == null ? Attribution.REMOVED : null,
                firstSeen, "platform".equals(cause) ? "add to .driftignore: checks:*:properties.allowOther" : null);
    }

    public static DriftReport everyCause() {
        String check = DS + "checks/orders/between__total_amount.yaml";
        String removed = DS + "checks/orders/not_null__id.yaml";
        String added = DS + "checks/orders/<b>new</b>.yaml";
        String renamed = DS + "containers/orders_v2/_container.yaml";
        String platform = DS + "checks/orders/matches__email.yaml";
        String connection = "connections/pg.yaml";
        List<Finding> findings = List.of(
                finding("modified", "checks", "orders__between__total_amount",
                        "check `orders__between__total_amount` modified: properties.max 100000 → 999999", Severity.LOOSENING,
                        List.of(new FieldChange("properties.max", Json.of("100000"), Json.of("999999"))), check, "dana@example.com", "2026-12-04T08:00:00Z"),
                finding("removed", "checks", "orders__not_null__id", "check `orders__not_null__id` removed", Severity.LOOSENING,
                        List.of(), removed, null, "2026-12-06T08:00:00Z"),
                finding("added", "checks", "<script>alert(1)</script>", "check `<script>alert(1)</script>` added", Severity.TIGHTENING,
                        List.of(), added, "lee", null),
                finding("renamed", "containers", "orders_v2", "container `orders` renamed to `orders_v2`: 12 checks moved", null,
                        List.of(), renamed, "admin", "2026-12-01T08:00:00Z"),
                finding("platform", "checks", "properties.allowOther", "checks: properties.allowOther added on 4,812 checks (a Qualytics upgrade)",
                        Severity.NEUTRAL, List.of(new FieldChange("properties.allowOther", null, Json.of("false"))), platform, null, null),
                finding("modified", "connections", "pg", "connection `pg` modified: password changed", null,
                        List.of(new FieldChange("password", Json.of("\"hunter2-old\""), Json.of("\"hunter2-new\""))), connection, "ops", null));
        List<ResourceChange> changes = List.of(
                new ResourceChange("checks", "prod-warehouse", "orders", "orders__between__total_amount", check, ChangeKind.MODIFIED,
                        Severity.LOOSENING, findings.get(0).fields(), null, null, "dana@example.com", "2026-12-05T10:00:00Z", null),
                new ResourceChange("checks", "prod-warehouse", "orders", "orders__not_null__id", removed, ChangeKind.REMOVED,
                        Severity.LOOSENING, List.of(), null, null, null, null, Attribution.REMOVED),
                new ResourceChange("checks", "prod-warehouse", "orders", "<script>alert(1)</script>", added, ChangeKind.ADDED,
                        Severity.TIGHTENING, List.of(), null),
                new ResourceChange("containers", "prod-warehouse", "orders_v2", "orders_v2", renamed, ChangeKind.RENAMED,
                        null, List.of(), null, DS + "containers/orders/_container.yaml", "admin", null, null),
                new ResourceChange("checks", "prod-warehouse", "orders", "orders__matches__email", platform, ChangeKind.MODIFIED,
                        Severity.NEUTRAL, findings.get(4).fields(), null),
                new ResourceChange("connections", null, null, "pg", connection, ChangeKind.MODIFIED, null, findings.get(5).fields(), null));
        Summary summary = new Summary(1, 1, 3, 0, 2, Map.of("checks", 4, "containers", 1, "connections", 1), 1);
        Origin origin = Origin.live("acme.qualytics.io", List.of(new Origin.DatastoreRef(42L, "prod-warehouse")),
                null, "qualytics-config", "0123456789abcdef0123");
        return new DriftReport(DriftReport.SCHEMA, "qualytics-drift", "drift", DriftReport.DRIFT, origin, summary, findings,
                changes, List.of(), List.of("ignore rule `checks:*:tags` expired on 2026-12-01"), List.of(), null,
                "./jbang revert.java --repo . --datastore-id 42 --from-report drift.json");
    }

    public static List<FileText> texts() {
        return List.of(new FileText(DS + "checks/orders/between__total_amount.yaml",
                        "rule: between\nproperties:\n  max: 100000\n", "rule: between\nproperties:\n  max: 999999\n"),
                new FileText("connections/pg.yaml", "name: pg\nhost: db1\npassword: hunter2-old\n", "name: pg\nhost: db2\npassword: hunter2-new\n"));
    }

    @Test
    void chromiumShowsEveryFindingWithItsValuesAndFileAndLoadsNothing() throws Exception {
        String html = HtmlReport.render(everyCause(), texts(), NOW);
        Path page = temp.resolve("drift.html");
        Files.writeString(page, html);
        assertEquals(List.of(), Chromium.externalReferences(html), "the page references something outside itself");
        assertFalse(html.contains("<script"), "no script, and names with markup stay text");
        assertFalse(html.contains("hunter2"), "secrets are masked in values and diffs");

        try (Chromium chromium = new Chromium()) {
            String dom = chromium.dumpDom(page, temp);
            String text = dom.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'");
            for (Finding f : everyCause().findings()) {
                assertTrue(text.contains(f.title()), "title in the DOM: " + f.title());
                assertTrue(text.contains(f.files().get(0)), "file in the DOM: " + f.files().get(0));
                for (FieldChange c : f.fields()) {
                    assertTrue(text.contains(c.path()), "field in the DOM: " + c.path());
                }
            }
            assertTrue(text.contains("100000") && text.contains("999999"), "before and after values");
            assertTrue(dom.contains("<th scope=\"col\">Before</th>"), "value tables have column headers");
            assertTrue(text.contains("drifting for 3 days"), "drift age");
            assertTrue(text.contains("by dana@example.com at 2026-12-05T10:00:00Z"), "who and when");
            assertTrue(text.contains(Attribution.REMOVED), "the note where no editor can be named");
            assertTrue(text.contains("revert.java --repo . --datastore-id 42"), "the revert command");
            assertTrue(dom.contains("<details>") && dom.contains("+  max: 999999"), "the diffs are folded");
            assertTrue(text.contains("+host: db2") && text.contains(" password: '***'"), "the diff shows the change and masks the secret");
            assertFalse(dom.contains("<script>alert"), "a name with markup is not markup in the DOM");
            BufferedImage shot = chromium.screenshot(page, temp.resolve("drift.png"), 1100, 1400, temp);
            assertTrue(Chromium.colours(shot) > 20, "the screenshot is not blank: " + Chromium.colours(shot) + " colours");
            Path keep = Path.of("target", "screenshots");
            Files.createDirectories(keep);
            Files.copy(temp.resolve("drift.png"), keep.resolve("drift-report.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertEquals(List.of(), chromium.pageRequests(), "the page asked for something over the network");
        }
    }
}
