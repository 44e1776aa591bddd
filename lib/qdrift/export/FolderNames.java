//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import qdrift.model.Canonicalizer;
import qdrift.model.ResourceType;

/**
 * Gives the files read back from a folder their identity: the type and slugs come from the path, the display names
 * from the content (a datastore's name from its _datastore.yaml, a container's from its _container.yaml, a check's
 * uid from its additional_metadata), falling back to the slug in the path when a file is missing.
 */
final class FolderNames {
    private FolderNames() {
    }

    static SortedMap<String, SnapshotEntry> entries(Map<String, ObjectNode> bodies, Map<String, LayoutPath> layout) {
        Map<String, String> datastoreNames = new HashMap<>();
        Map<String, String> containerNames = new HashMap<>();
        layout.forEach((path, where) -> {
            ObjectNode body = bodies.get(path);
            if (where.type() == ResourceType.DATASTORES && body.path("name").isTextual()) {
                datastoreNames.put(where.datastoreSlug(), body.get("name").asText());
            }
            if (where.type() == ResourceType.CONTAINERS && body.path("name").isTextual()) {
                containerNames.put(where.datastoreSlug() + "/" + where.containerSlug(), body.get("name").asText());
                if (body.path("datastore_name").isTextual()) {
                    datastoreNames.putIfAbsent(where.datastoreSlug(), body.get("datastore_name").asText());
                }
            }
        });
        SortedMap<String, SnapshotEntry> entries = new TreeMap<>();
        layout.forEach((path, where) -> {
            ObjectNode body = bodies.get(path);
            String datastore = where.datastoreSlug() == null ? null
                    : datastoreNames.getOrDefault(where.datastoreSlug(), where.datastoreSlug());
            String container = where.containerSlug() == null ? null
                    : containerNames.getOrDefault(where.datastoreSlug() + "/" + where.containerSlug(),
                            where.containerSlug());
            entries.put(path, switch (where.type()) {
                case CONNECTIONS -> new SnapshotEntry(where.type(), null, null, text(body, "name", where.fileSlug()), body);
                case DATASTORES -> new SnapshotEntry(where.type(), datastore, null, text(body, "name", datastore), body);
                case CONTAINERS -> new SnapshotEntry(where.type(), datastore, text(body, "name", container),
                        text(body, "name", container), body);
                case COMPUTED_FIELDS -> new SnapshotEntry(where.type(), datastore, container,
                        text(body, "name", where.fileSlug()), body);
                case CHECKS -> new SnapshotEntry(where.type(), datastore, text(body, "container",
                        SnapshotBuilder.NO_CONTAINER.equals(where.containerSlug()) ? null : container),
                        text(body.path("additional_metadata"), Canonicalizer.CHECK_UID_KEY, where.fileSlug()), body);
            });
        });
        return entries;
    }

    private static String text(JsonNode body, String key, String fallback) {
        return body.path(key).isTextual() ? body.get(key).asText() : fallback;
    }
}
