package qdrift.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import qdrift.model.WriteSchema;
import qdrift.sandbox.WriteModels;

/**
 * The client's write table (model/WriteSchema) and the sandbox's own copy (sandbox/WriteModels) held against the
 * contract data of tests/resources/contract: every key either sends is in the OpenAPI model or named as coming from
 * other evidence, and every key the model requires is sent.
 */
class WriteSchemaContractTest {
    private static final Path CONTRACT = Path.of("resources", "contract");

    record Table(Set<String> keys, Set<String> required) {
    }

    /** The contract tables by model name (line 1: "# model Name (file), ..."). */
    static Map<String, Table> tables() throws IOException {
        Path dir = Files.isDirectory(CONTRACT) ? CONTRACT : Path.of("tests").resolve(CONTRACT);
        Map<String, Table> tables = new TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".tsv")).toList()) {
                List<String> lines = Files.readAllLines(file);
                String name = lines.get(0).split(" ")[2];
                Set<String> keys = new TreeSet<>();
                Set<String> required = new TreeSet<>();
                for (String line : lines.subList(2, lines.size())) {
                    String[] cells = line.split("\t");
                    keys.add(cells[0]);
                    if (cells.length > 2 && cells[2].equals("yes")) {
                        required.add(cells[0]);
                    }
                }
                tables.put(name, new Table(keys, required));
            }
        }
        return tables;
    }

    @Test
    void theClientsWriteTableSendsOnlyContractKeysAndEveryRequiredOne() throws IOException {
        Map<String, Table> tables = tables();
        int held = 0;
        for (WriteSchema.Model model : WriteSchema.ALL) {
            Table table = tables.get(model.name());
            if (table == null) {
                assertEquals(model.keys(), model.beyond(), model.name() + " has no contract table: all its keys must name their evidence");
                continue;
            }
            held++;
            Set<String> unknown = new TreeSet<>(model.keys());
            unknown.removeAll(table.keys());
            unknown.removeAll(model.beyond());
            assertEquals(Set.of(), unknown, model.name() + ": keys neither in the contract nor from other evidence");
            Set<String> required = new TreeSet<>(table.required());
            if (required.remove("store_type")) {
                // a 2023 container model: store_type was the discriminator that 2025 calls container_type, and
                // freshness_tracking_enabled is optional in every 2025 container update
                required.add("container_type");
                required.remove("freshness_tracking_enabled");
            }
            assertTrue(model.keys().containsAll(required), model.name() + " sends every required key " + required);
            assertTrue(model.required().containsAll(required), model.name() + " knows what is required");
        }
        assertTrue(held >= 12, "most write models have a contract table: " + held);
    }

    @Test
    void theSandboxValidatesAgainstTheSameContract() throws IOException {
        Map<String, Table> tables = tables();
        Set<String> cliCheckKeys = Set.of("additional_metadata", "status", "anomaly_message_field", "owner_id",
                "default_anomaly_assignee_id", "fields");
        for (String name : List.of("CreateQualityCheck", "UpdateQualityCheck", "CreateComputedField", "UpdateComputedField",
                "CreateComputedTableContainer", "CreateComputedFileContainer", "CreateComputedJoinContainer",
                "UpdateComputedTableContainer", "UpdateComputedFileContainer", "UpdateComputedJoinContainer",
                "UpdateJdbcConnection", "UpdateDfsConnection")) {
            WriteModels.Model model = WriteModels.named(name);
            Table table = tables.get(name);
            assertNotNull(model, "the sandbox has " + name);
            assertNotNull(table, "the contract has " + name);
            assertTrue(model.required().containsAll(table.required()), name + ": the sandbox requires " + table.required());
            Set<String> extra = new TreeSet<>(model.keys());
            extra.removeAll(table.keys());
            extra.removeAll(cliCheckKeys);
            extra.remove("force_drop_fields"); // the CLI's container update flag
            assertEquals(Set.of(), extra, name + ": the sandbox takes keys the model lacks");
        }
    }

    @Test
    void clientAndSandboxAgreeOnEveryKeyTheClientSends() {
        for (WriteSchema.Model model : WriteSchema.ALL) {
            WriteModels.Model sandbox = WriteModels.named(model.name());
            assertNotNull(sandbox, "the sandbox validates " + model.name());
            assertTrue(sandbox.keys().containsAll(model.keys()), model.name() + ": the sandbox takes every key the client sends");
            assertTrue(model.keys().containsAll(sandbox.required()), model.name() + ": the client sends every key the sandbox requires");
        }
    }
}
