package qdrift.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/** The value types a write body's keys must have, as the API validates them: a wrong one is a 422 naming the key. */
final class BodyRules {
    private enum Type { TEXT, TEXT_OR_NULL, OBJECT_OR_NULL, ARRAY, ARRAY_OR_NULL, NUMBER_OR_NULL, BOOLEAN, ID_OR_NULL }

    private static final Map<String, Type> TYPES = Map.ofEntries(
            Map.entry("name", Type.TEXT), Map.entry("rule", Type.TEXT), Map.entry("rule_type", Type.TEXT),
            Map.entry("transformation", Type.TEXT), Map.entry("transformation_type", Type.TEXT),
            Map.entry("container_type", Type.TEXT), Map.entry("status", Type.TEXT),
            Map.entry("description", Type.TEXT_OR_NULL), Map.entry("filter", Type.TEXT_OR_NULL),
            Map.entry("anomaly_message_field", Type.TEXT_OR_NULL), Map.entry("query", Type.TEXT_OR_NULL),
            Map.entry("select_clause", Type.TEXT_OR_NULL), Map.entry("where_clause", Type.TEXT_OR_NULL),
            Map.entry("group_by_clause", Type.TEXT_OR_NULL), Map.entry("database", Type.TEXT_OR_NULL),
            Map.entry("schema", Type.TEXT_OR_NULL), Map.entry("host", Type.TEXT_OR_NULL),
            Map.entry("username", Type.TEXT_OR_NULL), Map.entry("uri", Type.TEXT_OR_NULL),
            Map.entry("properties", Type.OBJECT_OR_NULL), Map.entry("additional_metadata", Type.OBJECT_OR_NULL),
            Map.entry("parameters", Type.OBJECT_OR_NULL), Map.entry("secrets_manager", Type.OBJECT_OR_NULL),
            Map.entry("fields", Type.ARRAY), Map.entry("tags", Type.ARRAY), Map.entry("global_tags", Type.ARRAY),
            Map.entry("teams", Type.ARRAY), Map.entry("sources", Type.ARRAY_OR_NULL),
            Map.entry("source_fields", Type.ARRAY_OR_NULL),
            Map.entry("coverage", Type.NUMBER_OR_NULL), Map.entry("port", Type.NUMBER_OR_NULL),
            Map.entry("jdbc_fetch_size", Type.NUMBER_OR_NULL), Map.entry("max_parallelization", Type.NUMBER_OR_NULL),
            Map.entry("high_count_rollup_threshold", Type.NUMBER_OR_NULL),
            Map.entry("enrichment_source_record_limit", Type.NUMBER_OR_NULL),
            Map.entry("enrichment_only", Type.BOOLEAN), Map.entry("infer_datatypes", Type.BOOLEAN),
            Map.entry("force_drop_fields", Type.BOOLEAN),
            Map.entry("container_id", Type.ID_OR_NULL), Map.entry("datastore_id", Type.ID_OR_NULL),
            Map.entry("connection_id", Type.ID_OR_NULL), Map.entry("enrich_datastore_id", Type.ID_OR_NULL),
            Map.entry("source_container_id", Type.ID_OR_NULL), Map.entry("left_container_id", Type.ID_OR_NULL),
            Map.entry("right_container_id", Type.ID_OR_NULL), Map.entry("right_datastore_id", Type.ID_OR_NULL),
            Map.entry("owner_id", Type.ID_OR_NULL), Map.entry("default_anomaly_assignee_id", Type.ID_OR_NULL));

    /** References a portable file writes as names; the API takes ids only. */
    private static final Set<String> NAME_REFERENCES = Set.of("connection_name", "enrich_datastore_name", "datastore_name",
            "container_name", "source_container_name", "left_container_name", "right_container_name",
            "left_datastore_name", "right_datastore_name", "ref_container_name", "ref_datastore_name");

    static final Set<String> CHECK_STATUSES = Set.of("Active", "Draft", "Archived", "Discarded", "Invalid", "Resolved");

    private BodyRules() {
    }

    /** Checks the keys of a body a client sent, before anything of it is applied. */
    static void validate(ObjectNode body) {
        body.properties().forEach(member -> {
            String key = member.getKey();
            if (NAME_REFERENCES.contains(key)) {
                throw ApiError.unprocessable("'" + key + "': references are ids here; resolve the name to its id and send '"
                        + key.replace("_name", "_id") + "'");
            }
            Type type = TYPES.get(key);
            if (type != null && !fits(type, member.getValue())) {
                throw ApiError.unprocessable("'" + key + "' must be " + describe(type) + ", not " + member.getValue());
            }
        });
        JsonNode properties = body.path("properties");
        for (String key : NAME_REFERENCES) {
            if (properties.has(key)) {
                throw ApiError.unprocessable("'properties." + key + "': references are ids here; send '" + key.replace("_name", "_id") + "'");
            }
        }
        JsonNode coverage = body.path("coverage");
        if (coverage.isNumber() && (coverage.asDouble() <= 0 || coverage.asDouble() > 1)) {
            throw ApiError.unprocessable("'coverage' must be greater than 0 and at most 1, not " + coverage);
        }
    }

    private static boolean fits(Type type, JsonNode value) {
        return switch (type) {
            case TEXT -> value.isTextual() && !value.asText().isBlank();
            case TEXT_OR_NULL -> value.isTextual() || value.isNull();
            case OBJECT_OR_NULL -> value.isObject() || value.isNull();
            case ARRAY -> value.isArray();
            case ARRAY_OR_NULL -> value.isArray() || value.isNull();
            case NUMBER_OR_NULL -> value.isNumber() || value.isNull();
            case BOOLEAN -> value.isBoolean();
            case ID_OR_NULL -> value.isIntegralNumber() || value.isNull() || value.isObject() && value.path("id").isIntegralNumber();
        };
    }

    private static String describe(Type type) {
        return switch (type) {
            case TEXT -> "a non-blank string";
            case TEXT_OR_NULL -> "a string or null";
            case OBJECT_OR_NULL -> "an object or null";
            case ARRAY -> "a list";
            case ARRAY_OR_NULL -> "a list or null";
            case NUMBER_OR_NULL -> "a number or null";
            case BOOLEAN -> "true or false";
            case ID_OR_NULL -> "an integer id";
        };
    }
}
