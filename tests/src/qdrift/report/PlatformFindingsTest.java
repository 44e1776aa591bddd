package qdrift.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import qdrift.cli.Failure;
import qdrift.model.ResourceType;
import qdrift.model.ServerFieldsFile;

/** Platform findings, --fail-on platform and the server-fields file. */
class PlatformFindingsTest {
    /** n checks whose after-side gained {extra}; also one real change on check 0 when withRealChange. */
    static List<ResourceDelta> checks(int n, String extra, boolean withRealChange) {
        List<ResourceDelta> deltas = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String before = "{rule_type: 'notNull', container: 'orders', fields: ['c" + i + "'], coverage: 1}";
            String after = "{rule_type: 'notNull', container: 'orders', fields: ['c" + i + "'], coverage: "
                    + (withRealChange && i == 0 ? "0.5" : "1") + ", " + extra + "}";
            deltas.add(FindingsTest.check("orders", "not_null__c" + i, before, after));
        }
        return deltas;
    }

    static DriftReport build(List<ResourceDelta> deltas, int totalChecks) {
        return ReportBuilder.build("drift", ReportBuilderTest.ORIGIN, deltas, IgnoreRules.none(), List.of(),
                Map.of("checks", totalChecks));
    }

    @Test
    void aFieldOnMostChecksIsOnePlatformFindingAndTheRealChangeKeepsItsOwn() {
        DriftReport report = build(checks(12, "is_monitored: false", true), 20);

        assertEquals(List.of("field `is_monitored` appeared on 12 of 20 checks, all `false`",
                        "check `orders__not_null__c0` (container `orders`) modified: coverage 1 → 0.5"),
                report.findings().stream().map(Finding::title).toList());
        Finding platform = report.findings().get(0);
        assertEquals("platform", platform.cause());
        assertEquals(12, platform.files().size());
        assertTrue(platform.remedy().contains("--datastore-id 42 --folder /opt/qualytics-config/qualytics-config"), platform.remedy());
        assertEquals(12, report.changes().size(), "the file-level changes are all still there");
        assertEquals(1, ExitPolicy.exitCode(report, FailOn.defaults()), "the real change fails the run");
        DriftReport upgradeOnly = build(checks(12, "is_monitored: false", false), 20);
        assertEquals(1, upgradeOnly.findings().size());
        assertEquals(0, ExitPolicy.exitCode(upgradeOnly, FailOn.defaults()), "an upgrade alone is reported, exit 0");
        assertEquals(1, ExitPolicy.exitCode(upgradeOnly, FailOn.parse(List.of("all,platform"))));
        assertEquals(1, ExitPolicy.exitCode(upgradeOnly, FailOn.parse(List.of("platform"))));
        assertEquals(0, ExitPolicy.exitCode(upgradeOnly, FailOn.parse(List.of("checks"))));
        assertEquals(build(checks(12, "is_monitored: false", false), 20).findings().get(0).fingerprint(), upgradeOnly.findings().get(0).fingerprint());
        assertTrue(TextReport.render(upgradeOnly, List.of(), 100, false).contains("12 changes only by the platform finding(s) above"));
    }

    @Test
    void belowHalfOrBelowTenIsNoPlatformFinding() {
        assertEquals(0, build(checks(12, "x: 1", false), 25).findings().stream().filter(f -> f.cause().equals("platform")).count(),
                "12 of 25 is less than half");
        assertEquals(0, build(checks(9, "x: 1", false), 9).findings().stream().filter(f -> f.cause().equals("platform")).count(),
                "9 is fewer than 10");
        assertEquals(0, ReportBuilder.build("drift", ReportBuilderTest.ORIGIN, checks(12, "x: 1", false), IgnoreRules.none(),
                List.of()).findings().stream().filter(f -> f.cause().equals("platform")).count(), "no totals, no guess");
        DriftReport differentValues = build(checks(12, "x: 1", false).subList(0, 6), 12);
        assertEquals(6, differentValues.findings().size());
    }

    @Test
    void aBulkEditOfAKnownSettingIsNeverPlatform() {
        List<ResourceDelta> deltas = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            deltas.add(FindingsTest.check("orders", "c" + i, "{rule_type: 'notNull', status: 'Active'}", "{rule_type: 'notNull', status: 'Draft'}"));
        }
        DriftReport report = build(deltas, 12);
        assertEquals(12, report.findings().size(), "setting every check to Draft is a person's act");
        assertEquals(1, ExitPolicy.exitCode(report, FailOn.defaults()));
    }

    @Test
    void failOnNamesTypesAllAndPlatform() {
        assertEquals(FailOn.defaults(), FailOn.parse(List.of()));
        assertEquals(new FailOn(java.util.EnumSet.of(ResourceType.CHECKS), true), FailOn.parse(List.of("checks", "platform")));
        Failure bad = assertThrows(Failure.class, () -> FailOn.parse(List.of("chekcs")));
        assertTrue(bad.getMessage().contains("all or platform"), bad.getMessage());
    }

    @Test
    void aRemovedContainerFailsAFailOnChecksRunThroughTheChecksItCarries() {
        List<ResourceDelta> deltas = List.of(FindingsTest.container("orders", "{name: 'orders'}", null),
                FindingsTest.check("orders", "a", "{rule_type: 'notNull', container: 'orders'}", null));
        DriftReport report = build(deltas, 1);
        assertEquals(1, report.findings().size());
        assertEquals(1, ExitPolicy.exitCode(report, FailOn.parse(List.of("checks"))));
    }

    @Test
    void theServerFieldsFileDropsListedFieldsAndRefusesWhatItCannotRead() {
        ServerFieldsFile file = ServerFieldsFile.parse("checks: [is_monitored, properties.x]\n\"*\": sync_token\n"
                .getBytes(StandardCharsets.UTF_8), "f.yaml");
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) Json.of(
                "{rule_type: 'a', is_monitored: false, sync_token: 't', properties: {x: 1, y: 2}}");
        assertEquals(Json.of("{rule_type: 'a', properties: {y: 2}}"), file.strip(ResourceType.CHECKS, body));
        assertEquals(Json.of("{rule_type: 'a', is_monitored: false, properties: {x: 1, y: 2}}"), file.strip(ResourceType.CONTAINERS, body));
        assertTrue(body.has("is_monitored"), "the input body is not changed");
        for (String broken : List.of("checkz: [x]\n", "- checks\n", "checks: {a: b}\n", "checks: [1]\n")) {
            Failure failure = assertThrows(Failure.class, () -> ServerFieldsFile.parse(broken.getBytes(StandardCharsets.UTF_8), "f.yaml"));
            assertEquals(6, failure.exitCode().code(), broken);
            assertTrue(failure.getMessage().startsWith("f.yaml is not a valid server-fields file: "), failure.getMessage());
        }
        assertTrue(ServerFieldsFile.parse("# nothing yet\n".getBytes(StandardCharsets.UTF_8), "f.yaml").isEmpty());
    }

    @Test
    void compareEnvsSaysOneSideRunsAnotherVersionAndNamesTheExpectationRule() {
        Origin sides = Origin.sides(new Origin.Side("dev", "dev.qualytics.io", List.of(), null, null),
                new Origin.Side("prod", "prod.qualytics.io", List.of(), null, null));
        DriftReport report = ReportBuilder.build("compare-envs", sides, checks(12, "is_monitored: false", false),
                IgnoreRules.none(), List.of(), Map.of("checks", 12));
        assertEquals(1, report.findings().size());
        assertTrue(report.findings().get(0).remedy().contains("{type: checks, fields: [is_monitored], reason: \"Qualytics upgrade\"}"
                + " in the --expect file"), report.findings().get(0).remedy());
        assertEquals(0, ExitPolicy.exitCode(report, java.util.Set.of(ResourceType.values())), "compare-envs: a platform finding alone exits 0");
    }
}
