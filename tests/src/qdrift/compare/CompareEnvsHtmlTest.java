package qdrift.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.report.DriftReport;
import qdrift.report.FieldChange;
import qdrift.report.Finding;
import qdrift.report.ReportJson;
import qdrift.report.ResourceChange;
import qdrift.sandbox.Kind;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.SandboxOptions;
import qdrift.sandbox.TenantSpec;
import qdrift.sandbox.TenantState;
import qdrift.testing.Chromium;
import qdrift.testing.ScriptRun;

/**
 * compare-envs.java -o html=FILE: two sandboxes (dev, prod) from one seed with deliberate edits in prod (a connection
 * host, a check's coverage, a removed computed field, a removed check, an added check, an expected difference and a
 * stale expectation). The page opened in headless Chromium holds every difference of the JSON report written by the
 * same run (its file, which side has it, its fields and values), the expected ones set aside, the warning, the sides
 * in the diff headers, no drift-only advice, and it asks for nothing over the network.
 */
class CompareEnvsHtmlTest {

    /** A variable the test JVM surely has, standing in for the token variable (tests cannot set environment variables). */
    private static String tokenVariable() {
        return Stream.of("HOME", "USER", "PATH").filter(v -> System.getenv(v) != null && !System.getenv(v).isBlank())
                .findFirst().orElse(null);
    }

