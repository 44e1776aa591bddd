package qdrift.revert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import qdrift.model.ResourceType;
import qdrift.model.Secrets;
import qdrift.model.WriteSchema;

/**
 * The JSON bodies of the write calls, from a resource's canonical form in Git: every key the write accepts is sent,
 * with an explicit null, [] or {} where Git has nothing (a PUT must clear what the UI set, and an absent key would
 * keep the live value), and names become ids. Secrets never come from Git: a {@code ${PLACEHOLDER}} is sent only
 * when its environment variable is set (and then filled in only as the call goes out); otherwise the key is left out
 * and the live secret stays as it is.
 */
final class WriteBodies {
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** The keys each type's write call takes besides those a resource has, with the empty value each clears to. */
    private static final Map<ResourceType, Map<String, JsonNode>> WRITE_KEYS = Map.of(
            ResourceType.CHECKS, Map.of("fields", NODES.arrayNode(),
                    "coverage", NODES.nullNode(), "filter", NODES.nullNode(), "properties", NODES.objectNode(),
                    "tags", NODES.arrayNode(), "additional_metadata", NODES.objectNode(), "status", NODES.nullNode(),
                    "anomaly_message_field", NODES.nullNode()),
            ResourceType.COMPUTED_FIELDS, Map.of("transformation", NODES.nullNode(), "source_fields", NODES.nullNode(),
                    "properties", NODES.objectNode(), "additional_metadata", NODES.objectNode()),
            ResourceType.CONTAINERS, Map.of("additional_metadata", NODES.objectNode(), "tags", NODES.arrayNode()),
            ResourceType.DATASTORES, Map.of("database", NODES.nullNode(), "schema", NODES.nullNode(),
                    "tags", NODES.arrayNode(), "teams", NODES.arrayNode()),
            ResourceType.CONNECTIONS, Map.of());

    /** File keys whose API key has another name (references by name become ids). */
    private static final Map<String, String> WIRE_NAMES = Map.of("rule_type", "rule", "container", "container_id",
            "datastore_name", "datastore_id", "connection_name", "connection_id", "source_container_name", "source_container_id",
            "left_container_name", "left_container_id", "right_container_name", "right_container_id");

    /**
     * File keys that say what a resource is or hangs on rather than how it is set up: never named as ignored (a change
     * to one is a different resource, or, for a computed container's sources, a skip the planner explains), and the
     * enrichment link, which has its own calls.
     */
    static final Set<String> IDENTITY = Set.of("rule_type", "container", "datastore_name", "container_type",
            "source_container_name", "left_container_name", "right_container_name", "left_datastore_name",
            "right_datastore_name", "enrich_datastore_name");

    /** A body, what the plan should say about it, and the secrets it leaves out (left as they are live). */
    record Body(ObjectNode json, List<String> notes, List<SecretPolicy.Withheld> withheld) {
    }

    private final References refs;
    private final SecretPolicy secrets;

    WriteBodies(References refs, SecretPolicy secrets) {
        this.refs = refs;
        this.secrets = secrets;
    }

    /**
     * The body of a create (POST, {@code create}) or a full update (PUT) of a resource in {@code datastore} (and, for a
     * computed field, {@code container}): {@code after} is Git's canonical form, {@code before} live's (null if none).
     */
    Body body(ResourceType type, String datastore, String container, ObjectNode after, ObjectNode before, boolean create) {
        WriteSchema.Model model = WriteSchema.of(type, after, create)
                .orElseThrow(() -> new IllegalStateException("the API has no " + (create ? "create" : "update") + " of this " + type.id()));
        ObjectNode json = after.deepCopy();
        WRITE_KEYS.get(type).forEach((key, empty) -> {
            if (!json.has(key)) {
                json.set(key, empty.deepCopy());
            }
        });
        if (before != null) {
            before.fields().forEachRemaining(field -> {
                if (!json.has(field.getKey()) && !Secrets.isSecretKey(field.getKey())) {
                    json.set(field.getKey(), emptyLike(field.getValue()));
                }
            });
        }
        List<String> notes = new ArrayList<>();
        switch (type) {
            case CHECKS -> check(json, datastore, create, notes);
            case COMPUTED_FIELDS -> computedField(json, datastore, container, create);
            case CONTAINERS -> container(json, datastore, create);
            case DATASTORES -> datastore(json, create, notes);
            case CONNECTIONS -> {
            }
        }
        // a new container's tags go in the PATCH /api/containers that follows its POST (the planner moves them there)
        JsonNode tags = type == ResourceType.CONTAINERS && create ? json.get("tags") : null;
        json.retain(model.keys());
        if (tags != null) {
            json.set("tags", tags);
        }
        List<String> ignored = ignored(after, model).stream().filter(key -> tags == null || !key.equals("tags")).toList();
        if (!ignored.isEmpty()) {
            notes.add("ignored (not in " + model.name() + ", so not sent): " + String.join(", ", ignored));
        }
        List<SecretPolicy.Withheld> withheld = secrets.review(type, after, before, json, notes);
        return new Body(json, notes, withheld);
    }

    /** The keys of Git's file that the write model has no place for, in the file's names (identity keys aside). */
    static List<String> ignored(ObjectNode after, WriteSchema.Model model) {
        List<String> ignored = new ArrayList<>();
        for (String key : keys(after)) {
            if (!writable(key, model) && !IDENTITY.contains(key)) {
                ignored.add(key);
            }
        }
        return ignored;
    }

