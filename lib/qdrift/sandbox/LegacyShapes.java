package qdrift.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * What older servers answer for the same data: an embedded {@code connection {id,name}} instead of connection_id,
 * {@code tags: ["name"]} instead of global_tags, teams and source_fields as names (null when empty), whole coverages as 1.
 */
final class LegacyShapes {
    private LegacyShapes() {
    }

    /** Rewrites a response tree in place. */
    static void apply(JsonNode node, LongFunction<String> connectionName) {
        if (node instanceof ArrayNode array) {
            array.forEach(element -> apply(element, connectionName));
            return;
        }
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
        ObjectNode rebuilt = SandboxJson.object();
        for (Map.Entry<String, JsonNode> field : fields) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "connection_id" -> rebuilt.putObject("connection").put("id", value.asLong())
                        .put("name", connectionName.apply(value.asLong()));
                case "global_tags" -> rebuilt.set("tags", names(value, false));
                case "teams" -> rebuilt.set("teams", names(value, false));
                case "source_fields" -> rebuilt.set("source_fields", names(value, true));
                case "coverage" -> rebuilt.set("coverage", value.isNumber() && value.asDouble() == Math.rint(value.asDouble())
                        ? rebuilt.numberNode(value.asLong()) : value);
                default -> {
                    apply(value, connectionName);
                    rebuilt.set(key, value);
                }
            }
        }
        object.removeAll();
        object.setAll(rebuilt);
    }

    private static JsonNode names(JsonNode list, boolean emptyIsNull) {
        if (!list.isArray() || (emptyIsNull && list.isEmpty())) {
            return emptyIsNull ? SandboxJson.object().nullNode() : list;
        }
        ArrayNode names = SandboxJson.array();
        list.forEach(element -> names.add(element.isObject() ? element.path("name").asText() : element.asText()));
        return names;
    }
}