    private static String unescape(String dom) {
        return dom.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    @Test
    void everyDifferenceOfTheComparisonIsInThePageWhichLoadsNothing(@TempDir Path dir) throws Exception {
        String variable = tokenVariable();
        assumeTrue(variable != null, "no environment variable to carry the token");
        TenantSpec spec = TenantSpec.of(7, 60, 16);
        SandboxOptions options = SandboxOptions.defaults().withPort(0).withToken(System.getenv(variable).trim());
        try (Sandbox dev = Sandbox.start(spec, options); Sandbox prod = Sandbox.start(spec.withIdOffset(700), options)) {
            long devId = dev.state().busiestDatastoreId();
            long prodId = prod.state().busiestDatastoreId();
            dev.state().updateDatastore(devId, "{\"name\": \"dev-warehouse\"}");
            TenantState p = prod.state();
            p.updateConnection(p.idByName(Kind.CONNECTION, "prod-pg"), "{\"host\": \"prod-db.example.com\"}");
            List<Long> checks = p.checkIds(prodId);
            p.updateCheck(checks.get(1), "{\"coverage\": 0.5}");
            p.updateCheck(checks.get(2), "{\"description\": \"prod wording\"}");
            p.deleteCheck(checks.get(0));
            long withField = p.containerIds(prodId).stream().filter(id -> !p.computedFieldIds(id).isEmpty()).findFirst().orElseThrow();
            p.delete(Kind.COMPUTED_FIELD, p.computedFieldIds(withField).get(0));
            p.createCheck("{\"container_id\": " + p.containerIds(prodId).get(0) + ", \"rule_type\": \"notNull\", \"fields\": [\"id\"],"
                    + " \"coverage\": 1.0, \"description\": \"added in prod only\", \"status\": \"Active\"}");
            Path envs = dir.resolve("environments.yaml");
            Files.writeString(envs, """
                    environments:
                      dev:  {url: %s, token_env: %s, datastore_ids: [%d]}
                      prod: {url: %s, token_env: %s, datastore_ids: [%d]}
                    map:
                      datastores: {dev-warehouse: prod-warehouse}
                    """.formatted(dev.url(), variable, devId, prod.url(), variable, prodId));
            Path expect = dir.resolve("expected-differences.yaml");
            Files.writeString(expect, """
                    rules:
                      - type: checks
                        fields: [description]
                        reason: prod words its checks its own way
                      - type: containers
                        fields: [tags]
                        reason: tags used to differ
                    """);
            Path json = dir.resolve("compare.json");
            Path page = dir.resolve("compare.html");

            ScriptRun run = ScriptRun.of("CompareEnvsCommand", "--left", "dev", "--right", "prod", "--envs", envs.toString(),
                    "--expect", expect.toString(), "-o", "json=" + json, "-o", "html=" + page, "--no-color");

            assertEquals(1, run.exitCode(), run.toString());
            DriftReport report = ReportJson.read(Files.readString(json), json.toString());
            assertTrue(report.changes().size() >= 5, "the edits are differences: " + report.changes());
            assertFalse(report.ignored().isEmpty(), "the expected difference is set aside");
            assertFalse(report.warnings().isEmpty(), "the stale expectation is a warning");
            String html = Files.readString(page);
            Files.createDirectories(Path.of("target", "screenshots"));
            Files.writeString(Path.of("target", "screenshots", "compare-report.html"), html);
            assertEquals(List.of(), Chromium.externalReferences(html), "the page references something outside itself");
            assertFalse(html.contains(System.getenv(variable).trim()), "the token never shows");

            try (Chromium chromium = new Chromium()) {
                String dom = chromium.dumpDom(page, dir);
                String text = unescape(dom);
                assertTrue(text.contains("<title>compare-envs: Differences found: "), "the page title says what it is");
                String devHost = java.net.URI.create(dev.url()).getAuthority();
                String prodHost = java.net.URI.create(prod.url()).getAuthority();
                assertTrue(text.contains("Comparing dev (" + devHost + ") (-) with prod (" + prodHost + ") (+)"),
                        "the sides are named with their servers");
                assertTrue(text.contains("<span class=\"badge drift\">differences</span>"), "the headline's word is a comparison's");
                assertFalse(text.contains(">drift</span>"), "nothing drifts between two environments");
                for (ResourceChange c : report.changes()) {
                    String where = switch (c.kind()) {
                        case ADDED -> "only in prod";
                        case REMOVED -> "only in dev";
                        case MODIFIED -> "differs";
                        case RENAMED -> "renamed";
                    };
                    assertTrue(text.contains("<td>" + where + "</td><td>" + c.type() + "</td>"), "which side has " + c.file());
                    assertTrue(text.contains("<code>" + c.file() + "</code>"), "file in the DOM: " + c.file());
                    for (FieldChange f : c.fields()) {
                        assertTrue(text.contains(f.path()), "field in the DOM: " + f.path());
                    }
                }
                for (Finding f : report.findings()) {
                    assertTrue(text.contains(f.title()), "finding in the DOM: " + f.title());
                    String where = switch (f.cause()) {
                        case "added" -> "only in prod";
                        case "removed" -> "only in dev";
                        case "modified" -> "differs";
                        default -> f.cause();
                    };
                    assertTrue(text.contains("<p class=\"meta\">" + where + " · " + f.type()), "which side has " + f.title());
                }
                assertTrue(text.contains("prod-db.example.com"), "the right side's value");
                for (ResourceChange c : report.ignored()) {
                    assertTrue(text.contains(c.ignoredBy()), "the expected difference and its rule: " + c.ignoredBy());
                }
                assertTrue(text.contains(report.warnings().get(0)), "the stale expectation");
                assertTrue(text.contains("--- dev/") && text.contains("+++ prod/"), "the diff headers name the sides");
                assertFalse(text.contains("--ledger") || text.contains("revert.java"), "no drift-only advice in a comparison");
                BufferedImage shot = chromium.screenshot(page, dir.resolve("compare.png"), 1100, 1400, dir);
                assertTrue(Chromium.colours(shot) > 20, "the screenshot is not blank: " + Chromium.colours(shot) + " colours");
                Path keep = Path.of("target", "screenshots");
                Files.createDirectories(keep);
                Files.copy(dir.resolve("compare.png"), keep.resolve("compare-report.png"), StandardCopyOption.REPLACE_EXISTING);
                assertEquals(List.of(), chromium.pageRequests(), "the page asked for something over the network");
            }
        }
    }
}