    /** Whether a file key reaches the body of this model (under its API name). */
    static boolean writable(String fileKey, WriteSchema.Model model) {
        return model.accepts(WIRE_NAMES.getOrDefault(fileKey, fileKey));
    }

    private void check(ObjectNode json, String datastore, boolean create, List<String> notes) {
        // profiling sets inferred; the API takes it from no body (a PUT keeps it, a new check is not inferred)
        if (create && json.path("inferred").asBoolean(false)) {
            notes.add("inferred is set by profiling, not through the API: the new check will not say inferred");
        }
        json.remove("inferred");
        // the API requires a description; the server keeps "no description" as an empty one
        JsonNode description = json.get("description");
        if (description == null || description.isNull()) {
            json.put("description", "");
            notes.add("description: Git has none, sent as \"\" (the API requires one; \"\" is how the server keeps none)");
        }
        String container = text(json.remove("container"));
        JsonNode rule = json.remove("rule_type");
        if (create) {
            json.set("container_id", required(refs.container(datastore, container), "container", container));
            json.set("rule", rule);
        }
        properties(json, datastore);
    }

    private void computedField(ObjectNode json, String datastore, String container, boolean create) {
        if (create) {
            json.set("container_id", required(refs.container(datastore, container), "container", container));
        }
        properties(json, datastore);
    }

    private void container(ObjectNode json, String datastore, boolean create) {
        json.remove("datastore_name");
        if (create) {
            json.set("datastore_id", required(refs.datastore(datastore), "datastore", datastore));
        }
        for (String side : List.of("source_container", "left_container", "right_container")) {
            String datastoreKey = side.replace("_container", "_datastore");
            containerReference(json, side, datastoreKey, datastore);
        }
        if (json.get("sources") instanceof ArrayNode sources) {
            for (JsonNode source : sources) {
                if (source instanceof ObjectNode object) {
                    containerReference(object, "container", "datastore", datastore);
                }
            }
        }
    }

    /**
     * The enrichment link is not a datastore key: the planner links and unlinks it with its own calls. A new datastore
     * asks for its catalog at once (trigger_sync, as the official CLI does), which brings its tables back.
     */
    private void datastore(ObjectNode json, boolean create, List<String> notes) {
        if (create) {
            json.put("trigger_sync", true);
            notes.add("trigger_sync: the new datastore's catalog starts at once and finds its tables and views in the source database");
        }
        if (json.has("connection_name")) {
            String name = text(json.remove("connection_name"));
            json.set("connection_id", required(refs.connection(name), "connection", name));
        }
        json.remove("enrich_datastore_name");
    }

    /** The live id of the enrichment datastore Git names (an Unresolvable when it exists nowhere). */
    JsonNode enrichmentId(String name) {
        return required(refs.datastore(name), "datastore", name);
    }

    /** {@code ref_container_name} (+ {@code ref_datastore_name}) inside properties become ids. */
    private void properties(ObjectNode json, String datastore) {
        if (json.get("properties") instanceof ObjectNode properties) {
            String refDatastore = text(properties.get("ref_datastore_name"));
            if (properties.has("ref_container_name")) {
                String name = text(properties.remove("ref_container_name"));
                String home = refDatastore != null ? refDatastore : datastore;
                properties.set("ref_container_id", required(refs.container(home, name), "container", home + "/" + name));
            }
            if (properties.has("ref_datastore_name")) {
                properties.remove("ref_datastore_name");
                properties.set("ref_datastore_id", required(refs.datastore(refDatastore), "datastore", refDatastore));
            }
        }
    }

    /** {@code <key>_name} (+ {@code <datastoreKey>_name} across datastores) become {@code <key>_id}, null stays null. */
    private void containerReference(ObjectNode json, String key, String datastoreKey, String home) {
        if (!json.has(key + "_name")) {
            return;
        }
        String name = text(json.remove(key + "_name"));
        String otherDatastore = text(json.remove(datastoreKey + "_name"));
        String datastore = otherDatastore != null ? otherDatastore : home;
        json.set(key + "_id", name == null ? NODES.nullNode() : required(refs.container(datastore, name), "container", datastore + "/" + name));
        if (otherDatastore != null) {
            json.set(datastoreKey + "_id", required(refs.datastore(otherDatastore), "datastore", otherDatastore));
        }
    }

    /** Every secret variable a body needs at send time. */
    static Set<String> variables(JsonNode node) {
        Set<String> names = new TreeSet<>();
        collect(node, null, names);
        return names;
    }

    private static void collect(JsonNode node, String key, Set<String> names) {
        if (node == null) {
            return;
        }
        if (node.isTextual() && key != null && Secrets.isSecretKey(key)) {
            Matcher m = PLACEHOLDER.matcher(node.asText());
            if (m.matches()) {
                names.add(m.group(1));
            }
        }
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(f -> collect(f.getValue(), f.getKey(), names));
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> collect(element, null, names));
        }
    }

    private static JsonNode required(JsonNode id, String what, String name) {
        if (id == null) {
            throw new Unresolvable("refers to " + what + " '" + name + "', which exists neither live nor in this plan");
        }
        return id;
    }

    private static JsonNode emptyLike(JsonNode value) {
        return value.isArray() ? NODES.arrayNode() : value.isObject() ? NODES.objectNode() : NODES.nullNode();
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Set<String> keys(ObjectNode object) {
        Set<String> keys = new TreeSet<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
