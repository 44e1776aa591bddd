//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Export format 2: the full key set of each resource's write call, in the portable (file) key names, for its own
 * container type or connection kind only (a join file names no query or sources, a table file no computed keys). A file
 * names every one of them, with an explicit {@code null}, {@code []} or {@code {}} where the server has nothing, so that an
 * import that keeps the live value of every key a file leaves out still sets every field. Null, empty and absent
 * read as one value everywhere else ({@link CanonicalValues}); this class only chooses the one explicit form.
 */
public final class WriteKeys {
    /** The export format this version writes (see the README's "Upgrading from format 1"). */
    public static final int FORMAT = 2;

    private static final Set<String> LISTS = Set.of("fields", "tags", "teams", "sources", "source_fields");
    private static final Set<String> MAPS = Set.of("properties", "additional_metadata", "parameters");

    private static final List<String> CHECK = List.of("rule_type", "description", "container", "fields", "coverage",
            "filter", "properties", "tags", "status", "anomaly_message_field", "additional_metadata");
    private static final List<String> COMPUTED_FIELD = List.of("name", "transformation", "source_fields", "properties",
            "additional_metadata");
    private static final List<String> DATASTORE = List.of("name", "connection_name", "database", "schema",
            "enrich_datastore_name", "enrichment_only", "enrichment_prefix", "enrichment_source_record_limit",
            "enrichment_remediation_strategy", "high_count_rollup_threshold", "tags", "teams");
    private static final List<String> JDBC_CONNECTION = List.of("name", "type", "host", "port", "username", "catalog",
            "parameters", "jdbc_fetch_size", "max_parallelization", "secrets_manager");
    private static final List<String> DFS_CONNECTION = List.of("name", "type", "uri", "parameters", "secrets_manager");
    /** Every container type's keys; then each type adds only its own (a file never names another type's keys). */
    private static final List<String> CONTAINER = List.of("name", "container_type", "datastore_name", "description",
            "additional_metadata", "tags");
    private static final List<String> TABLE = List.of("partition_field", "incremental_field_name",
            "incremental_identifier_type", "infer_datatypes");
    private static final List<String> COMPUTED_TABLE = List.of("query", "incremental_field_name",
            "incremental_identifier_type");
    private static final List<String> COMPUTED_FILE = List.of("source_container_name", "select_clause", "where_clause",
            "group_by_clause", "lateral_views");
    /** A join of two containers: the keys of the computed join models. */
    private static final List<String> COMPUTED_JOIN = List.of("left_container_name", "right_container_name",
            "right_datastore_name", "left_join_field_name", "right_join_field_name", "join_type", "left_prefix",
            "right_prefix", "select_clause", "where_clause");
    /** A join written as a query over sources (a shape newer than the October 2025 schema). */
    private static final List<String> COMPUTED_QUERY_JOIN = List.of("query", "sources");

    private WriteKeys() {
    }

    /** The keys a file of this resource always names (a container's depend on its type, a connection's on its kind). */
    public static Set<String> of(ResourceType type, JsonNode canonical) {
        Set<String> keys = new TreeSet<>();
        switch (type) {
            case CHECKS -> keys.addAll(CHECK);
            case COMPUTED_FIELDS -> keys.addAll(COMPUTED_FIELD);
            case DATASTORES -> keys.addAll(DATASTORE);
            case CONNECTIONS -> keys.addAll(canonical.has("uri") ? DFS_CONNECTION : JDBC_CONNECTION);
            case CONTAINERS -> {
                keys.addAll(CONTAINER);
                switch (canonical.path("container_type").asText("")) {
                    case "table", "view", "file" -> keys.addAll(TABLE);
                    case "computed_table" -> keys.addAll(COMPUTED_TABLE);
                    case "computed_file" -> keys.addAll(COMPUTED_FILE);
                    case "computed_join" -> keys.addAll(isQueryJoin(canonical) ? COMPUTED_QUERY_JOIN : COMPUTED_JOIN);
                    default -> {
                    }
                }
            }
        }
        return keys;
    }

    /** A computed join given as a query over sources rather than as a join of a left and a right container. */
    static boolean isQueryJoin(JsonNode canonical) {
        return CanonicalValues.normalize(canonical.get("query")) != null
                || CanonicalValues.normalize(canonical.get("sources")) != null;
    }

    /**
     * The canonical body with every key of its write call: normalised ({@link CanonicalValues}), then each missing key
     * of {@link #of} set to its one blank form; keys sorted. A body read back from such a file normalises to the input.
     */
    public static ObjectNode complete(ResourceType type, JsonNode canonical) {
        ObjectNode normal = CanonicalValues.normalizeObject(canonical);
        TreeSet<String> keys = new TreeSet<>(of(type, normal));
        normal.fieldNames().forEachRemaining(keys::add);
        ObjectNode full = CanonicalValues.nodes().objectNode();
        for (String key : keys) {
            full.set(key, normal.has(key) ? normal.get(key) : blank(key));
        }
        return full;
    }

    /** The one explicit form of "nothing" for a key: [] for lists, {} for maps, null for the rest. */
    public static JsonNode blank(String key) {
        if (LISTS.contains(key)) {
            return CanonicalValues.nodes().arrayNode();
        }
        if (MAPS.contains(key)) {
            return CanonicalValues.nodes().objectNode();
        }
        return CanonicalValues.nodes().nullNode();
    }
}
