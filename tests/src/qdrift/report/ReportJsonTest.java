package qdrift.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

class ReportJsonTest {

    static DriftReport sample() {
        ResourceChange change = new ResourceChange("checks", "prod-warehouse", "orders", "between total_amount",
                "datastores/prod_warehouse/checks/orders/between__total_amount.yaml", ChangeKind.MODIFIED, Severity.LOOSENING,
                List.of(new FieldChange("coverage", IntNode.valueOf(1), TextNode.valueOf("0.9"))), null);
        return new DriftReport(DriftReport.SCHEMA, "qualytics-drift test", "drift", DriftReport.DRIFT,
                Origin.live("acme.qualytics.io", List.of(new Origin.DatastoreRef(42L, "prod-warehouse")), "/repo", "qualytics-config", "abc123"),
                new Summary(0, 0, 1, 0, 1, Map.of("checks", 1)), List.of(change), List.of(), List.of(), null);
    }

    @Test
    void aReportSurvivesTheRoundTripWithSnakeCaseKeys() {
        String json = ReportJson.write(sample());
        assertTrue(json.contains("\"ignored_by\"") || !json.contains("ignoredBy"), json);
        assertTrue(json.contains("\"by_type\""), json);
        assertTrue(json.endsWith("}\n"), "one trailing newline");
        assertEquals(sample(), ReportJson.read(json, "stdin"));
    }

    @Test
    void theTopLevelKeysAreExactlyTheSchemasAndDerivedGettersStayOut() throws Exception {
        var keys = new java.util.ArrayList<String>();
        ReportJson.mapper().readTree(ReportJson.write(sample())).fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("schema", "tool", "kind", "status", "origin", "summary", "findings", "changes", "ignored", "warnings",
                        "failed_datastores"), keys,
                "isClean() must not leak into the JSON as a \"clean\" key");
    }

    @Test
    void somethingElseIsRefusedWithAnIoFailureNamingTheSource() {
        Failure notJson = assertThrows(Failure.class, () -> ReportJson.read("diff --git a b", "stdin"));
        assertEquals(ExitCode.IO, notJson.exitCode());
        assertTrue(notJson.getMessage().startsWith("stdin is not JSON"), notJson.getMessage());
        Failure otherJson = assertThrows(Failure.class, () -> ReportJson.read("{\"items\": []}", "report.json"));
        assertTrue(otherJson.getMessage().contains("not a qualytics-drift report"), otherJson.getMessage());
    }
}
