package qdrift.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The keys each write call of the Qualytics API accepts, in the API's own (wire) names: one model per type, container
 * type and connection kind, for a create (POST) and an update (PUT). A body revert sends holds these keys and nothing
 * else. Each model names where its keys come from: the 2025 OpenAPI models (document 20251024-3d1ade3), the 2023 ones
 * where no 2025 model of that name was published, and the keys the official CLI sends on top of them (its check and
 * datastore payloads), which a current server therefore accepts.
 */
public final class WriteSchema {
    /**
     * One write model.
     *
     * @param name     the OpenAPI model (the plan and docs name it)
     * @param source   where its keys come from
     * @param keys     every key it accepts
     * @param required the keys it requires
     * @param beyond   those of its keys the OpenAPI model lacks (the source says which evidence adds them)
     */
    public record Model(String name, String source, Set<String> keys, Set<String> required, Set<String> beyond) {
        public Model {
            keys = Set.copyOf(keys);
            required = Set.copyOf(required);
            beyond = Set.copyOf(beyond);
        }

        public boolean accepts(String key) {
            return keys.contains(key);
        }
    }

    private static final String Y2025 = "OpenAPI 20251024-3d1ade3";
    private static final String Y2023 = "OpenAPI 5ca80d8 (no 2025 model published)";
    private static final String CLI = " + keys the official CLI sends";

    private static final List<String> CONTAINER_UPDATE_COMMON = List.of("container_type", "exclude_fields",
            "group_by_fields", "tags", "volumetric_tracking_enabled", "freshness_tracking_enabled", "additional_metadata", "name");

    static final Model CREATE_CHECK = model("CreateQualityCheck", Y2023 + CLI,
            keys("description", "coverage", "filter", "properties", "tags", "container_id", "fields", "rule",
                    "additional_metadata", "status", "anomaly_message_field"),
            keys("description", "container_id", "rule"), keys("additional_metadata", "status", "anomaly_message_field"));
    static final Model UPDATE_CHECK = model("UpdateQualityCheck", Y2023 + CLI,
            keys("description", "coverage", "filter", "properties", "tags", "favorite",
                    "fields", "additional_metadata", "status", "anomaly_message_field"),
            keys("description"), keys("fields", "additional_metadata", "status", "anomaly_message_field"));
    static final Model CREATE_COMPUTED_FIELD = model("CreateComputedField", Y2025,
            keys("name", "properties", "container_id", "source_fields", "transformation", "additional_metadata"),
            keys("name", "container_id", "transformation"));
    static final Model UPDATE_COMPUTED_FIELD = model("UpdateComputedField", Y2025,
            keys("name", "properties", "source_fields", "transformation", "additional_metadata"),
            keys("name", "transformation"));
    static final Model CREATE_COMPUTED_TABLE = model("CreateComputedTableContainer", Y2025,
            keys("container_type", "datastore_id", "name", "query", "additional_metadata"),
            keys("container_type", "datastore_id", "name", "query"));
    static final Model CREATE_COMPUTED_FILE = model("CreateComputedFileContainer", Y2025,
            keys("container_type", "datastore_id", "source_container_id", "name", "select_clause", "where_clause",
                    "additional_metadata"),
            keys("container_type", "datastore_id", "source_container_id", "name", "select_clause"));
    static final Model CREATE_COMPUTED_JOIN = model("CreateComputedJoinContainer", Y2025,
            keys("container_type", "name", "left_container_id", "left_join_field_name", "left_prefix",
                    "right_container_id", "right_join_field_name", "right_prefix", "join_type", "where_clause",
                    "select_clause", "additional_metadata"),
            keys("container_type", "name", "left_container_id", "left_join_field_name", "right_container_id",
                    "right_join_field_name", "select_clause"));
    static final Model UPDATE_COMPUTED_TABLE = model("UpdateComputedTableContainer", Y2025,
            plus(CONTAINER_UPDATE_COMMON, "query", "incremental_field_name", "incremental_identifier_type"),
            keys("container_type", "name", "query"));
    static final Model UPDATE_COMPUTED_FILE = model("UpdateComputedFileContainer", Y2025,
            plus(CONTAINER_UPDATE_COMMON, "select_clause", "where_clause"),
            keys("container_type", "name", "select_clause"));
    static final Model UPDATE_COMPUTED_JOIN = model("UpdateComputedJoinContainer", Y2025,
            plus(CONTAINER_UPDATE_COMMON, "left_join_field_name", "left_prefix", "right_join_field_name", "right_prefix",
                    "join_type", "where_clause", "select_clause", "incremental_identifier"),
            keys("container_type", "name"));
    static final Model UPDATE_TABLE = model("UpdateTableContainer", Y2023 + "; container_type and name as every 2025 container update",
            keys("container_type", "name", "exclude_fields", "tags", "freshness_tracking_enabled", "partition_field",
                    "row_identifier_field", "incremental_field_name", "incremental_identifier_type"),
            keys("container_type", "name"), keys("container_type", "name"));
    static final Model UPDATE_FILE = model("UpdateFileContainer", Y2023 + "; container_type and name as every 2025 container update",
            keys("container_type", "name", "exclude_fields", "tags", "file_name", "freshness_tracking_enabled", "escape_character"),
            keys("container_type", "name"), keys("container_type", "name"));
    static final Model UPDATE_JDBC_CONNECTION = model("UpdateJdbcConnection", Y2025,
            keys("name", "secrets_manager", "type", "host", "port", "username", "password", "passphrase", "parameters",
                    "jdbc_fetch_size", "max_parallelization"),
            keys("name", "type"));
    static final Model UPDATE_DFS_CONNECTION = model("UpdateDfsConnection", Y2025,
            keys("name", "secrets_manager", "type", "uri", "access_key", "secret_key"),
            keys("name", "type"));
    /** No published model fits today's datastore PUT (the 2023 ones predate the enrichment_* keys): the CLI's payload. */
    static final Model UPDATE_DATASTORE = model("UpdateDatastore", "the official CLI's datastore update payload",
            keys("name", "connection_id", "database", "schema", "tags", "teams", "enrichment_only", "enrichment_prefix",
                    "enrichment_source_record_limit", "enrichment_remediation_strategy", "high_count_rollup_threshold"),
            keys("name"), keys("name", "connection_id", "database", "schema", "tags", "teams", "enrichment_only",
                    "enrichment_prefix", "enrichment_source_record_limit", "enrichment_remediation_strategy",
                    "high_count_rollup_threshold"));

