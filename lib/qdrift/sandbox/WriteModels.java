package qdrift.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The sandbox's own copy of the write models of the real API (2025 OpenAPI models; the 2023 ones where no 2025 model
 * was published; plus the keys the official CLI sends, which a server therefore takes), validated as strictly as the
 * server's pydantic models: a key the model lacks is "extra fields not permitted", a required key missing is "field
 * required", a required description sent as null is "none is not an allowed value". Every problem of a body is named
 * in one 422 (a datastore body excepted: extra keys are ignored there, see {@link #withinModel}). Kept apart from the client's table on purpose: a test holds both against the contract data.
 */
public final class WriteModels {
    /** One model: its keys and the required ones. */
    public record Model(Set<String> keys, Set<String> required) {
    }

    private static final List<String> CHECK_CLI = List.of("additional_metadata", "status", "anomaly_message_field",
            "owner_id", "default_anomaly_assignee_id");
    private static final List<String> CONTAINER_COMMON = List.of("container_type", "exclude_fields", "group_by_fields",
            "tags", "volumetric_tracking_enabled", "freshness_tracking_enabled", "additional_metadata", "name",
            "force_drop_fields");

    private static final Map<String, Model> MODELS = new TreeMap<>();

    static {
        add("CreateQualityCheck", set(List.of("description", "coverage", "filter", "properties", "tags", "container_id",
                "fields", "rule"), CHECK_CLI), "description", "container_id", "rule");
        add("UpdateQualityCheck", set(List.of("description", "coverage", "filter", "properties", "tags", "favorite",
                "fields"), CHECK_CLI), "description");
        add("CreateComputedField", set(List.of("name", "properties", "container_id", "source_fields", "transformation",
                "additional_metadata")), "name", "container_id", "transformation");
        add("UpdateComputedField", set(List.of("name", "properties", "source_fields", "transformation",
                "additional_metadata")), "name", "transformation");
        add("CreateComputedTableContainer", set(List.of("container_type", "datastore_id", "name", "query",
                "additional_metadata")), "container_type", "datastore_id", "name", "query");
        add("CreateComputedFileContainer", set(List.of("container_type", "datastore_id", "source_container_id", "name",
                "select_clause", "where_clause", "additional_metadata")),
                "container_type", "datastore_id", "source_container_id", "name", "select_clause");
        add("CreateComputedJoinContainer", set(List.of("container_type", "name", "left_container_id",
                "left_join_field_name", "left_prefix", "right_container_id", "right_join_field_name", "right_prefix",
                "join_type", "where_clause", "select_clause", "additional_metadata")),
                "container_type", "name", "left_container_id", "left_join_field_name", "right_container_id",
                "right_join_field_name", "select_clause");
        add("UpdateComputedTableContainer", set(CONTAINER_COMMON, List.of("query", "incremental_field_name",
                "incremental_identifier_type")), "container_type", "name", "query");
        add("UpdateComputedFileContainer", set(CONTAINER_COMMON, List.of("select_clause", "where_clause")),
                "container_type", "name", "select_clause");
        add("UpdateComputedJoinContainer", set(CONTAINER_COMMON, List.of("left_join_field_name", "left_prefix",
                "right_join_field_name", "right_prefix", "join_type", "where_clause", "select_clause",
                "incremental_identifier")), "container_type", "name");
        add("UpdateTableContainer", set(List.of("container_type", "name", "exclude_fields", "tags",
                "freshness_tracking_enabled", "partition_field", "row_identifier_field", "incremental_field_name",
                "incremental_identifier_type", "force_drop_fields")), "container_type", "name");
        add("UpdateFileContainer", set(List.of("container_type", "name", "exclude_fields", "tags", "file_name",
                "freshness_tracking_enabled", "escape_character", "force_drop_fields")), "container_type", "name");
        add("UpdateJdbcConnection", set(List.of("name", "secrets_manager", "type", "host", "port", "username", "password",
                "passphrase", "parameters", "jdbc_fetch_size", "max_parallelization")), "name", "type");
        add("UpdateDfsConnection", set(List.of("name", "secrets_manager", "type", "uri", "access_key", "secret_key")),
                "name", "type");
        add("CreateJdbcConnection", set(List.of("name", "secrets_manager", "type", "host", "port", "username", "password",
                "passphrase", "parameters", "jdbc_fetch_size", "max_parallelization")), "type");
        add("CreateDfsConnection", set(List.of("name", "secrets_manager", "type", "uri", "access_key", "secret_key")),
                "type", "uri");
        // the 2023 datastore models, with the keys of the CLI's datastore payloads (which predate no current server)
        add("UpdateDatastore", set(List.of("type", "name", "enrich_only", "enrich_container_prefix", "tags", "favorite",
                "host", "port", "database", "schema", "username", "password", "parameters", "uri", "access_key",
                "secret_key", "connection_id", "teams", "enrichment_only", "enrichment_prefix",
                "enrichment_source_record_limit", "enrichment_remediation_strategy", "high_count_rollup_threshold",
                "connection")), "name");
        add("CreateDatastore", set(List.of("type", "name", "enrich_only", "enrich_container_prefix", "tags", "host",
                "port", "database", "schema", "username", "password", "parameters", "uri", "access_key", "secret_key",
                "folder_globbing_enabled", "connection_id", "teams", "enrichment_only", "enrichment_prefix",
                "enrichment_source_record_limit", "enrichment_remediation_strategy", "high_count_rollup_threshold",
                "trigger_sync")), "name");
    }

    /** The type enums of the connection creates (a type in neither is refused as the server's enum check does). */
    static final Set<String> JDBC_TYPES = Set.of("athena", "bigquery", "databricks", "db2", "dremio", "hive", "mariadb",
            "mysql", "oracle", "postgresql", "presto", "redshift", "snowflake", "sqlserver", "synapse", "teradata",
            "timescale", "trino");
    static final Set<String> DFS_TYPES = Set.of("s3", "gcs", "abfs");

    private WriteModels() {
    }

    /** "jdbc" or "dfs" for a connection type a create model takes, else null. */
    static String connectionKind(String type) {
        return JDBC_TYPES.contains(type) ? "jdbc" : DFS_TYPES.contains(type) ? "dfs" : null;
    }

    /** The model of this name (the OpenAPI model's), for the contract test; null when the sandbox has none. */
    public static Model named(String name) {
        return MODELS.get(name);
    }

    /** The model a POST (create) or PUT of a kind validates against; null when none applies. */
    static String modelName(Kind kind, ObjectNode body, ObjectNode live, boolean create) {
        return switch (kind) {
            case CHECK -> create ? "CreateQualityCheck" : "UpdateQualityCheck";
            case COMPUTED_FIELD -> create ? "CreateComputedField" : "UpdateComputedField";
            case CONNECTION -> create ? ("dfs".equals(connectionKind(body.path("type").asText(""))) ? "CreateDfsConnection"
                    : "CreateJdbcConnection") : live.has("uri") && !live.get("uri").isNull() ? "UpdateDfsConnection" : "UpdateJdbcConnection";
            case DATASTORE -> create ? "CreateDatastore" : "UpdateDatastore";
            case CONTAINER -> {
                String type = (live != null ? live : body).path("container_type").asText("");
                yield switch (type) {
                    case "computed_table" -> create ? "CreateComputedTableContainer" : "UpdateComputedTableContainer";
                    case "computed_file" -> create ? "CreateComputedFileContainer" : "UpdateComputedFileContainer";
                    case "computed_join" -> create ? "CreateComputedJoinContainer" : "UpdateComputedJoinContainer";
                    case "file" -> create ? null : "UpdateFileContainer";
                    default -> create ? null : "UpdateTableContainer";
                };
            }
        };
    }

    /** The 422 of a body its model refuses, naming every problem; nothing when it fits. */
    static void validate(Kind kind, ObjectNode body, ObjectNode live, boolean create) {
        String name = modelName(kind, body, live, create);
        Model model = name == null ? null : MODELS.get(name);
        if (model == null) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (kind == Kind.CONNECTION && create && body.hasNonNull("type") && connectionKind(body.path("type").asText("")) == null) {
            problems.add("type: must be one of enum values (" + String.join(", ", new TreeSet<>(JDBC_TYPES)) + "; "
                    + String.join(", ", new TreeSet<>(DFS_TYPES)) + ")");
        }
        if (kind == Kind.CONNECTION && body.has("port") && !body.get("port").isNull() && !body.get("port").isIntegralNumber()) {
            problems.add("port: value is not a valid integer");
        }
        JsonNode parallel = body.get("max_parallelization");
        if (kind == Kind.CONNECTION && parallel != null && !parallel.isNull()
                && (!parallel.isIntegralNumber() || parallel.asLong() < 0 || parallel.asLong() > 100)) {
            problems.add("max_parallelization: must be an integer from 0 to 100");
        }
        for (String key : model.required()) {
            if (!body.has(key)) {
                problems.add(key + ": field required");
            } else if (body.get(key).isNull()) {
                problems.add(key + ": none is not an allowed value");
            }
        }
        for (String key : new TreeSet<>(keys(body))) {
            if (kind != Kind.DATASTORE && !model.keys().contains(key)) {
                problems.add(key + ": extra fields not permitted");
            }
        }
        if (!problems.isEmpty()) {
            throw ApiError.unprocessable(name + ": " + String.join("; ", problems));
        }
    }

    /**
     * The body without the keys its model lacks. Only datastore bodies can hold any after {@link #validate}: the
     * official CLI PUTs a datastore's whole GET, flattened, so that model takes extra keys, and ignores them (the
     * enrichment link among them: it changes only through its own endpoints).
     */
    static ObjectNode withinModel(Kind kind, ObjectNode body, ObjectNode live) {
        String name = modelName(kind, body, live, live == null);
        if (name == null) {
            return body;
        }
        ObjectNode kept = body.deepCopy();
        kept.retain(MODELS.get(name).keys());
        return kept;
    }

    /** The keys of the model this PUT is checked against: a strict server leaves every other key as it is. */
    static Set<String> updateKeys(Kind kind, ObjectNode live) {
        String name = modelName(kind, live, live, false);
        return name == null ? Set.of() : MODELS.get(name).keys();
    }

    private static List<String> keys(JsonNode body) {
        List<String> keys = new ArrayList<>();
        body.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static void add(String name, Set<String> keys, String... required) {
        MODELS.put(name, new Model(Set.copyOf(keys), Set.of(required)));
    }

    @SafeVarargs
    private static Set<String> set(List<String>... lists) {
        Set<String> keys = new LinkedHashSet<>();
        for (List<String> list : lists) {
            keys.addAll(list);
        }
        return keys;
    }
}
