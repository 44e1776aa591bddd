//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ids a raw resource refers to, so an exporter can look up what its {@link NameResolver} does not know yet
 * (a container of another datastore joined to, the datastore an existsIn check points at, ...) before
 * canonicalizing. Works on any raw resource: connection, datastore, container (with its computed fields) or check.
 */
public final class ReferenceScan {
    private static final List<String> CONTAINER_REFERENCES =
            List.of("source_container", "left_container", "right_container", "ref_container");
    private static final List<String> DATASTORE_REFERENCES = List.of("left_datastore", "right_datastore",
            "ref_datastore", "enrich_datastore", "enrichment_datastore", "datastore");

    /** What a resolver could not name: the ids to fetch before canonicalizing. */
    public record Unresolved(Set<Long> connectionIds, Set<Long> datastoreIds, Set<Long> containerIds) {
        public boolean isEmpty() {
            return connectionIds.isEmpty() && datastoreIds.isEmpty() && containerIds.isEmpty();
        }
    }

    private ReferenceScan() {
    }

    public static Set<Long> containerIds(JsonNode raw) {
        Set<Long> ids = new TreeSet<>();
        forEachObject(raw, node -> {
            CONTAINER_REFERENCES.forEach(key -> add(ids, RawJson.reference(node, key)));
            add(ids, RawJson.reference(node, "container"));
        });
        return ids;
    }

    public static Set<Long> datastoreIds(JsonNode raw) {
        Set<Long> ids = new TreeSet<>();
        forEachObject(raw, node -> DATASTORE_REFERENCES.forEach(key -> add(ids, RawJson.reference(node, key))));
        return ids;
    }

    public static Set<Long> connectionIds(JsonNode raw) {
        Set<Long> ids = new TreeSet<>();
        forEachObject(raw, node -> add(ids, RawJson.reference(node, "connection")));
        return ids;
    }

    /** The referenced ids of all {@code raws} that {@code names} cannot name. */
    public static Unresolved unresolved(Collection<? extends JsonNode> raws, NameResolver names) {
        Set<Long> connections = new TreeSet<>();
        Set<Long> datastores = new TreeSet<>();
        Set<Long> containers = new TreeSet<>();
        for (JsonNode raw : raws) {
            connectionIds(raw).stream().filter(id -> names.connectionName(id) == null).forEach(connections::add);
            datastoreIds(raw).stream().filter(id -> names.datastoreName(id) == null).forEach(datastores::add);
            containerIds(raw).stream().filter(id -> names.containerName(id) == null).forEach(containers::add);
        }
        return new Unresolved(Collections.unmodifiableSet(connections), Collections.unmodifiableSet(datastores),
                Collections.unmodifiableSet(containers));
    }

    /** Visits the object and every object nested in it (sources[], properties, computed_fields[].properties, ...). */
    private static void forEachObject(JsonNode node, java.util.function.Consumer<JsonNode> visit) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            visit.accept(node);
        }
        if (node.isContainerNode()) {
            node.forEach(child -> forEachObject(child, visit));
        }
    }

    private static void add(Set<Long> ids, Long id) {
        if (id != null) {
            ids.add(id);
        }
    }
}
