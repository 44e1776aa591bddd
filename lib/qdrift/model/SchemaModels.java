package qdrift.model;

import java.util.List;
import java.util.Set;

/**
 * The models of the Qualytics controlplane OpenAPI schema that decide what is configuration ({@link ServerFields}):
 * for each resource type and shape (a container's type, a connection's or datastore's kind), the create and update
 * models (what a user can set) and the read models (what the server sends). Keys as the JSON carries them. Where the
 * schema has no 2025 model of a kind, the 2023 one is named; a source that is not a schema model says so in its name.
 * tests/resources/contract/ holds the same models as tables; ServerFieldsContractTest keeps the two equal.
 */
public final class SchemaModels {
    /** The October 2025 schema; {@link #Y2023} the February 2023 one. */
    public static final String Y2025 = "20251024-3d1ade3";
    public static final String Y2023 = "5ca80d8";
    /** Not a schema model: a body the official CLI sends, or a record the user guide shows. */
    public static final String EVIDENCE = "evidence";

    public enum Use { CREATE, UPDATE, READ }

    /** A model and the shapes of its type it describes. */
    public record Model(String name, String document, Use use, ResourceType type, Set<String> shapes, List<String> fields) {
        public boolean writes() {
            return use != Use.READ;
        }

        /** {@code CreateQualityCheck (2023)}: the name the table and the docs give as the source of a row. */
        public String label() {
            return name + (Y2025.equals(document) ? "" : Y2023.equals(document) ? " (2023)" : "");
        }
    }

    public static final Set<String> CHECK = Set.of("check");
    public static final Set<String> COMPUTED_FIELD = Set.of("computed_field");
    public static final Set<String> TABLES = Set.of("table", "view");
    public static final Set<String> FILE = Set.of("file");
    public static final Set<String> COMPUTED_TABLE = Set.of("computed_table");
    public static final Set<String> COMPUTED_FILE = Set.of("computed_file");
    public static final Set<String> COMPUTED_JOIN = Set.of("computed_join");
    public static final Set<String> JDBC = Set.of("jdbc");
    public static final Set<String> DFS = Set.of("dfs");

    /** The shapes of each type, in the order of the docs' table. */
    public static List<String> shapes(ResourceType type) {
        return switch (type) {
            case CHECKS -> List.of("check");
            case COMPUTED_FIELDS -> List.of("computed_field");
            case CONTAINERS -> List.of("table", "view", "file", "computed_table", "computed_file", "computed_join");
            case CONNECTIONS, DATASTORES -> List.of("jdbc", "dfs");
        };
    }

    private static final String LISTING = "id, name, container_type, deleted_at, volumetric_tracking_enabled,"
            + " freshness_tracking_enabled, datastore, favorite, was_profiled";
    private static final String UPDATE_COMPUTED = "container_type, exclude_fields, group_by_fields, tags,"
            + " volumetric_tracking_enabled, freshness_tracking_enabled, additional_metadata, name";
    private static final String GET_COMPUTED = "created, id, datastore, container_type, name, favorite, exclude_fields,"
            + " group_by_fields, metrics, global_tags, computed_fields, volumetric_tracking_enabled,"
            + " freshness_tracking_enabled, latest_observability_measurement, incremental_checkpoint, deleted_at,"
            + " additional_metadata";
    private static final String JDBC_CONNECTION_WRITE = "name, secrets_manager, type, host, port, username, password,"
            + " passphrase, parameters, jdbc_fetch_size, max_parallelization";
    private static final String DFS_CONNECTION_WRITE = "name, secrets_manager, type, uri, access_key, secret_key";

