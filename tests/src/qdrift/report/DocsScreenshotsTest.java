package qdrift.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.ledger.PeriodReportTest;
import qdrift.report.html.HtmlReport;
import qdrift.testing.Chromium;
import qdrift.testing.GitCli;
import qdrift.testing.ProjectRoot;
import qdrift.testing.ScriptRun;

/**
 * The screenshots of docs/html-reports.md, taken in headless Chromium from fixed demo inputs (a drift report, the
 * 30-day demo ledger of PeriodReportTest, two export folders committed in a repository for compare-envs). Every run writes them under
 * tests/target/screenshots/ and checks them; to refresh the committed ones in docs/img/, run
 * {@code mvn -B -ntp -f tests/pom.xml verify -Dtest=DocsScreenshotsTest -Dqdrift.screenshots=docs}.
 * The committed PNGs are checked too: readable, not blank, under 300 KB each.
 */
class DocsScreenshotsTest {
    static final List<String> PAGES = List.of("drift-report.png", "period-report.png", "compare-report.png");
    static final long MAX_BYTES = 300_000;
    static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");
    static final String DS = "datastores/prod-warehouse/";

    @TempDir
    Path temp;

    /** A small drift report an auditor might get on a Monday: a loosened check, a removed one, an added one, a connection. */
    static DriftReport demo() {
        String between = DS + "checks/orders/between__total_amount.yaml";
        String notNull = DS + "checks/orders/notnull__customer_id.yaml";
        String added = DS + "checks/orders/matches__email.yaml";
        String connection = "connections/prod_pg.yaml";
        List<FieldChange> max = List.of(new FieldChange("properties.max", Json.of("100000"), Json.of("999999")),
                new FieldChange("coverage", Json.of("1"), Json.of("0.9")));
        List<FieldChange> host = List.of(new FieldChange("host", Json.of("\"db1.internal\""), Json.of("\"db2.internal\"")));
        List<Finding> findings = List.of(
                HtmlReportTest.finding("modified", "checks", "orders__between__total_amount",
                        "check `orders__between__total_amount` modified: properties.max 100000 → 999999, coverage 1 → 0.9",
                        Severity.LOOSENING, max, between, "dana@example.com", "2026-12-04T08:00:00Z"),
                HtmlReportTest.finding("removed", "checks", "orders__notnull__customer_id", "check `orders__notnull__customer_id` removed",
                        Severity.LOOSENING, List.of(), notNull, null, "2026-12-06T08:00:00Z"),
                HtmlReportTest.finding("added", "checks", "orders__matches__email", "check `orders__matches__email` added",
                        Severity.TIGHTENING, List.of(), added, "lee@example.com", "2026-12-07T07:00:00Z"),
                HtmlReportTest.finding("modified", "connections", "prod-pg", "connection `prod-pg` modified: host db1.internal → db2.internal",
                        null, host, connection, "ops@example.com", "2026-12-03T08:00:00Z"));
        List<ResourceChange> changes = List.of(
                new ResourceChange("checks", "prod-warehouse", "orders", "orders__between__total_amount", between, ChangeKind.MODIFIED,
                        Severity.LOOSENING, max, null, null, "dana@example.com", "2026-12-05T10:00:00Z", null),
                new ResourceChange("checks", "prod-warehouse", "orders", "orders__notnull__customer_id", notNull, ChangeKind.REMOVED,
                        Severity.LOOSENING, List.of(), null, null, null, null, Attribution.REMOVED),
                new ResourceChange("checks", "prod-warehouse", "orders", "orders__matches__email", added, ChangeKind.ADDED,
                        Severity.TIGHTENING, List.of(), null, null, "lee@example.com", "2026-12-07T07:00:00Z", null),
                new ResourceChange("connections", null, null, "prod-pg", connection, ChangeKind.MODIFIED, null, host,
                        null, null, "ops@example.com", "2026-12-03T08:00:00Z", null));
        Summary summary = new Summary(1, 1, 2, 0, 2, Map.of("checks", 3, "connections", 1), 0);
        Origin origin = Origin.live("acme.qualytics.io", List.of(new Origin.DatastoreRef(42L, "prod-warehouse")),
                null, "qualytics-config", "4f2c9e1a7b3d5f60");
        return new DriftReport(DriftReport.SCHEMA, "qualytics-drift", "drift", DriftReport.DRIFT, origin, summary, findings,
                changes, List.of(), List.of(), List.of(), null, "./jbang revert.java --repo . --datastore-id 42 --from-report drift.json");
    }

    static List<FileText> demoTexts() {
        return List.of(new FileText(DS + "checks/orders/between__total_amount.yaml",
                        "container: orders\ncoverage: 1\nproperties:\n  max: 100000\n  min: 0\nrule_type: between\n",
                        "container: orders\ncoverage: 0.9\nproperties:\n  max: 999999\n  min: 0\nrule_type: between\n"),
                new FileText("connections/prod_pg.yaml", "host: db1.internal\nname: prod-pg\nport: 5432\n",
                        "host: db2.internal\nname: prod-pg\nport: 5432\n"));
    }

