package qdrift.sandbox;

import java.util.Map;
import java.util.Set;

/**
 * What a write body of each kind may hold, in stored key names (after {@code rule} became {@code rule_type},
 * {@code tags} {@code global_tags}, {@code transformation} {@code transformation_type}, embedded references ids).
 *
 * @param server          server state: ignored in a body (a client may send back what it read), kept by a PUT
 * @param fixed           set by the POST; a PUT may repeat them unchanged, never change them (422)
 * @param requiredOnPost  a POST without one of them is a 422
 * @param requiredOnPut   the "full update": a PUT without one of them is a 422
 * @param keptWhenAbsent  a PUT that does not name them leaves them as they are (secrets, references set elsewhere);
 *                        every other configuration key a PUT does not name is reset to its blank value
 */
record WriteShape(Set<String> server, Set<String> fixed, Set<String> requiredOnPost, Set<String> requiredOnPut,
                  Set<String> keptWhenAbsent) {
    /** Keys a client names differently from the stored form, for error messages. */
    private static final Map<String, String> API_NAMES = Map.of("rule_type", "rule", "global_tags", "tags",
            "transformation_type", "transformation");

    private static final Map<Kind, WriteShape> SHAPES = Map.of(
            Kind.CONNECTION, new WriteShape(
                    Set.of("id", "created", "datastores", "product_name", "product_version", "driver_name", "driver_version"),
                    Set.of("type", "connection_type"),
                    Set.of("name", "type"),
                    Set.of("name"),
                    // secrets are sent only when the caller supplies them; the rest stays as it is live
                    Set.of("access_key")),
            Kind.DATASTORE, new WriteShape(
                    Set.of("id", "created", "last_updated", "connected", "favorite", "latest_operation", "metrics",
                            "linked_datastores", "has_scheduled_operations", "group", "containers", "jdbc_url",
                            "store_type", "type", "host", "port", "username", "parameters", "jdbc_fetch_size",
                            "max_parallelization", "secrets_manager", "product_name", "product_version", "driver_name",
                            "driver_version"),
                    Set.of(),
                    Set.of("name", "connection_id"),
                    Set.of("name"),
                    // the enrichment link has its own calls (PATCH /datastores/{id}/enrichment/{id}, DELETE .../enrichment)
                    Set.of("connection_id", "enrich_datastore_id")),
            Kind.CONTAINER, new WriteShape(
                    Set.of("id", "created", "status", "metrics", "cataloged", "favorite", "deleted_at", "last_editor",
                            "last_editor_id", "latest_observability_measurement", "incremental_checkpoint",
                            "computed_fields", "force_drop_fields"),
                    Set.of("datastore_id", "container_type"),
                    Set.of("datastore_id", "name", "container_type"),
                    Set.of("name"),
                    Set.of()),
            Kind.COMPUTED_FIELD, new WriteShape(
                    Set.of("id", "last_editor", "last_editor_id"),
                    Set.of("container_id"),
                    Set.of("name", "container_id", "transformation_type"),
                    Set.of("name", "transformation_type", "source_fields", "properties"),
                    Set.of()),
            Kind.CHECK, new WriteShape(
                    Set.of("id", "created", "last_updated", "last_asserted", "anomaly_count", "is_new", "template",
                            "inferred", "last_editor", "last_editor_id"),
                    Set.of("container_id", "rule_type"),
                    Set.of("container_id", "rule_type"),
                    Set.of("description", "fields", "coverage", "filter", "properties", "global_tags",
                            "additional_metadata", "status"),
                    Set.of("anomaly_message_field", "owner_id", "default_anomaly_assignee_id")));

    static WriteShape of(Kind kind) {
        return SHAPES.get(kind);
    }

    /** Server state of this kind: the listed keys, and counters and scores whatever their name. */
    boolean isServer(String key) {
        return server.contains(key) || key.endsWith("_count") || key.equals("score") || key.endsWith("_score");
    }

    static String apiName(String storedKey) {
        return API_NAMES.getOrDefault(storedKey, storedKey);
    }
}