    public static final List<Model> ALL = List.of(
            // checks: the 2025 schema publishes only their read models; create and update are the 2023 ones
            m("CreateQualityCheck", Y2023, Use.CREATE, ResourceType.CHECKS, CHECK,
                    "description, coverage, filter, properties, tags, container_id, fields, rule"),
            m("UpdateQualityCheck", Y2023, Use.UPDATE, ResourceType.CHECKS, CHECK,
                    "description, coverage, filter, properties, tags, favorite"),
            // the official CLI's create and update bodies (qualytics-cli services/quality_checks.py) add these keys
            m("qualytics-cli check body", EVIDENCE, Use.UPDATE, ResourceType.CHECKS, CHECK,
                    "additional_metadata, status, anomaly_message_field, owner_id, default_anomaly_assignee_id"),
            m("QualityCheckListing", Y2025, Use.READ, ResourceType.CHECKS, CHECK,
                    "created, id, rule_type, inferred, fields, description, coverage, properties, filter, status, deleted_at,"
                            + " last_editor, last_updated, last_asserted, is_passing, weight, additional_metadata, global_tags"),
            m("GetUpdatedQualityCheck", Y2025, Use.READ, ResourceType.CHECKS, CHECK,
                    "created, id, description, filter, global_tags, additional_metadata, last_editor, is_template,"
                            + " template_locked, status"),
            m("GetQualityCheckMeasurement", Y2025, Use.READ, ResourceType.CHECKS, CHECK,
                    "created, id, rule_type, inferred, fields, description, coverage, filter, properties, template_locked,"
                            + " is_template, is_new, num_container_scans, template_checks_count, anomaly_count,"
                            + " active_anomaly_count, status, deleted_at, last_editor, last_updated, last_asserted, is_passing,"
                            + " weight, additional_metadata, global_tags, datastore, container, latest_container_profile,"
                            + " favorite, template, created_by, is_properties_inferrable, is_coverage_inferrable,"
                            + " is_description_inferrable, measurements"),
            // the exported check record of the user guide (docs/enrichment/api-payload-examples.md)
            m("exported check record", EVIDENCE, Use.READ, ResourceType.CHECKS, CHECK, "has_passed, template_id"),

            m("CreateComputedField", Y2025, Use.CREATE, ResourceType.COMPUTED_FIELDS, COMPUTED_FIELD,
                    "name, properties, container_id, source_fields, transformation, additional_metadata"),
            m("UpdateComputedField", Y2025, Use.UPDATE, ResourceType.COMPUTED_FIELDS, COMPUTED_FIELD,
                    "name, properties, source_fields, transformation, additional_metadata"),
            m("GetComputedField", Y2025, Use.READ, ResourceType.COMPUTED_FIELDS, COMPUTED_FIELD,
                    "created, id, name, source_fields, transformation_type, properties, container_id, additional_metadata,"
                            + " last_editor"),

            // table and file containers come from cataloging (2025 POST /api/containers takes the computed types only);
            // their update models are published in the 2023 schema only
            m("UpdateTableContainer", Y2023, Use.UPDATE, ResourceType.CONTAINERS, TABLES,
                    "store_type, exclude_fields, tags, freshness_tracking_enabled, partition_field, row_identifier_field,"
                            + " incremental_field_name, incremental_identifier_type"),
            m("GetTableContainer", Y2023, Use.READ, ResourceType.CONTAINERS, TABLES,
                    "id, created, store_type, datastore, name, exclude_fields, status, global_tags, active_freshness_sla,"
                            + " freshness_tracking_enabled, latest_freshness_measurement, table_type, row_identifier_field,"
                            + " partition_field, incremental_field_name, incremental_identifier_type, metrics"),
            m("TableContainerListing", Y2025, Use.READ, ResourceType.CONTAINERS, TABLES,
                    "id, name, container_type, deleted_at, volumetric_tracking_enabled, freshness_tracking_enabled,"
                            + " datastore, favorite, was_profiled, table_type"),
            m("UpdateFileContainer", Y2023, Use.UPDATE, ResourceType.CONTAINERS, FILE,
                    "store_type, exclude_fields, tags, file_name, freshness_tracking_enabled, escape_character"),
            m("GetFileContainer", Y2023, Use.READ, ResourceType.CONTAINERS, FILE,
                    "id, created, store_type, datastore, name, exclude_fields, status, global_tags, active_freshness_sla,"
                            + " freshness_tracking_enabled, latest_freshness_measurement, relative_path, file_name, extension,"
                            + " format, escape_character, has_header, last_modified, line_identifier_field, metrics"),
            m("FileContainerListing", Y2025, Use.READ, ResourceType.CONTAINERS, FILE, LISTING),
            m("CreateComputedTableContainer", Y2025, Use.CREATE, ResourceType.CONTAINERS, COMPUTED_TABLE,
                    "container_type, datastore_id, name, query, additional_metadata"),
            m("UpdateComputedTableContainer", Y2025, Use.UPDATE, ResourceType.CONTAINERS, COMPUTED_TABLE,
                    UPDATE_COMPUTED + ", query, incremental_field_name, incremental_identifier_type"),
            m("GetComputedTableContainer", Y2025, Use.READ, ResourceType.CONTAINERS, COMPUTED_TABLE,
                    GET_COMPUTED + ", query, incremental_field_name, incremental_identifier_type, last_editor"),
            m("ComputedTableContainerListing", Y2025, Use.READ, ResourceType.CONTAINERS, COMPUTED_TABLE, LISTING),
            m("CreateComputedFileContainer", Y2025, Use.CREATE, ResourceType.CONTAINERS, COMPUTED_FILE,
                    "container_type, datastore_id, source_container_id, name, select_clause, where_clause,"
                            + " additional_metadata"),
            m("UpdateComputedFileContainer", Y2025, Use.UPDATE, ResourceType.CONTAINERS, COMPUTED_FILE,
                    UPDATE_COMPUTED + ", select_clause, where_clause"),
            m("GetComputedFileContainer", Y2025, Use.READ, ResourceType.CONTAINERS, COMPUTED_FILE,
                    GET_COMPUTED + ", source_container, select_clause, where_clause, last_editor"),
            m("ComputedFileContainerListing", Y2025, Use.READ, ResourceType.CONTAINERS, COMPUTED_FILE, LISTING),
            m("CreateComputedJoinContainer", Y2025, Use.CREATE, ResourceType.CONTAINERS, COMPUTED_JOIN,
                    "container_type, name, left_container_id, left_join_field_name, left_prefix, right_container_id,"
                            + " right_join_field_name, right_prefix, join_type, where_clause, select_clause,"
                            + " additional_metadata"),
            m("UpdateComputedJoinContainer", Y2025, Use.UPDATE, ResourceType.CONTAINERS, COMPUTED_JOIN,
                    UPDATE_COMPUTED + ", left_join_field_name, left_prefix, right_join_field_name, right_prefix, join_type,"
                            + " where_clause, select_clause, incremental_identifier"),
            m("GetComputedJoinContainer", Y2025, Use.READ, ResourceType.CONTAINERS, COMPUTED_JOIN,
                    GET_COMPUTED + ", left_container_id, left_join_field_name, left_prefix, right_datastore_id,"
                            + " right_container_id, right_join_field_name, right_prefix, join_type, where_clause,"
                            + " select_clause, incremental_field_name, incremental_identifier_type, last_editor"),
            m("ComputedJoinContainerListing", Y2025, Use.READ, ResourceType.CONTAINERS, COMPUTED_JOIN, LISTING),

            m("CreateJdbcConnection", Y2025, Use.CREATE, ResourceType.CONNECTIONS, JDBC, JDBC_CONNECTION_WRITE),
            m("UpdateJdbcConnection", Y2025, Use.UPDATE, ResourceType.CONNECTIONS, JDBC, JDBC_CONNECTION_WRITE),
            m("GetJdbcConnection", Y2025, Use.READ, ResourceType.CONNECTIONS, JDBC,
                    "created, id, name, type, connection_type, datastores, secrets_manager, host, port, username,"
                            + " parameters, jdbc_fetch_size, max_parallelization, product_name, product_version, driver_name,"
                            + " driver_version"),
            m("CreateDfsConnection", Y2025, Use.CREATE, ResourceType.CONNECTIONS, DFS, DFS_CONNECTION_WRITE),
            m("UpdateDfsConnection", Y2025, Use.UPDATE, ResourceType.CONNECTIONS, DFS, DFS_CONNECTION_WRITE),
            m("GetDfsConnection", Y2025, Use.READ, ResourceType.CONNECTIONS, DFS,
                    "created, id, name, type, connection_type, datastores, secrets_manager, uri, access_key"),

            // datastores: the 2025 schema's datastore models are not published; the 2023 ones predate connections
            m("CreateJdbcDatastore", Y2023, Use.CREATE, ResourceType.DATASTORES, JDBC,
                    "type, name, enrich_only, enrich_container_prefix, tags, host, port, database, schema, username,"
                            + " password, parameters"),
            m("UpdateJdbcDatastore", Y2023, Use.UPDATE, ResourceType.DATASTORES, JDBC,
                    "type, name, enrich_only, enrich_container_prefix, tags, favorite, host, port, database, schema,"
                            + " username, password, parameters"),
            m("GetJdbcDatastore", Y2023, Use.READ, ResourceType.DATASTORES, JDBC,
                    "id, created, name, store_type, type, connected, favorite, latest_operation, enrich_only,"
                            + " enrich_container_prefix, enrich_datastore, metrics, global_tags, host, port, database, schema,"
                            + " username, parameters, jdbc_url, product_name, product_version, driver_name, driver_version"),
            m("CreateDfsDatastore", Y2023, Use.CREATE, ResourceType.DATASTORES, DFS,
                    "type, name, enrich_only, enrich_container_prefix, tags, uri, access_key, secret_key,"
                            + " folder_globbing_enabled"),
            m("UpdateDfsDatastore", Y2023, Use.UPDATE, ResourceType.DATASTORES, DFS,
                    "type, name, enrich_only, enrich_container_prefix, tags, favorite, uri, access_key, secret_key"),
            m("GetDfsDatastore", Y2023, Use.READ, ResourceType.DATASTORES, DFS,
                    "id, created, name, store_type, type, connected, favorite, latest_operation, enrich_only,"
                            + " enrich_container_prefix, enrich_datastore, metrics, global_tags, uri, access_key"),
            // the official CLI's datastore body (qualytics-cli services/datastores.py): the connection-era keys
            m("qualytics-cli datastore body", EVIDENCE, Use.UPDATE, ResourceType.DATASTORES, Set.of("jdbc", "dfs"),
                    "name, connection_id, enrichment_only, enrichment_prefix, enrichment_source_record_limit,"
                            + " enrichment_remediation_strategy, high_count_rollup_threshold, trigger_sync, tags, teams,"
                            + " database, schema"));

    private SchemaModels() {
    }

    private static Model m(String name, String document, Use use, ResourceType type, Set<String> shapes, String fields) {
        return new Model(name, document, use, type, shapes, List.of(fields.split(",\\s*")));
    }
}
