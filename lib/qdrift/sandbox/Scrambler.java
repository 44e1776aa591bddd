package qdrift.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The order a server without a stable sort gives: the keys of every object, and the lists whose order means nothing
 * (page items, tags, teams, join sources, a connection's datastores, a container's computed fields), in random order.
 * Lists whose order may mean something (a check's fields, property values) keep theirs.
 */
final class Scrambler {
    private static final Set<String> UNORDERED_LISTS = Set.of("items", "global_tags", "tags", "teams", "sources",
            "datastores", "linked_datastores", "computed_fields");

    private final Random random;

    Scrambler(long seed) {
        this.random = new Random(seed);
    }

    JsonNode scramble(JsonNode node, boolean shuffleElements) {
        if (node instanceof ArrayNode array) {
            List<JsonNode> elements = new ArrayList<>();
            array.forEach(element -> elements.add(scramble(element, false)));
            if (shuffleElements) {
                Collections.shuffle(elements, random);
            }
            ArrayNode result = SandboxJson.array();
            result.addAll(elements);
            return result;
        }
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
            Collections.shuffle(fields, random);
            ObjectNode result = SandboxJson.object();
            fields.forEach(f -> result.set(f.getKey(), scramble(f.getValue(), UNORDERED_LISTS.contains(f.getKey()))));
            return result;
        }
        return node;
    }
}
