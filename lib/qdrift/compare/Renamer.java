//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.TreeMap;
import qdrift.export.Snapshot;
import qdrift.export.SnapshotEntry;
import qdrift.model.ResourceType;
import qdrift.model.Secrets;

/**
 * Rewrites the left side in the right side's names, so that a mapped name is never reported as a difference:
 * a datastore's and a connection's own name, every reference to them (connection_name, datastore_name,
 * enrich_/left_/right_/ref_datastore_name at any depth) and the secret placeholders named after a connection
 * (${DEV_PG_PASSWORD} becomes ${PROD_PG_PASSWORD}). File paths stay the left side's own.
 */
public final class Renamer {
    private final NameMapping mapping;

    public Renamer(NameMapping mapping) {
        this.mapping = mapping;
    }

    public Snapshot toRightNames(Snapshot left) {
        if (mapping.isEmpty()) {
            return left;
        }
        Map<String, SnapshotEntry> renamed = new TreeMap<>();
        left.entries().forEach((path, entry) -> renamed.put(path, rename(entry)));
        return Snapshot.ofEntries(renamed);
    }

    private SnapshotEntry rename(SnapshotEntry entry) {
        ObjectNode body = entry.body().deepCopy();
        String name = entry.name();
        if (entry.type() == ResourceType.DATASTORES) {
            name = mapping.datastore(name);
            renameOwn(body, entry.name(), name);
        } else if (entry.type() == ResourceType.CONNECTIONS) {
            name = mapping.connection(name);
            renameOwn(body, entry.name(), name);
        }
        renameReferences(body);
        return new SnapshotEntry(entry.type(), mapping.datastore(entry.datastore()), entry.container(), name, body);
    }

    private static void renameOwn(ObjectNode body, String from, String to) {
        if (from == null || from.equals(to)) {
            return;
        }
        if (body.path("name").isTextual() && body.get("name").asText().equals(from)) {
            body.put("name", to);
        }
        renamePlaceholders(body, from, to);
    }

    /** A secret placeholder is named after its owner: renaming the owner renames it. */
    private static void renamePlaceholders(JsonNode node, String from, String to) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(member -> {
                JsonNode value = member.getValue();
                if (value.isTextual() && value.asText().equals(Secrets.placeholder(from, member.getKey()))) {
                    member.setValue(TextNode.valueOf(Secrets.placeholder(to, member.getKey())));
                } else {
                    renamePlaceholders(value, from, to);
                }
            });
        } else if (node instanceof ArrayNode array) {
            array.forEach(item -> renamePlaceholders(item, from, to));
        }
    }

    private void renameReferences(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(member -> {
                JsonNode value = member.getValue();
                String key = member.getKey();
                if (value.isTextual() && (key.equals("datastore_name") || key.endsWith("_datastore_name"))) {
                    member.setValue(TextNode.valueOf(mapping.datastore(value.asText())));
                } else if (value.isTextual() && key.equals("connection_name")) {
                    member.setValue(TextNode.valueOf(mapping.connection(value.asText())));
                } else {
                    renameReferences(value);
                }
            });
        } else if (node instanceof ArrayNode array) {
            array.forEach(this::renameReferences);
        }
    }
}
