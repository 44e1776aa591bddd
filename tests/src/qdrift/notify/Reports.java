package qdrift.notify;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import qdrift.report.ChangeKind;
import qdrift.report.DriftReport;
import qdrift.report.FieldChange;
import qdrift.report.Origin;
import qdrift.report.PullRequestRef;
import qdrift.report.ReportJson;
import qdrift.report.ResourceChange;
import qdrift.report.Severity;
import qdrift.report.Summary;

/** Reports to notify about: one drifted warehouse (one loosened check among three changes), its clean twin, a huge one. */
final class Reports {
    static final Origin ORIGIN = Origin.live("acme.qualytics.io", List.of(new Origin.DatastoreRef(42L, "prod-warehouse")),
            "/opt/qualytics-config", "qualytics-config", "abc123");

    private Reports() {
    }

    static DriftReport drifted() {
        List<ResourceChange> changes = List.of(
                new ResourceChange("connections", null, null, "warehouse-conn", "connections/warehouse_conn.yaml",
                        ChangeKind.MODIFIED, null, List.of(new FieldChange("parameters.host", TextNode.valueOf("a"), TextNode.valueOf("b"))), null),
                new ResourceChange("checks", "prod-warehouse", "orders", "between total_amount",
                        "datastores/prod_warehouse/checks/orders/between__total_amount.yaml", ChangeKind.MODIFIED, Severity.LOOSENING,
                        List.of(new FieldChange("coverage", IntNode.valueOf(1), TextNode.valueOf("0.9")),
                                new FieldChange("properties.max", IntNode.valueOf(10), IntNode.valueOf(1000))), null),
                new ResourceChange("checks", "prod-warehouse", "orders", "not_null id",
                        "datastores/prod_warehouse/checks/orders/not_null__id.yaml", ChangeKind.ADDED, Severity.TIGHTENING, List.of(), null));
        return new DriftReport(DriftReport.SCHEMA, "qualytics-drift 0.1.0", "drift", DriftReport.DRIFT, ORIGIN,
                new Summary(1, 0, 2, 0, 1, Map.of("checks", 2, "connections", 1)), changes, List.of(), List.of(),
                new PullRequestRef("https://github.com/acme/qualytics-config/pull/7", 7, "drift/2024-06-01", "opened"));
    }

    /** The same drift seen on a later run: other commit, tool, warnings and PR, same changes. */
    static DriftReport driftedAgainLater() {
        DriftReport d = drifted();
        Origin later = Origin.live(ORIGIN.host(), ORIGIN.datastores(), ORIGIN.repository(), ORIGIN.path(), "def456");
        return new DriftReport(d.schema(), "qualytics-drift 0.1.1", d.kind(), d.status(), later, d.summary(), d.changes(),
                d.ignored(), List.of("ignore rule x expired"), null);
    }

    /** One more change than {@link #drifted()}. */
    static DriftReport driftedMore() {
        DriftReport d = drifted();
        List<ResourceChange> changes = new ArrayList<>(d.changes());
        changes.add(new ResourceChange("containers", "prod-warehouse", "customers", "customers", "datastores/prod_warehouse/containers/customers.yaml",
                ChangeKind.REMOVED, null, List.of(), null));
        return new DriftReport(d.schema(), d.tool(), d.kind(), d.status(), d.origin(),
                new Summary(1, 1, 2, 0, 1, Map.of("checks", 2, "connections", 1, "containers", 1)), changes, List.of(), List.of(), d.pullRequest());
    }

    /**
     * {@link #drifted()} as a v2 report: one finding per change, the loosened check first seen at firstSeen and changed
     * by Dana, the connection change first seen later.
     */
    static DriftReport withFindings(String firstSeen) {
        DriftReport d = drifted();
        ResourceChange check = d.changes().get(1);
        List<qdrift.report.Finding> findings = List.of(
                new qdrift.report.Finding("fp-check", "modified", "checks", "prod-warehouse", "orders", check.name(),
                        "check `between total_amount` (container `orders`) modified: coverage 1 → 0.9, properties.max 10 → 1000",
                        Severity.LOOSENING, check.fields(), List.of(check.file()), null, "Dana Reviewer",
                        "2024-05-29T08:00:00Z", null, firstSeen),
                new qdrift.report.Finding("fp-conn", "modified", "connections", null, null, "warehouse-conn",
                        "connection `warehouse-conn` modified: parameters.host a → b", null, d.changes().get(0).fields(),
                        List.of(d.changes().get(0).file()), null, null, null, null, "2024-06-01T08:00:00Z"));
        return new DriftReport(d.schema(), d.tool(), d.kind(), d.status(), d.origin(), d.summary(), findings, d.changes(),
                d.ignored(), d.warnings(), List.of(), d.pullRequest(), null);
    }

    static DriftReport clean() {
        return new DriftReport(DriftReport.SCHEMA, "qualytics-drift 0.1.0", "drift", DriftReport.CLEAN, ORIGIN,
                new Summary(0, 0, 0, 0, 0, Map.of()), List.of(), List.of(), List.of(), null);
    }

    /** 2,000 modified checks, every tenth loosening, each with a dozen long field paths. */
    static DriftReport huge() {
        List<ResourceChange> changes = new ArrayList<>();
        List<FieldChange> fields = new ArrayList<>();
        for (int f = 0; f < 12; f++) {
            fields.add(new FieldChange("properties.some_rather_long_property_name_number_" + f + ".nested[" + f + "]",
                    IntNode.valueOf(f), IntNode.valueOf(f + 1)));
        }
        for (int i = 0; i < 2_000; i++) {
            changes.add(new ResourceChange("checks", "prod-warehouse", "table_with_a_long_name_" + (i % 50),
                    "check number " + i + " on a column with a fairly long name", "datastores/prod_warehouse/checks/x" + i + ".yaml",
                    ChangeKind.MODIFIED, i % 10 == 0 ? Severity.LOOSENING : Severity.NEUTRAL, fields, null));
        }
        return new DriftReport(DriftReport.SCHEMA, "qualytics-drift 0.1.0", "drift", DriftReport.DRIFT, ORIGIN,
                new Summary(0, 0, 2_000, 0, 200, Map.of("checks", 2_000)), changes, List.of(), List.of(), null);
    }

    static Path write(Path dir, String name, DriftReport report) {
        try {
            return Files.writeString(dir.resolve(name), ReportJson.write(report));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
