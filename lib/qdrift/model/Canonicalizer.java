//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns raw API JSON into the canonical, portable form of each resource, the form written to files:
 * server state dropped ({@link ServerFields}), ids replaced by names (keys as the official CLI's
 * {@code config import} reads them), sets sorted, secrets replaced by placeholders ({@link Secrets}) and values
 * normalised ({@link CanonicalValues}). Every shape a server version sends gives the same result.
 * A reference the resolver cannot name is kept as its id ({@code source_container_id: 150}), visibly not portable;
 * {@link ReferenceScan} tells the exporter which ids to look up first.
 */
public final class Canonicalizer {
    public static final String CHECK_UID_KEY = "_qualytics_check_uid";

    private final NameResolver names;

    public Canonicalizer(NameResolver names) {
        this.names = names;
    }

    public ObjectNode connection(JsonNode raw) {
        ObjectNode out = configuration(ResourceType.CONNECTIONS, raw, Set.of());
        Secrets.connection(out, raw, RawJson.text(raw, "name"));
        return CanonicalValues.normalizeObject(out);
    }

    public ObjectNode datastore(JsonNode raw) {
        ObjectNode out = configuration(ResourceType.DATASTORES, raw, Set.of("connection", "connection_id",
                "enrich_datastore", "enrich_datastore_id", "enrichment_datastore", "enrichment_datastore_id",
                "global_tags", "tags", "teams"));
        Long connectionId = RawJson.reference(raw, "connection");
        String connectionName = RawJson.embeddedName(raw, "connection");
        if (connectionName == null && connectionId != null) {
            connectionName = names.connectionName(connectionId);
        }
        putReference(out, "connection", connectionName, connectionId);
        // current servers say enrich_datastore, older ones enrichment_datastore: both mean the same setting
        for (String key : List.of("enrich_datastore", "enrichment_datastore")) {
            Long id = RawJson.reference(raw, key);
            String name = RawJson.embeddedName(raw, key);
            if (name != null || id != null) {
                putReference(out, "enrich_datastore", name != null ? name : names.datastoreName(id), id);
                break;
            }
        }
        putNames(out, "tags", tags(raw));
        putNames(out, "teams", raw.get("teams"));
        Secrets.replaceEverywhere(out, RawJson.text(raw, "name"));
        return CanonicalValues.normalizeObject(out);
    }

    /** A container without its computed fields; its own datastore is read from the raw {@code datastore(_id)}. */
    public ObjectNode container(JsonNode raw) {
        return container(raw, null);
    }

    /** As {@link #container(JsonNode)}, for list items that do not say which datastore they belong to. */
    public ObjectNode container(JsonNode raw, Long homeDatastoreId) {
        Long home = RawJson.reference(raw, "datastore");
        if (home == null) {
            home = homeDatastoreId;
        }
        ObjectNode out = configuration(ResourceType.CONTAINERS, raw, Set.of("datastore", "datastore_id",
                "source_container", "source_container_id", "left_container", "left_container_id",
                "right_container", "right_container_id", "left_datastore", "left_datastore_id",
                "right_datastore", "right_datastore_id", "sources", "global_tags", "tags"));
        String homeName = RawJson.embeddedName(raw, "datastore");
        if (homeName == null && home != null) {
            homeName = names.datastoreName(home);
        }
        out.put("datastore_name", homeName);
        containerReference(out, raw, "source_container", null, home);
        containerReference(out, raw, "left_container", "left_datastore", home);
        containerReference(out, raw, "right_container", "right_datastore", home);
        JsonNode sources = raw.get("sources");
        if (sources != null && sources.isArray()) {
            out.set("sources", sources(sources, home));
        }
        putNames(out, "tags", tags(raw));
        dropInternalMetadata(out);
        Secrets.replaceEverywhere(out, RawJson.text(raw, "name"));
        return CanonicalValues.normalizeObject(out);
    }

    public ObjectNode computedField(JsonNode raw) {
        ObjectNode out = configuration(ResourceType.COMPUTED_FIELDS, raw,
                Set.of("transformation_type", "transformation", "source_fields", "properties"));
        JsonNode transformation = raw.hasNonNull("transformation_type") ? raw.get("transformation_type")
                : raw.get("transformation");
        if (transformation != null) {
            out.set("transformation", transformation.deepCopy());
        }
        putNames(out, "source_fields", raw.get("source_fields"));
        out.set("properties", properties(raw.get("properties")));
        dropInternalMetadata(out);
        Secrets.replaceEverywhere(out, RawJson.text(raw, "name"));
        return CanonicalValues.normalizeObject(out);
    }

