package qdrift.model;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which top-level fields of each resource are server state (never drift) and which are configuration.
 * This is the one table to edit after a server upgrade adds fields.
 *
 * <p>A field in neither list is unknown: it is KEPT as configuration (so compliance never misses a new setting)
 * unless its name matches one of {@link #SERVER_STATE_PATTERNS}, which only ever describe server bookkeeping.
 * References (ids turned into names) are handled by {@link Canonicalizer} before this table is asked.
 */
public final class ServerFields {
    private static final Map<ResourceType, Set<String>> SERVER_MANAGED = new EnumMap<>(Map.of(
            ResourceType.CONNECTIONS, Set.of("id", "created", "connection_type", "datastores",
                    "product_name", "product_version", "driver_name", "driver_version", "last_editor", "last_editor_id"),
            ResourceType.DATASTORES, Set.of("id", "created", "connected", "favorite", "latest_operation", "metrics",
                    "last_editor", "last_editor_id",
                    "containers", "jdbc_url", "has_scheduled_operations", "linked_datastores",
                    "product_name", "product_version", "driver_name", "driver_version",
                    // copies of the connection's settings: drift there is reported on the connection file
                    "host", "port", "username", "parameters", "jdbc_fetch_size", "max_parallelization",
                    "secrets_manager", "store_type", "type", "group"),
            ResourceType.CONTAINERS, Set.of("id", "created", "status", "metrics", "cataloged", "favorite",
                    "deleted_at", "last_editor", "last_editor_id", "latest_observability_measurement",
                    "incremental_checkpoint", "computed_fields", "was_profiled"),
            ResourceType.COMPUTED_FIELDS, Set.of("id", "container_id", "last_editor", "last_editor_id"),
            // owner and assignee are user ids: they differ per instance, name no data-quality rule, and the
            // contract lists neither as configuration
            // last_editor: who edited it last is server state (newer servers send it on checks too; it feeds a report's
            // changed_by, never a file)
            // the rest are what a scan or the server moves (QualityCheckListing, GetUpdatedQualityCheck of the 2025
            // schema, and the exported check records): no create or update model accepts them
            ResourceType.CHECKS, Set.of("id", "created", "anomaly_count", "is_new", "template",
                    "owner_id", "owner", "default_anomaly_assignee_id", "default_anomaly_assignee",
                    "last_editor", "last_editor_id",
                    "is_passing", "has_passed", "weight", "num_container_scans", "deleted_at", "is_template",
                    "template_locked", "template_id", "datastore", "favorite", "created_by")));

    private static final Map<ResourceType, Set<String>> CONFIGURATION = new EnumMap<>(Map.of(
            ResourceType.CONNECTIONS, Set.of("name", "type", "host", "port", "username", "uri", "catalog",
                    "parameters", "jdbc_fetch_size", "max_parallelization", "secrets_manager"),
            ResourceType.DATASTORES, Set.of("name", "database", "schema", "high_count_rollup_threshold", "tags",
                    "teams"),
            ResourceType.CONTAINERS, Set.of("name", "container_type", "query", "select_clause", "where_clause",
                    "group_by_clause", "lateral_views", "join_type", "left_join_field_name",
                    "right_join_field_name", "left_prefix", "right_prefix", "sources", "description",
                    "additional_metadata", "tags", "partition_field", "incremental_field_name",
                    "incremental_identifier_type", "infer_datatypes"),
            ResourceType.COMPUTED_FIELDS, Set.of("name", "transformation", "source_fields", "properties",
                    "additional_metadata"),
            ResourceType.CHECKS, Set.of("rule_type", "description", "container", "fields", "coverage", "filter",
                    "properties", "tags", "status", "anomaly_message_field", "additional_metadata")));

    /** Names that are server bookkeeping whatever the resource: counters, scores, timestamps, measurements. */
    static final List<Pattern> SERVER_STATE_PATTERNS = List.of(
            Pattern.compile(".*_count"),
            Pattern.compile(".*score"),
            Pattern.compile("created"),
            Pattern.compile("last_updated.*"),
            Pattern.compile("last_asserted.*"),
            Pattern.compile(".*_at"),
            Pattern.compile("metrics"),
            Pattern.compile("latest_.*"),
            Pattern.compile("is_.*_inferrable"));

    /** The keys of additional_metadata the server writes for its own bookkeeping. */
    static final Set<String> INTERNAL_METADATA_KEYS = Set.of("from quality check id", "main datastore id");

    private ServerFields() {
    }

    /**
     * True when {@code field} is a setting this version knows for the type: a change of it on every resource is a
     * person's bulk edit, never a server upgrade (see the report's platform findings).
     */
    public static boolean isKnownConfiguration(ResourceType type, String field) {
        return CONFIGURATION.get(type).contains(field);
    }

    /** True when {@code field} of a {@code type} resource is server state and never belongs in an export. */
    public static boolean isServerState(ResourceType type, String field) {
        if (SERVER_MANAGED.get(type).contains(field)) {
            return true;
        }
        if (CONFIGURATION.get(type).contains(field) || field.startsWith("enrichment_")
                || (type == ResourceType.CHECKS && field.startsWith("inferred"))) {
            return false;
        }
        return SERVER_STATE_PATTERNS.stream().anyMatch(p -> p.matcher(field).matches());
    }
}
