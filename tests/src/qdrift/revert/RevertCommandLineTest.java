package qdrift.revert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import qdrift.report.ChangeKind;
import qdrift.report.DriftReport;
import qdrift.report.Origin;
import qdrift.report.ResourceChange;
import qdrift.report.Summary;

/** The revert command a drift report names: same place and datastores, Git pinned, exactly the changed files. */
class RevertCommandLineTest {
    private static DriftReport report(int changedFiles) {
        List<ResourceChange> changes = IntStream.range(0, changedFiles).mapToObj(i -> new ResourceChange("checks", "prod",
                "orders", "uid" + i, "datastores/prod/checks/orders/rule__f" + i + ".yaml", ChangeKind.MODIFIED, null, List.of(), null))
                .toList();
        Origin origin = Origin.live("acme.qualytics.io", List.of(new Origin.DatastoreRef(42L, "prod")), "/opt/my config",
                "qualytics-config", "abc123");
        return new DriftReport(DriftReport.SCHEMA, "t", "drift", changedFiles == 0 ? DriftReport.CLEAN : DriftReport.DRIFT, origin,
                new Summary(0, 0, changedFiles, 0, 0, Map.of()), changes, List.of(), List.of(), null);
    }

    @Test
    void aFewChangedFilesAreNamedOneByOneAndPathsAreShellQuoted() {
        assertEquals("./jbang revert.java --repo '/opt/my config' --path qualytics-config --datastore-id 42 --ref abc123"
                        + " --only datastores/prod/checks/orders/rule__f0.yaml --only datastores/prod/checks/orders/rule__f1.yaml",
                RevertCommandLine.forDrift(report(2), "/opt/my config", "qualytics-config", List.of(42L), false, null));
    }

    @Test
    void manyChangedFilesGoThroughTheSavedReport() {
        assertEquals("./jbang revert.java --repo /r --path p --all-datastores --ref abc123 --from-report out/drift.json",
                RevertCommandLine.forDrift(report(11), "/r", "p", List.of(42L), true, "out/drift.json"));
    }

    @Test
    void aCleanReportHasNone() {
        assertNull(RevertCommandLine.forDrift(report(0), "/r", "p", List.of(42L), false, null));
    }
}