    /** A check, with {@code additional_metadata._qualytics_check_uid}: the stored one, else {@link #checkUid}. */
    public ObjectNode check(JsonNode raw) {
        ObjectNode out = configuration(ResourceType.CHECKS, raw, Set.of("rule", "container", "container_id",
                "fields", "global_tags", "tags", "properties"));
        if (!raw.hasNonNull("rule_type") && raw.hasNonNull("rule")) {
            out.set("rule_type", raw.get("rule").deepCopy());
        }
        Long containerId = RawJson.reference(raw, "container");
        String containerName = RawJson.embeddedName(raw, "container");
        if (containerName == null && raw.path("container").isTextual()) {
            containerName = raw.get("container").asText();
        }
        if (containerName == null && containerId != null) {
            containerName = names.containerName(containerId);
        }
        if (containerName != null) {
            out.put("container", containerName);
        } else if (containerId != null) {
            out.put("container_id", containerId);
        }
        TreeSet<String> fields = names(raw.get("fields"));
        putNames(out, "fields", raw.get("fields"));
        putNames(out, "tags", tags(raw));
        out.set("properties", properties(raw.get("properties")));
        dropInternalMetadata(out);
        // a check's description is required on writes, so "no description" is kept as "": one value with absent
        if (out.path("description").isTextual() && out.get("description").asText().isEmpty()) {
            out.remove("description");
        }
        ObjectNode metadata = out.has("additional_metadata") && out.get("additional_metadata").isObject()
                ? (ObjectNode) out.get("additional_metadata") : out.putObject("additional_metadata");
        if (!metadata.path(CHECK_UID_KEY).isTextual() || metadata.get(CHECK_UID_KEY).asText().isEmpty()) {
            String rule = out.path("rule_type").asText("");
            metadata.put(CHECK_UID_KEY, checkUid(containerName == null ? "" : containerName, rule, fields));
        }
        Secrets.replaceEverywhere(out, Slug.of(containerName == null ? "" : containerName) + "_"
                + out.path("rule_type").asText(""));
        return CanonicalValues.normalizeObject(out);
    }

    /** The official uid: {@code <container-slug>__<rule-slug>__<sorted field slugs joined by _>}. */
    public static String checkUid(String container, String ruleType, Iterable<String> fields) {
        return Slug.of(container) + "__" + checkFileStem(ruleType, fields);
    }

    /** The official check file stem: {@code <rule-slug>__<sorted field slugs joined by _>} (no fields: the rule). */
    public static String checkFileStem(String ruleType, Iterable<String> fields) {
        List<String> slugs = new ArrayList<>();
        new TreeSet<String>(toList(fields)).forEach(f -> slugs.add(Slug.of(f)));
        return Slug.of(ruleType) + (slugs.isEmpty() ? "" : "__" + String.join("_", slugs));
    }

    /** The names of a set-like list: {@code [{name: a}]} or {@code ["a"]}, sorted and without repeats. */
    public static TreeSet<String> names(JsonNode list) {
        TreeSet<String> result = new TreeSet<>();
        if (list != null && list.isArray()) {
            for (JsonNode element : list) {
                JsonNode name = element.isObject() ? element.get("name") : element;
                if (name != null && name.isValueNode() && !name.isNull()) {
                    result.add(name.asText());
                }
            }
        }
        return result;
    }

    private ObjectNode configuration(ResourceType type, JsonNode raw, Set<String> handledHere) {
        ObjectNode out = CanonicalValues.nodes().objectNode();
        String shape = ServerFields.shapeOf(type, raw);
        for (Iterator<Map.Entry<String, JsonNode>> it = raw.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            if (!handledHere.contains(key) && !ServerFields.isServerState(type, shape, key)) {
                out.set(key, field.getValue().deepCopy());
            }
        }
        return out;
    }

    private void containerReference(ObjectNode out, JsonNode raw, String key, String datastoreKey, Long home) {
        Long id = RawJson.reference(raw, key);
        String name = RawJson.embeddedName(raw, key);
        if (name == null && id != null) {
            name = names.containerName(id);
        }
        putReference(out, key, name, id);
        if (datastoreKey == null || (name == null && id == null)) {
            return;
        }
        Long datastoreId = RawJson.reference(raw, datastoreKey);
        if (datastoreId == null && raw.path(key).isObject()) {
            datastoreId = RawJson.reference(raw.get(key), "datastore");
        }
        if (datastoreId == null && id != null) {
            datastoreId = names.datastoreOfContainer(id);
        }
        if (datastoreId != null && !datastoreId.equals(home)) {
            String datastoreName = RawJson.embeddedName(raw, datastoreKey);
            putReference(out, datastoreKey, datastoreName != null ? datastoreName : names.datastoreName(datastoreId),
                    datastoreId);
        }
    }

