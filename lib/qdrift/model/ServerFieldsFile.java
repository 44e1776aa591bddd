//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

/**
 * Extra server-managed fields, listed by the user in {@value #NAME} at the root of the export folder, next to
 * .driftignore (the export never writes or deletes it): what {@link ServerFields} would say after a source edit.
 * <pre>
 * checks: [last_editor, is_monitored]     # top-level fields, or dotted paths into objects: properties.x
 * "*": [sync_token]                       # every type
 * </pre>
 * The listed fields are dropped from every exported body, so they never reach the files nor the comparison.
 */
public final class ServerFieldsFile {
    public static final String NAME = ".qualytics-server-fields.yaml";
    private static final String ANY = "*";

    private final Map<ResourceType, List<String>> fields;

    private ServerFieldsFile(Map<ResourceType, List<String>> fields) {
        this.fields = fields;
    }

    public static ServerFieldsFile none() {
        return new ServerFieldsFile(new EnumMap<>(ResourceType.class));
    }

    /** Reads exportFolder/{@value #NAME} when it exists; a broken file is an input failure naming it. */
    public static ServerFieldsFile load(Path exportFolder) {
        Path file = exportFolder.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return none();
        }
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw Failure.io("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static ServerFieldsFile parse(byte[] yaml, String source) {
        JsonNode root = CanonicalYaml.read(yaml, source);
        Map<ResourceType, List<String>> fields = new EnumMap<>(ResourceType.class);
        if (root == null || root.isNull() || root.isMissingNode()) {
            return new ServerFieldsFile(fields);
        }
        if (!root.isObject()) {
            throw broken(source, "it must map a type (or \"*\") to a list of field names, e.g. checks: [last_editor]");
        }
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            List<ResourceType> types = new ArrayList<>();
            if (ANY.equals(entry.getKey())) {
                types.addAll(List.of(ResourceType.values()));
            } else {
                try {
                    types.add(ResourceType.fromId(entry.getKey()));
                } catch (Failure e) {
                    throw broken(source, "unknown type '" + entry.getKey() + "': use " + ResourceType.allIds() + " or \"*\"");
                }
            }
            List<String> names = names(entry.getValue(), source, entry.getKey());
            for (ResourceType type : types) {
                Set<String> merged = new LinkedHashSet<>(fields.getOrDefault(type, List.of()));
                merged.addAll(names);
                fields.put(type, List.copyOf(merged));
            }
        }
        return new ServerFieldsFile(fields);
    }

    public boolean isEmpty() {
        return fields.values().stream().allMatch(List::isEmpty);
    }

    public List<String> fields(ResourceType type) {
        return fields.getOrDefault(type, List.of());
    }

    /** The body without the listed fields of its type, or the body itself when it holds none of them. */
    public ObjectNode strip(ResourceType type, ObjectNode body) {
        ObjectNode copy = null;
        for (String path : fields(type)) {
            if (holds(body, path)) {
                if (copy == null) {
                    copy = body.deepCopy();
                }
                remove(copy, path);
            }
        }
        return copy == null ? body : copy;
    }

    private static boolean holds(JsonNode body, String path) {
        JsonNode node = body;
        for (String key : path.split("\\.")) {
            if (node == null || !node.isObject()) {
                return false;
            }
            node = node.get(key);
        }
        return node != null;
    }

    private static void remove(ObjectNode body, String path) {
        String[] keys = path.split("\\.");
        JsonNode node = body;
        for (int i = 0; i < keys.length - 1; i++) {
            node = node.get(keys[i]);
        }
        ((ObjectNode) node).remove(keys[keys.length - 1]);
    }

    private static List<String> names(JsonNode list, String source, String key) {
        List<JsonNode> items = new ArrayList<>();
        if (list.isTextual()) {
            items.add(list);
        } else if (list.isArray()) {
            list.forEach(items::add);
        } else if (!list.isNull()) {
            throw broken(source, "'" + key + "' must list field names, e.g. " + key + ": [last_editor]");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isTextual() || item.asText().isBlank() || item.asText().startsWith(".") || item.asText().endsWith(".")) {
                throw broken(source, "'" + key + "' lists " + item + ", not a field name");
            }
            names.add(item.asText().trim());
        }
        return names;
    }

    private static Failure broken(String source, String what) {
        return new Failure(ExitCode.IO, source + " is not a valid server-fields file: " + what);
    }
}
