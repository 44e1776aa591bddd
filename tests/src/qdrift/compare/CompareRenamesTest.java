package qdrift.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import qdrift.export.Snapshot;
import qdrift.report.ChangeKind;
import qdrift.report.DriftReport;
import qdrift.report.Finding;
import qdrift.report.IgnoreRules;
import qdrift.report.Origin;
import qdrift.report.ReportBuilder;
import qdrift.report.ResourceChange;

/** compare-envs pairs renamed and re-filed resources the way drift does: one finding, renamed changes, one modified check. */
class CompareRenamesTest {
    static final String DS = "datastores/warehouse/";
    static final Origin SIDES = Origin.sides(new Origin.Side("dev", "dev.qualytics.io", List.of(), null, null),
            new Origin.Side("prod", "prod.qualytics.io", List.of(), null, null));

    static Map<String, byte[]> side(String container, String checkedField) {
        Map<String, byte[]> files = new TreeMap<>();
        files.put(DS + "_datastore.yaml", bytes("name: warehouse\nconnection_name: pg\n"));
        files.put(DS + "containers/" + container + "/_container.yaml",
                bytes("name: " + container + "\ncontainer_type: table\ndatastore_name: warehouse\n"));
        files.put(DS + "containers/" + container + "/computed_fields/net.yaml", bytes("name: net\ntransformation: cast\n"));
        for (String field : List.of("a", "b", "c")) {
            files.put(DS + "checks/" + container + "/not_null__" + field + ".yaml", bytes("rule_type: notNull\ncontainer: "
                    + container + "\nfields:\n- " + field + "\ncoverage: 1\nadditional_metadata:\n  _qualytics_check_uid: "
                    + container + "__not_null__" + field + "\n"));
        }
        files.put(DS + "checks/customers/between__" + checkedField + ".yaml", bytes("rule_type: between\ncontainer: customers\n"
                + "fields:\n- " + checkedField + "\nproperties:\n  min: 0\n  max: 10\nadditional_metadata:\n  _qualytics_check_uid: ages\n"));
        return files;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aContainerRenamedBetweenEnvironmentsIsOneFindingAndACheckOnOtherFieldsIsOneDifference() {
        Snapshot dev = Snapshot.readFiles(side("orders", "age"));
        Snapshot prod = Snapshot.readFiles(side("orders_v2", "age_years"));

        Aligner.Alignment alignment = Aligner.align(dev, prod, "dev", "prod");
        DriftReport report = ReportBuilder.build("compare-envs", SIDES, alignment.deltas(), IgnoreRules.none(), alignment.warnings());

        assertEquals(List.of("container `orders` renamed to `orders_v2`: 1 computed field and 3 checks moved, nothing else changed",
                        "check `ages` (container `customers`) differs: fields [\"age\"] → [\"age_years\"]"),
                report.findings().stream().map(Finding::title).toList());
        assertEquals(Map.of("checks", 3, "computed_fields", 1), report.findings().get(0).moved());
        List<ResourceChange> renamed = report.changes().stream().filter(c -> c.kind() == ChangeKind.RENAMED).toList();
        assertEquals(5, renamed.size(), report.changes().toString());
        assertTrue(renamed.stream().allMatch(c -> c.from().contains("/orders/") && c.file().contains("/orders_v2/")), renamed.toString());
        ResourceChange check = report.changes().stream().filter(c -> c.kind() == ChangeKind.MODIFIED).findFirst().orElseThrow();
        assertEquals(DS + "checks/customers/between__age.yaml", check.from());
        assertEquals(DS + "checks/customers/between__age_years.yaml", check.file());
        assertEquals(6, report.changes().size(), "no difference shows as only in dev and only in prod");
    }
}
