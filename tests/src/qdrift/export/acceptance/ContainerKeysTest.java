package qdrift.export.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.model.CanonicalYaml;
import qdrift.model.ResourceType;
import qdrift.model.WriteKeys;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.TenantSpec;

/** Issue 16 item 11: a container file holds its own container type's keys only, never another shape's as blanks. */
class ContainerKeysTest {
    private static final Set<String> QUERY_JOIN = Set.of("query", "sources");
    private static final Set<String> TWO_CONTAINER_JOIN = Set.of("left_container_name", "right_container_name",
            "right_datastore_name", "left_join_field_name", "right_join_field_name", "join_type", "left_prefix",
            "right_prefix");
    private static final Set<String> COMPUTED = Set.of("query", "sources", "select_clause", "where_clause",
            "group_by_clause", "lateral_views", "source_container_name", "left_container_name", "right_container_name",
            "join_type");

    @TempDir
    Path dir;

    @Test
    void everyContainerFileOfTheSandboxNamesOnlyItsOwnTypesKeys() {
        Map<String, Integer> types = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        try (Sandbox sandbox = Sandbox.start(TenantSpec.of(TenantSpec.DEFAULT_SEED, 200, 60))) {
            ConfigRepo repo = ConfigRepo.init(dir);
            repo.exportOk(sandbox, "--all-datastores");
            repo.files().forEach((path, text) -> {
                if (!path.endsWith("/_container.yaml")) {
                    return;
                }
                JsonNode body = CanonicalYaml.read(text.getBytes(StandardCharsets.UTF_8), path);
                String type = body.path("container_type").asText();
                Set<String> keys = new TreeSet<>();
                body.fieldNames().forEachRemaining(keys::add);
                Set<String> own = WriteKeys.of(ResourceType.CONTAINERS, body);
                body.fields().forEachRemaining(f -> {
                    if (blank(f.getValue()) && !own.contains(f.getKey())) {
                        wrong.add(path + ": " + f.getKey() + " is a blank of another type's key");
                    }
                });
                boolean queryJoin = body.hasNonNull("query");
                Set<String> foreign = switch (type) {
                    case "table", "view", "file" -> COMPUTED;
                    case "computed_join" -> queryJoin ? TWO_CONTAINER_JOIN : QUERY_JOIN;
                    default -> Set.of("partition_field");
                };
                foreign.stream().filter(keys::contains).forEach(k -> wrong.add(path + " (" + type
                        + (type.equals("computed_join") ? queryJoin ? ", query join" : ", two-container join" : "")
                        + ") names " + k));
                types.merge(type + (type.equals("computed_join") && queryJoin ? " (query)" : ""), 1, Integer::sum);
            });
        }
        assertEquals(List.of(), wrong);
        assertEquals(Set.of("table", "view", "file", "computed_table", "computed_file", "computed_join",
                "computed_join (query)"), types.keySet(), "every container type and both join shapes were exported: " + types);
        assertFalse(types.containsValue(0));
        assertTrue(types.values().stream().mapToInt(Integer::intValue).sum() >= 50, types.toString());
    }

    private static boolean blank(JsonNode value) {
        return value.isNull() || (value.isContainerNode() && value.isEmpty());
    }
}