    /** dev and prod export folders: prod has another database host, one check less and one check more. */
    static void demoFolders(Path dev, Path prod) throws Exception {
        for (Path side : List.of(dev, prod)) {
            Files.createDirectories(side.resolve("connections"));
            Files.createDirectories(side.resolve("datastores/warehouse/checks/orders"));
            Files.writeString(side.resolve("connections/pg.yaml"), "host: " + (side == dev ? "db.dev.internal" : "db.prod.internal")
                    + "\nname: pg\nport: 5432\n");
            Files.writeString(side.resolve("datastores/warehouse/checks/orders/between__total_amount.yaml"),
                    "container: orders\ncoverage: " + (side == dev ? "1" : "0.95") + "\nfields:\n  - total_amount\nproperties:\n  max: 100000\n  min: 0\nrule_type: between\n");
        }
        Files.writeString(dev.resolve("datastores/warehouse/checks/orders/notnull__id.yaml"),
                "container: orders\ncoverage: 1\nfields:\n  - id\nrule_type: notNull\n");
        Files.writeString(prod.resolve("datastores/warehouse/checks/orders/unique__email.yaml"),
                "container: orders\ncoverage: 1\nfields:\n  - email\nrule_type: unique\n");
    }

    @Test
    void theScreenshotsOfTheDocsAreTakenFromTheDemoInputs() throws Exception {
        Path drift = Files.writeString(temp.resolve("drift.html"), HtmlReport.render(demo(), demoTexts(), NOW));
        Path period = temp.resolve("period.html");
        Path ledgerDir = Files.createDirectories(temp.resolve("ledger"));
        PeriodReportTest.periodPage(ledgerDir, period);
        // the page names its ledger: the demo's temporary path would change every run
        Files.writeString(period, Files.readString(period).replace(ledgerDir.resolve("ledger.jsonl").toString(), "drift-ledger.jsonl"));
        Path repo = GitCli.init(temp.resolve("config"));
        demoFolders(repo.resolve("dev-config"), repo.resolve("prod-config"));
        GitCli.commitAll(repo, "dev and prod exports");
        GitCli.git(repo, "branch", "-M", "main");
        Path envs = Files.writeString(repo.resolve("environments.yaml"), """
                environments:
                  dev: {folder: dev-config, repo: ., ref: main}
                  prod: {folder: prod-config, repo: ., ref: main}
                """);
        Path compare = temp.resolve("compare.html");
        ScriptRun run = ScriptRun.of("CompareEnvsCommand", "--left", "dev", "--right", "prod", "--envs", envs.toString(),
                "-o", "html=" + compare);
        assertEquals(1, run.exitCode(), run.toString());
        String html = Files.readString(compare);
        assertTrue(html.contains("only in prod") && html.contains("db.prod.internal"), html);

        boolean toDocs = "docs".equals(System.getProperty("qdrift.screenshots"));
        Path out = toDocs ? ProjectRoot.get().resolve("docs/img") : Path.of("target", "screenshots", "docs");
        Files.createDirectories(out);
        List<Path> pages = List.of(drift, period, compare);
        try (Chromium chromium = new Chromium()) {
            for (int i = 0; i < pages.size(); i++) {
                Path png = temp.resolve(PAGES.get(i));
                BufferedImage shot = chromium.screenshot(pages.get(i), png, 1000, 1100, temp);
                assertTrue(Chromium.colours(shot) > 20, PAGES.get(i) + " is blank");
                assertTrue(Files.size(png) < MAX_BYTES, PAGES.get(i) + " is " + Files.size(png) + " bytes");
                Files.copy(png, out.resolve(PAGES.get(i)), StandardCopyOption.REPLACE_EXISTING);
            }
            assertEquals(List.of(), chromium.pageRequests(), "a page asked for something over the network");
        }
    }

    @Test
    void theCommittedScreenshotsAreThereSmallAndNotBlank() throws Exception {
        String doc = Files.readString(ProjectRoot.get().resolve("docs/html-reports.md"));
        for (String name : PAGES) {
            Path png = ProjectRoot.get().resolve("docs/img").resolve(name);
            assertTrue(Files.isRegularFile(png), "docs/img/" + name + " (regenerate: see this class)");
            assertTrue(Files.size(png) < MAX_BYTES, name + " is " + Files.size(png) + " bytes");
            BufferedImage image = ImageIO.read(png.toFile());
            assertTrue(image != null && Chromium.colours(image) > 20, name + " is not a screenshot");
            assertTrue(doc.contains("](img/" + name + ")"), "docs/html-reports.md shows " + name);
        }
    }
}
