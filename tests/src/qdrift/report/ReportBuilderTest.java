package qdrift.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import qdrift.cli.Version;
import qdrift.model.ResourceType;

class ReportBuilderTest {
    static final String DS = "datastores/prod_warehouse/";
    static final Origin ORIGIN = Origin.live("acme.qualytics.io", List.of(new Origin.DatastoreRef(42L, "prod-warehouse")),
            "/opt/qualytics-config", "qualytics-config", "abc123");

    static ResourceDelta check(String file, String before, String after) {
        return new ResourceDelta("checks", "prod-warehouse", null, file, DS + "checks/orders/" + file,
                before == null ? null : Json.of(before), after == null ? null : Json.of(after));
    }

    /** Five deltas: a weakened check, a reworded check, an added check, a removed connection, one unchanged body. */
    static List<ResourceDelta> deltas() {
        String between = Json.check().toString();
        return List.of(
                check("between__total_amount.yaml", between, Json.check("coverage", "0.5").toString()),
                check("not_null__order_id.yaml", "{rule_type: 'notNull', container_name: 'orders', description: 'a'}",
                        "{rule_type: 'notNull', container_name: 'orders', description: 'b'}"),
                check("unique__order_id.yaml", null, "{rule_type: 'unique', container: 'orders'}"),
                new ResourceDelta("connections", null, null, "prod-pg", "connections/prod_pg.yaml",
                        Json.of("{name: 'prod-pg', password: '${PROD_PG_PASSWORD}'}"), null),
                check("same.yaml", "{coverage: 1}", "{coverage: 1.0}"));
    }

    static DriftReport build(IgnoreRules rules) {
        return ReportBuilder.build("drift", ORIGIN, deltas(), rules, List.of("datastore 7 was skipped"));
    }

    @Test
    void theSummaryCountsReportedChangesPerKindAndType() {
        DriftReport report = build(IgnoreRules.none());
        assertEquals(new Summary(1, 1, 2, 0, 1, Map.of("checks", 3, "connections", 1)), report.summary());
        assertEquals(DriftReport.DRIFT, report.status());
        assertEquals(DriftReport.SCHEMA, report.schema());
        assertEquals(Version.TOOL, report.tool());
        assertEquals(List.of("datastore 7 was skipped"), report.warnings());
    }

    @Test
    void changesAreSortedByFileWithSeverityForChecksOnly() {
        DriftReport report = build(IgnoreRules.none());
        assertEquals(List.of("connections/prod_pg.yaml", DS + "checks/orders/between__total_amount.yaml",
                        DS + "checks/orders/not_null__order_id.yaml", DS + "checks/orders/unique__order_id.yaml"),
                report.changes().stream().map(ResourceChange::file).toList(), "the unchanged body is dropped");
        List<Severity> severities = report.changes().stream().map(ResourceChange::severity).toList();
        assertEquals(java.util.Arrays.asList(null, Severity.LOOSENING, Severity.NEUTRAL, Severity.TIGHTENING), severities);
        assertEquals("orders", report.changes().get(2).container(), "container_name is read when container is absent");
        assertEquals("orders", report.changes().get(3).container());
        assertEquals(List.of("coverage"), report.changes().get(1).fields().stream().map(FieldChange::path).toList());
    }

    @Test
    void ignoredChangesMoveOutOfTheCountsAndStatus() {
        IgnoreRules rules = IgnoreRules.parse("""
                rules:
                  - type: checks
                    reason: checks are edited in the UI
                  - type: connections
                    reason: connections are managed by the platform team
                    expires: 2027-01-01
                """, ".driftignore", List.of(), LocalDate.of(2026, 11, 30));
        DriftReport report = build(rules);
        assertTrue(report.changes().isEmpty(), report.changes().toString());
        assertEquals(DriftReport.CLEAN, report.status());
        assertEquals(new Summary(0, 0, 0, 4, 0, Map.of()), report.summary());
        assertEquals("rule 2: connections are managed by the platform team", report.ignored().get(0).ignoredBy());
    }

    @Test
    void severityIsJudgedOnTheFieldsLeftAfterIgnoreRules() {
        IgnoreRules rules = IgnoreRules.parse(null, null, List.of("checks:coverage"), LocalDate.of(2026, 11, 30));
        ResourceDelta delta = check("between__total_amount.yaml", Json.check().toString(),
                Json.check("coverage", "0.5").put("description", "x").toString());
        ResourceChange change = ReportBuilder.build("drift", ORIGIN, List.of(delta), rules, List.of()).changes().get(0);
        assertEquals(Severity.NEUTRAL, change.severity(), "the ignored coverage change does not count");
    }

    @Test
    void secretValuesNeverReachTheReportButPlaceholdersDo() {
        ResourceDelta delta = new ResourceDelta("connections", null, null, "prod-pg", "connections/prod_pg.yaml",
                Json.of("{password: '${PROD_PG_PASSWORD}', parameters: {api_token: 'old-secret'}, host: 'a'}"),
                Json.of("{password: 'hunter2', parameters: {api_token: 'new-secret'}, host: 'b'}"));
        DriftReport report = ReportBuilder.build("drift", ORIGIN, List.of(delta), IgnoreRules.none(), List.of());
        String json = ReportJson.write(report);
        assertFalse(json.contains("hunter2") || json.contains("old-secret") || json.contains("new-secret"), json);
        assertTrue(json.contains("${PROD_PG_PASSWORD}"), json);
        assertEquals(List.of("host", "parameters.api_token", "password"),
                report.changes().get(0).fields().stream().map(FieldChange::path).toList(), "a masked change is still reported");
    }

    @Test
    void theJsonReportSurvivesTheRoundTrip() {
        DriftReport report = build(IgnoreRules.parse(null, null, List.of("checks:description"), LocalDate.of(2026, 11, 30)));
        assertEquals(1, report.ignored().size());
        assertEquals(report, ReportJson.read(ReportJson.write(report), "test"));
    }

    @Test
    void theExitCodeIsOneOnlyForDriftOfTheFailOnTypes() {
        DriftReport report = build(IgnoreRules.none());
        assertEquals(1, ExitPolicy.exitCode(report, Set.of()), "all types count by default");
        assertEquals(1, ExitPolicy.exitCode(report, EnumSet.of(ResourceType.CONNECTIONS)));
        assertEquals(0, ExitPolicy.exitCode(report, EnumSet.of(ResourceType.DATASTORES, ResourceType.CONTAINERS)));
        DriftReport clean = ReportBuilder.build("drift", ORIGIN, List.of(), IgnoreRules.none(), List.of());
        assertEquals(0, ExitPolicy.exitCode(clean, Set.of()));
        assertNull(clean.pullRequest());
    }
}
