package qdrift.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Test bodies written as relaxed JSON: single quotes and unquoted keys allowed. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_SINGLE_QUOTES)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES);

    private Json() {
    }

    static JsonNode of(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad test JSON: " + json, e);
        }
    }

    /** The between check of the API examples, canonicalised. */
    static ObjectNode check() {
        return (ObjectNode) of("""
                {rule_type: 'between', container: 'orders', fields: ['total_amount'], coverage: 0.98,
                 filter: "region = 'EU'", properties: {min: 0, max: 100000, inclusive_min: true, inclusive_max: false},
                 tags: ['data-quality', 'finance'], status: 'Active', description: 'Order total in range',
                 additional_metadata: {_qualytics_check_uid: 'orders__between__total_amount', jira: 'DQ-1'}}""");
    }

    /** The check with one value replaced: path like "properties.max", value as relaxed JSON or null to remove. */
    static ObjectNode check(String path, String value) {
        ObjectNode body = check();
        String[] parts = path.split("\\.");
        ObjectNode parent = body;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = (ObjectNode) parent.get(parts[i]);
        }
        String key = parts[parts.length - 1];
        if (value == null) {
            parent.remove(key);
        } else {
            parent.set(key, of(value));
        }
        return body;
    }
}
