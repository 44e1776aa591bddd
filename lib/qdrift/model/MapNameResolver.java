//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link NameResolver} over names held in memory, usually built from raw API connections, datastores and containers. */
public final class MapNameResolver implements NameResolver {
    private final Map<Long, String> connections = new HashMap<>();
    private final Map<Long, String> datastores = new HashMap<>();
    private final Map<Long, String> containers = new HashMap<>();
    private final Map<Long, Long> containerDatastores = new HashMap<>();

    public MapNameResolver() {
    }

    /** Learns every id/name pair of the given raw resources (containers also teach which datastore they belong to). */
    public static MapNameResolver fromRaw(List<? extends JsonNode> connections, List<? extends JsonNode> datastores,
            List<? extends JsonNode> containers) {
        MapNameResolver resolver = new MapNameResolver();
        connections.forEach(resolver::learnConnection);
        datastores.forEach(resolver::learnDatastore);
        containers.forEach(resolver::learnContainer);
        return resolver;
    }

    public MapNameResolver connection(long id, String name) {
        connections.put(id, name);
        return this;
    }

    public MapNameResolver datastore(long id, String name) {
        datastores.put(id, name);
        return this;
    }

    public MapNameResolver container(long id, String name, Long datastoreId) {
        containers.put(id, name);
        if (datastoreId != null) {
            containerDatastores.put(id, datastoreId);
        }
        return this;
    }

    public void learnConnection(JsonNode raw) {
        Long id = RawJson.id(raw);
        String name = RawJson.text(raw, "name");
        if (id != null && name != null) {
            connection(id, name);
        }
    }

    public void learnDatastore(JsonNode raw) {
        Long id = RawJson.id(raw);
        String name = RawJson.text(raw, "name");
        if (id != null && name != null) {
            datastore(id, name);
        }
        JsonNode connection = raw.path("connection");
        if (connection.isObject()) {
            learnConnection(connection);
        }
    }

    public void learnContainer(JsonNode raw) {
        Long id = RawJson.id(raw);
        String name = RawJson.text(raw, "name");
        Long datastoreId = RawJson.reference(raw, "datastore");
        if (id != null && name != null) {
            container(id, name, datastoreId);
        }
        JsonNode datastore = raw.path("datastore");
        if (datastore.isObject()) {
            learnDatastore(datastore);
        }
    }

    @Override
    public String datastoreName(long id) {
        return datastores.get(id);
    }

    @Override
    public String containerName(long id) {
        return containers.get(id);
    }

    @Override
    public String connectionName(long id) {
        return connections.get(id);
    }

    @Override
    public Long datastoreOfContainer(long containerId) {
        return containerDatastores.get(containerId);
    }
}