    static final Model CREATE_JDBC_CONNECTION = model("CreateJdbcConnection", Y2025,
            keys("name", "secrets_manager", "type", "host", "port", "username", "password", "passphrase", "parameters",
                    "jdbc_fetch_size", "max_parallelization"),
            keys("type"));
    static final Model CREATE_DFS_CONNECTION = model("CreateDfsConnection", Y2025,
            keys("name", "secrets_manager", "type", "uri", "access_key", "secret_key"),
            keys("type", "uri"));
    /**
     * The published datastore creates (2023) take a whole connection inline; the official CLI creates a datastore on an
     * existing connection instead (connection_id), and asks for its catalog at once (trigger_sync): its payload.
     */
    static final Model CREATE_DATASTORE = model("CreateDatastore", "the official CLI's datastore create payload",
            keys("name", "connection_id", "database", "schema", "tags", "teams", "enrichment_only", "enrichment_prefix",
                    "enrichment_source_record_limit", "enrichment_remediation_strategy", "high_count_rollup_threshold",
                    "trigger_sync"),
            keys("name", "connection_id"), keys("name", "connection_id", "database", "schema", "tags", "teams",
                    "enrichment_only", "enrichment_prefix", "enrichment_source_record_limit",
                    "enrichment_remediation_strategy", "high_count_rollup_threshold", "trigger_sync"));

    /** The connection types of each create model (the enums of CreateJdbcConnection and CreateDfsConnection). */
    public static final Set<String> JDBC_TYPES = Set.of("athena", "bigquery", "databricks", "db2", "dremio", "hive",
            "mariadb", "mysql", "oracle", "postgresql", "presto", "redshift", "snowflake", "sqlserver", "synapse",
            "teradata", "timescale", "trino");
    public static final Set<String> DFS_TYPES = Set.of("s3", "gcs", "abfs");

    /** Every model of this table, for the contract test. */
    public static final List<Model> ALL = List.of(CREATE_CHECK, UPDATE_CHECK, CREATE_COMPUTED_FIELD, UPDATE_COMPUTED_FIELD,
            CREATE_COMPUTED_TABLE, CREATE_COMPUTED_FILE, CREATE_COMPUTED_JOIN, UPDATE_COMPUTED_TABLE, UPDATE_COMPUTED_FILE,
            UPDATE_COMPUTED_JOIN, UPDATE_TABLE, UPDATE_FILE, UPDATE_JDBC_CONNECTION, UPDATE_DFS_CONNECTION, UPDATE_DATASTORE,
            CREATE_JDBC_CONNECTION, CREATE_DFS_CONNECTION, CREATE_DATASTORE);

    private WriteSchema() {
    }

    /**
     * The model of a create (POST) or update (PUT) of a resource whose canonical (file) form is {@code canonical};
     * empty when the API has no such write (a table container is never created; a connection of a type neither create
     * model names has none).
     */
    public static java.util.Optional<Model> of(ResourceType type, JsonNode canonical, boolean create) {
        Model model = switch (type) {
            case CHECKS -> create ? CREATE_CHECK : UPDATE_CHECK;
            case COMPUTED_FIELDS -> create ? CREATE_COMPUTED_FIELD : UPDATE_COMPUTED_FIELD;
            case CONNECTIONS -> create ? connectionCreate(canonical.path("type").asText(""))
                    : canonical.has("uri") ? UPDATE_DFS_CONNECTION : UPDATE_JDBC_CONNECTION;
            case DATASTORES -> create ? CREATE_DATASTORE : UPDATE_DATASTORE;
            case CONTAINERS -> switch (canonical.path("container_type").asText("table")) {
                case "computed_table" -> create ? CREATE_COMPUTED_TABLE : UPDATE_COMPUTED_TABLE;
                case "computed_file" -> create ? CREATE_COMPUTED_FILE : UPDATE_COMPUTED_FILE;
                case "computed_join" -> create ? CREATE_COMPUTED_JOIN : UPDATE_COMPUTED_JOIN;
                case "file" -> create ? null : UPDATE_FILE;
                default -> create ? null : UPDATE_TABLE;
            };
        };
        return java.util.Optional.ofNullable(model);
    }

    private static Model connectionCreate(String type) {
        return JDBC_TYPES.contains(type) ? CREATE_JDBC_CONNECTION : DFS_TYPES.contains(type) ? CREATE_DFS_CONNECTION : null;
    }

    private static Model model(String name, String source, Set<String> keys, Set<String> required) {
        return new Model(name, source, keys, required, Set.of());
    }

    private static Model model(String name, String source, Set<String> keys, Set<String> required, Set<String> beyond) {
        return new Model(name, source, keys, required, beyond);
    }

    private static Set<String> keys(String... keys) {
        return new LinkedHashSet<>(List.of(keys));
    }

    private static Set<String> plus(List<String> base, String... more) {
        Set<String> keys = new LinkedHashSet<>(base);
        keys.addAll(List.of(more));
        return keys;
    }
}