    private ArrayNode sources(JsonNode rawSources, Long home) {
        List<ObjectNode> sources = new ArrayList<>();
        for (JsonNode source : rawSources) {
            if (!source.isObject()) {
                continue;
            }
            ObjectNode out = CanonicalValues.nodes().objectNode();
            source.fields().forEachRemaining(f -> {
                if (!Set.of("container", "container_id", "datastore", "datastore_id").contains(f.getKey())) {
                    out.set(f.getKey(), f.getValue().deepCopy());
                }
            });
            Long containerId = RawJson.reference(source, "container");
            String containerName = RawJson.embeddedName(source, "container");
            putReference(out, "container", containerName != null ? containerName
                    : containerId != null ? names.containerName(containerId) : null, containerId);
            Long datastoreId = RawJson.reference(source, "datastore");
            if (datastoreId == null && containerId != null) {
                datastoreId = names.datastoreOfContainer(containerId);
            }
            if (datastoreId != null && !datastoreId.equals(home)) {
                String datastoreName = RawJson.embeddedName(source, "datastore");
                putReference(out, "datastore", datastoreName != null ? datastoreName
                        : names.datastoreName(datastoreId), datastoreId);
            }
            sources.add(CanonicalValues.normalizeObject(out));
        }
        // joins are ordered by ordinal; the rest of the key only makes shuffled input sort the same way
        sources.sort(Comparator.comparing((ObjectNode s) -> s.path("ordinal").isNumber()
                        ? s.get("ordinal").decimalValue() : null, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(ObjectNode::toString));
        ArrayNode list = CanonicalValues.nodes().arrayNode();
        sources.forEach(list::add);
        return list;
    }

    /** properties with {@code ref_container_id}/{@code ref_datastore_id} (or embedded objects) as names. */
    private ObjectNode properties(JsonNode raw) {
        ObjectNode out = CanonicalValues.nodes().objectNode();
        if (raw == null || !raw.isObject()) {
            return out;
        }
        raw.fields().forEachRemaining(f -> {
            if (!Set.of("ref_container", "ref_container_id", "ref_datastore", "ref_datastore_id").contains(f.getKey())) {
                out.set(f.getKey(), f.getValue().deepCopy());
            }
        });
        Long containerId = RawJson.reference(raw, "ref_container");
        String containerName = RawJson.embeddedName(raw, "ref_container");
        putReference(out, "ref_container", containerName != null ? containerName
                : containerId != null ? names.containerName(containerId) : null, containerId);
        Long datastoreId = RawJson.reference(raw, "ref_datastore");
        String datastoreName = RawJson.embeddedName(raw, "ref_datastore");
        putReference(out, "ref_datastore", datastoreName != null ? datastoreName
                : datastoreId != null ? names.datastoreName(datastoreId) : null, datastoreId);
        return out;
    }

    /** Writes {@code <key>_name}, or the unresolved {@code <key>_id} when no name is known. */
    private static void putReference(ObjectNode out, String key, String name, Long id) {
        if (name != null) {
            out.put(key + "_name", name);
        } else if (id != null) {
            out.put(key + "_id", id);
        }
    }

    private static JsonNode tags(JsonNode raw) {
        ArrayNode all = CanonicalValues.nodes().arrayNode();
        for (String key : List.of("global_tags", "tags")) {
            JsonNode list = raw.get(key);
            if (list != null && list.isArray()) {
                all.addAll((ArrayNode) list);
            }
        }
        return all;
    }

    private static void putNames(ObjectNode out, String key, JsonNode list) {
        TreeSet<String> sorted = names(list);
        if (!sorted.isEmpty()) {
            ArrayNode array = out.putArray(key);
            sorted.forEach(array::add);
        } else {
            out.remove(key);
        }
    }

    private static void dropInternalMetadata(ObjectNode out) {
        JsonNode metadata = out.get("additional_metadata");
        if (metadata instanceof ObjectNode object) {
            object.remove(ServerFields.INTERNAL_METADATA_KEYS);
        }
    }

    private static List<String> toList(Iterable<String> values) {
        List<String> list = new ArrayList<>();
        values.forEach(list::add);
        return list;
    }
}
