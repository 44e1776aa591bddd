package qdrift.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One stored resource: the JSON object kept as compact bytes (50,000 checks fit in a few tens of MB) plus the few
 * values list filters and sorts need, so listing never parses what it does not return.
 *
 * @param ownerId     connection of a datastore, datastore of a container, container of a computed field or check
 * @param datastoreId the datastore the resource belongs to (a datastore: itself; a connection: 0)
 * @param type        connection_type, container_type, transformation_type or rule_type
 * @param tags        names of its global tags
 * @param created     its "created" timestamp as stored (ISO-8601 text, so text order is time order), or null: sort_created
 */
record Row(long id, String name, long ownerId, long datastoreId, String type, String status, List<String> tags, String created,
           byte[] json) {
    /** The statuses of an archived check: Archived as generated, or the reason a soft DELETE gave (archive=true&status=...). */
    static final java.util.Set<String> ARCHIVED_STATUSES = java.util.Set.of("Archived", "Discarded", "Invalid", "Resolved");

    /** A row whose created timestamp is read from its JSON (once, when stored). */
    Row(long id, String name, long ownerId, long datastoreId, String type, String status, List<String> tags, byte[] json) {
        this(id, name, ownerId, datastoreId, type, status, tags, createdOf(json), json);
    }

    ObjectNode node() {
        return SandboxJson.objectOf(json);
    }

    boolean archived() {
        return status != null && ARCHIVED_STATUSES.stream().anyMatch(status::equalsIgnoreCase);
    }

    private static String createdOf(byte[] json) {
        var created = SandboxJson.objectOf(json).get("created");
        return created != null && created.isTextual() ? created.asText() : null;
    }
}
