package qdrift.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which top-level fields of each resource are configuration (written to files, compared by drift) and which are server
 * state (never in a file), by type and shape (a container's type, a connection's or datastore's kind).
 *
 * <p>The rule, from the schema ({@link SchemaModels}): a field is configuration when a create or update model of its
 * type and shape accepts it; every other field a read model lists is state. {@link #EXCEPTIONS} names the few fields
 * that break the rule, each with its reason; {@link #RESOLVED} the references the {@link Canonicalizer} turns into
 * names itself. {@link #rows()} is the resulting table (docs/api-contract.md prints it).
 *
 * <p>A field no model of its shape knows (a later server's, or an older one's) keeps the old path: the lists
 * {@link #LEGACY_STATE} and {@link #LEGACY_CONFIGURATION}, then {@link #SERVER_STATE_PATTERNS}; anything else is KEPT as
 * configuration (so compliance never misses a new setting) and drift reports it as a platform finding.
 */
public final class ServerFields {
    public enum Role {
        CONFIGURATION, STATE, RESOLVED;

        public String label() {
            return switch (this) {
                case CONFIGURATION -> "configuration";
                case STATE -> "state";
                case RESOLVED -> "resolved";
            };
        }
    }

    /** One row of the table: {@code source} names the models that list the field, {@code note} an exception's reason. */
    public record Row(ResourceType type, String shape, String field, Role role, String source, String note) {
    }

    private record Deviation(ResourceType type, Set<String> shapes, String field, Role role, String reason) {
    }

    private static final Set<String> ALL_SHAPES = Set.of();

    /** The fields that break the rule, with why. An empty shape set means every shape of the type. */
    private static final List<Deviation> EXCEPTIONS = List.of(
            new Deviation(ResourceType.CONTAINERS, Set.of("table", "view", "file"), "name", Role.CONFIGURATION,
                    "the identity: a file and every reference name the container by it (cataloging sets it)"),
            new Deviation(ResourceType.CONTAINERS, Set.of("table", "view", "file"), "container_type", Role.CONFIGURATION,
                    "the discriminator every 2025 container update model requires"),
            new Deviation(ResourceType.CHECKS, ALL_SHAPES, "rule_type", Role.CONFIGURATION,
                    "the read name of the create model's rule"),
            new Deviation(ResourceType.CHECKS, ALL_SHAPES, "inferred", Role.CONFIGURATION,
                    "no write model takes it, but files keep it: it says profiling made the check, and revert"
                            + " warns that a re-created check loses it"),
            new Deviation(ResourceType.CHECKS, ALL_SHAPES, "owner_id", Role.STATE,
                    "a user id: it differs per instance and names no data-quality rule"),
            new Deviation(ResourceType.CHECKS, ALL_SHAPES, "default_anomaly_assignee_id", Role.STATE,
                    "a user id: it differs per instance and names no data-quality rule"),
            new Deviation(ResourceType.CHECKS, ALL_SHAPES, "favorite", Role.STATE,
                    "a user's star (its own favorite endpoint in 2025), not a setting of the check"),
            new Deviation(ResourceType.DATASTORES, ALL_SHAPES, "favorite", Role.STATE,
                    "a user's star (its own favorite endpoint), not a setting of the datastore"),
            new Deviation(ResourceType.CONTAINERS, Set.of("table", "view", "file"), "store_type", Role.STATE,
                    "the 2023 discriminator of the update models (2025: container_type): the datastore's kind"),
            new Deviation(ResourceType.CONTAINERS, Set.of("table", "view", "file"), "volumetric_tracking_enabled",
                    Role.CONFIGURATION, "the 2025 update models of the computed types take it; the 2025 table and file"
                            + " update models are not published, the 2023 ones predate the setting"),
            datastoreCopy("type"), datastoreCopy("host"), datastoreCopy("port"), datastoreCopy("username"),
            datastoreCopy("password"), datastoreCopy("parameters"), datastoreCopy("uri"), datastoreCopy("access_key"),
            datastoreCopy("secret_key"));

    /** Fields the {@link Canonicalizer} reads itself: references it writes as names, keys it renames. */
    static final Map<ResourceType, Set<String>> RESOLVED = new EnumMap<>(Map.of(
            ResourceType.CHECKS, Set.of("container_id", "container", "rule", "global_tags"),
            ResourceType.COMPUTED_FIELDS, Set.of("container_id", "transformation_type"),
            ResourceType.CONTAINERS, Set.of("datastore_id", "datastore", "source_container_id", "source_container",
                    "left_container_id", "right_container_id", "right_datastore_id", "global_tags", "computed_fields"),
            ResourceType.CONNECTIONS, Set.of(),
            ResourceType.DATASTORES, Set.of("connection_id", "enrich_datastore", "global_tags")));

    private static final Map<String, String> RESOLVED_AS = Map.ofEntries(
            Map.entry("container_id", "the container's name (container)"),
            Map.entry("container", "the container's name"),
            Map.entry("rule", "rule_type"),
            Map.entry("global_tags", "tags (names)"),
            Map.entry("transformation_type", "transformation"),
            Map.entry("datastore_id", "datastore_name"),
            Map.entry("datastore", "datastore_name"),
            Map.entry("source_container_id", "source_container_name"),
            Map.entry("source_container", "source_container_name"),
            Map.entry("left_container_id", "left_container_name"),
            Map.entry("right_container_id", "right_container_name"),
            Map.entry("right_datastore_id", "right_datastore_name"),
            Map.entry("computed_fields", "their own files"),
            Map.entry("connection_id", "connection_name"),
            Map.entry("enrich_datastore", "enrich_datastore_name"));

    /** Server state of fields no model of the shape lists (sandbox and older shapes); kept from before the models. */
    private static final Map<ResourceType, Set<String>> LEGACY_STATE = new EnumMap<>(Map.of(
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
            ResourceType.CHECKS, Set.of("id", "created", "anomaly_count", "is_new", "template",
                    "owner_id", "owner", "default_anomaly_assignee_id", "default_anomaly_assignee",
                    "last_editor", "last_editor_id",
                    "is_passing", "has_passed", "weight", "num_container_scans", "deleted_at", "is_template",
                    "template_locked", "template_id", "datastore", "favorite", "created_by")));

    /** Configuration of fields no model of the shape lists (the sandbox's and the official CLI's keys). */
    private static final Map<ResourceType, Set<String>> LEGACY_CONFIGURATION = new EnumMap<>(Map.of(
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

    /** type → shape → field → row, in the order of {@link SchemaModels#shapes} and of the models' fields. */
    private static final Map<ResourceType, Map<String, Map<String, Row>>> TABLE = build();

    private ServerFields() {
    }

    /** The whole table, by type, shape and field (the order of docs/api-contract.md). */
    public static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        TABLE.values().forEach(shapes -> shapes.values().forEach(fields -> rows.addAll(fields.values())));
        return rows;
    }

    /** The row of a field of a shape, or null when no model of that shape lists it. */
    public static Row row(ResourceType type, String shape, String field) {
        Map<String, Row> fields = TABLE.get(type).get(shape);
        return fields == null ? null : fields.get(field);
    }

    /** The shape of a raw or canonical resource: its container type, connection or store kind; null when unknown. */
    public static String shapeOf(ResourceType type, JsonNode resource) {
        String shape = switch (type) {
            case CHECKS -> "check";
            case COMPUTED_FIELDS -> "computed_field";
            case CONTAINERS -> resource.path("container_type").asText("");
            case CONNECTIONS -> resource.path("connection_type").isTextual() ? resource.get("connection_type").asText()
                    : resource.has("uri") ? "dfs" : "";
            case DATASTORES -> resource.path("store_type").asText("");
        };
        return TABLE.get(type).containsKey(shape) ? shape : null;
    }

    /**
     * True when {@code field} is a setting this version knows for the type (in any shape): a change of it on every
     * resource is a person's bulk edit, never a server upgrade (see the report's platform findings).
     */
    public static boolean isKnownConfiguration(ResourceType type, String field) {
        return LEGACY_CONFIGURATION.get(type).contains(field) || TABLE.get(type).values().stream()
                .anyMatch(fields -> fields.containsKey(field) && fields.get(field).role() == Role.CONFIGURATION);
    }

    /** As {@link #isServerState(ResourceType, String, String)} for a resource whose shape is not known. */
    public static boolean isServerState(ResourceType type, String field) {
        return isServerState(type, null, field);
    }

    /**
     * True when {@code field} of a {@code type} resource of {@code shape} is server state (or a reference the
     * canonicalizer writes itself) and never belongs in a file as the server sends it. With a null shape, a field is
     * configuration when it is in any shape.
     */
    public static boolean isServerState(ResourceType type, String shape, String field) {
        Role role = shape != null ? roleIn(type, shape, field) : anyShapeRole(type, field);
        if (role != null) {
            return role != Role.CONFIGURATION;
        }
        if (LEGACY_STATE.get(type).contains(field)) {
            return true;
        }
        if (LEGACY_CONFIGURATION.get(type).contains(field) || field.startsWith("enrichment_")
                || (type == ResourceType.CHECKS && field.startsWith("inferred"))) {
            return false;
        }
        return SERVER_STATE_PATTERNS.stream().anyMatch(p -> p.matcher(field).matches());
    }

    private static Role roleIn(ResourceType type, String shape, String field) {
        Row row = row(type, shape, field);
        return row == null ? null : row.role();
    }

    private static Role anyShapeRole(ResourceType type, String field) {
        Role found = null;
        for (Map<String, Row> fields : TABLE.get(type).values()) {
            Row row = fields.get(field);
            if (row != null && (found == null || row.role() == Role.CONFIGURATION)) {
                found = row.role();
            }
        }
        return found;
    }

    private static Map<ResourceType, Map<String, Map<String, Row>>> build() {
        Map<ResourceType, Map<String, Map<String, Row>>> table = new EnumMap<>(ResourceType.class);
        for (ResourceType type : List.of(ResourceType.CHECKS, ResourceType.CONTAINERS, ResourceType.COMPUTED_FIELDS,
                ResourceType.CONNECTIONS, ResourceType.DATASTORES)) {
            Map<String, Map<String, Row>> shapes = new LinkedHashMap<>();
            for (String shape : SchemaModels.shapes(type)) {
                shapes.put(shape, shapeRows(type, shape));
            }
            table.put(type, shapes);
        }
        return table;
    }

    private static Map<String, Row> shapeRows(ResourceType type, String shape) {
        Map<String, List<String>> writers = new LinkedHashMap<>();
        Map<String, List<String>> readers = new LinkedHashMap<>();
        for (SchemaModels.Model model : SchemaModels.ALL) {
            if (model.type() == type && model.shapes().contains(shape)) {
                for (String field : model.fields()) {
                    (model.writes() ? writers : readers).computeIfAbsent(field, f -> new ArrayList<>()).add(model.label());
                }
            }
        }
        Map<String, Row> rows = new TreeMap<>();
        for (String field : union(writers, readers)) {
            boolean written = writers.containsKey(field);
            String source = String.join(", ", written ? writers.get(field) : readers.get(field));
            Deviation deviation = exception(type, shape, field);
            Role role;
            String note = "";
            if (deviation != null) {
                role = deviation.role();
                note = deviation.reason();
            } else if (RESOLVED.get(type).contains(field)) {
                role = Role.RESOLVED;
                note = "written as " + RESOLVED_AS.get(field);
            } else {
                role = written ? Role.CONFIGURATION : Role.STATE;
            }
            rows.put(field, new Row(type, shape, field, role, source, note));
        }
        return rows;
    }

    private static Set<String> union(Map<String, List<String>> a, Map<String, List<String>> b) {
        return java.util.stream.Stream.concat(a.keySet().stream(), b.keySet().stream())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static Deviation exception(ResourceType type, String shape, String field) {
        return EXCEPTIONS.stream().filter(e -> e.type() == type && e.field().equals(field)
                && (e.shapes().isEmpty() || e.shapes().contains(shape))).findFirst().orElse(null);
    }

    private static Deviation datastoreCopy(String field) {
        return new Deviation(ResourceType.DATASTORES, ALL_SHAPES, field, Role.STATE, "a copy of the connection's"
                + " setting (the 2023 models predate connections): drift is reported on the connection file");
    }
}
