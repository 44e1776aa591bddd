package qdrift.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import qdrift.model.ResourceType;
import qdrift.model.SchemaModels;
import qdrift.model.ServerFields;
import qdrift.model.ServerFields.Role;
import qdrift.model.ServerFields.Row;
import qdrift.testing.ProjectRoot;

/**
 * ServerFields against the contract tables of tests/resources/contract/: the models it is built from are the tables,
 * field for field; a field a create or update model accepts is configuration, a field only read models list is state,
 * unless the row names its deviation; and docs/api-contract.md prints exactly the code's table.
 */
class ServerFieldsContractTest {
    private static final Path ROOT = ProjectRoot.get();
    private static final Path CONTRACT = ROOT.resolve("tests/resources/contract");
    private static final String BEGIN = "<!-- server-fields-table:begin -->";
    private static final String END = "<!-- server-fields-table:end -->";

    @Test
    void everySchemaModelOfTheTableIsItsContractTableFieldForField() throws IOException {
        int checked = 0;
        for (SchemaModels.Model model : SchemaModels.ALL) {
            if (SchemaModels.EVIDENCE.equals(model.document())) {
                continue;
            }
            Path table = CONTRACT.resolve(snake(model.name()) + ".tsv");
            assertTrue(Files.exists(table), model.name() + " has its contract table " + table);
            List<String> lines = Files.readAllLines(table, StandardCharsets.UTF_8);
            assertTrue(lines.get(0).startsWith("# model " + model.name() + " ("), lines.get(0));
            assertTrue(lines.get(0).endsWith("OpenAPI document " + model.document()), lines.get(0));
            List<String> fields = lines.subList(2, lines.size()).stream().map(l -> l.split("\t")[0]).toList();
            assertEquals(fields, model.fields(), model.name() + ": the code lists the table's fields");
            checked++;
        }
        assertTrue(checked >= 35, "models checked: " + checked);
    }

    @Test
    void writtenFieldsAreConfigurationAndReadOnlyFieldsAreStateUnlessTheRowSaysWhyNot() {
        for (Row row : ServerFields.rows()) {
            boolean written = SchemaModels.ALL.stream().anyMatch(m -> m.writes() && m.type() == row.type()
                    && m.shapes().contains(row.shape()) && m.fields().contains(row.field()));
            Role expected = written ? Role.CONFIGURATION : Role.STATE;
            if (row.role() != expected) {
                assertFalse(row.note().isBlank(), row + ": a deviation from the rule says why");
            }
            assertEquals(row.role() != Role.CONFIGURATION, ServerFields.isServerState(row.type(), row.shape(), row.field()),
                    row + ": the canonicalizer follows the table");
        }
    }

    @Test
    void everyShapeOfEveryTypeHasRowsAndTheScanFieldsAreState() {
        for (ResourceType type : ResourceType.values()) {
            for (String shape : SchemaModels.shapes(type)) {
                assertTrue(ServerFields.rows().stream().anyMatch(r -> r.type() == type && r.shape().equals(shape)
                        && r.role() == Role.CONFIGURATION), type + "/" + shape + " has configuration rows");
            }
        }
        for (String field : List.of("is_passing", "has_passed", "weight", "last_asserted", "num_container_scans",
                "deleted_at", "is_template", "template_locked", "template_id", "favorite", "created_by",
                "is_description_inferrable", "datastore", "measurements")) {
            Row row = ServerFields.row(ResourceType.CHECKS, "check", field);
            assertNotNull(row, field);
            assertEquals(Role.STATE, row.role(), field);
        }
        assertEquals(Role.CONFIGURATION, ServerFields.row(ResourceType.CHECKS, "check", "inferred").role(),
                "inferred stays in check files: revert warns from it");
        assertEquals(Role.STATE, ServerFields.row(ResourceType.CONTAINERS, "computed_join", "incremental_field_name").role(),
                "no join model takes it");
        assertEquals(Role.CONFIGURATION, ServerFields.row(ResourceType.CONTAINERS, "computed_table", "incremental_field_name").role());
        assertEquals(Role.STATE, ServerFields.row(ResourceType.CONTAINERS, "table", "was_profiled").role());
        assertTrue(ServerFields.isServerState(ResourceType.CHECKS, "check", "anomaly_count"), "patterns still apply");
        assertFalse(ServerFields.isServerState(ResourceType.CHECKS, "check", "a_later_servers_setting"),
                "a field no model knows is kept (then a platform finding)");
    }

    @Test
    void theDocsTableIsTheCodesTable() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/api-contract.md"), StandardCharsets.UTF_8);
        String expected = markdown();
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        String found = begin < 0 || end < begin ? "" : doc.substring(begin + BEGIN.length(), end).strip();
        if (!expected.strip().equals(found)) {
            Path out = ROOT.resolve("tests/target/server-fields-table.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, expected, StandardCharsets.UTF_8);
            assertEquals(expected.strip(), found, "docs/api-contract.md between the table markers (expected in " + out + ")");
        }
    }

    static String markdown() {
        List<String> lines = new ArrayList<>();
        lines.add("| type | shape | field | role | model | note |");
        lines.add("|---|---|---|---|---|---|");
        for (Row row : ServerFields.rows()) {
            lines.add("| " + row.type().id() + " | " + row.shape() + " | `" + row.field() + "` | " + row.role().label()
                    + " | " + row.source() + " | " + row.note() + " |");
        }
        return String.join("\n", lines) + "\n";
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
