package qdrift.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import qdrift.api.QualyticsClient;
import qdrift.cli.Log;
import qdrift.model.MapNameResolver;
import qdrift.model.ReferenceScan;
import qdrift.model.ResourceType;
import qdrift.model.TenantData;
import qdrift.model.TenantData.DatastoreData;
import qdrift.report.Origin.DatastoreRef;

/**
 * Reads everything an export needs from the API, then canonicalizes it into a Snapshot. Nothing is written here:
 * a failure half-way leaves no trace, which is what makes the folder sync atomic.
 */
public final class Exporter {
    private final QualyticsClient client;
    private final Log log;

    public Exporter(QualyticsClient client, Log log) {
        this.client = client;
        this.log = log;
    }

    /** What to export: explicit datastore ids, or every datastore the token can see. */
    public record Scope(List<Long> datastoreIds, boolean allDatastores, Set<ResourceType> include) {
    }

    /** The canonical snapshot and the datastores it covers (for the manifest and reports). */
    public record Export(Snapshot snapshot, List<DatastoreRef> datastores) {
    }

    public Export export(Scope scope) {
        PhaseTimer timer = new PhaseTimer(log);
        TenantData data = timer.time("read the API", () -> read(scope));
        MapNameResolver names = timer.time("resolve references", () -> resolveNames(data));
        Snapshot snapshot = timer.time("canonicalize", () -> Snapshot.of(scopedConnections(data, scope), names, scope.include()));
        List<DatastoreRef> refs = data.datastores().stream()
                .map(ds -> new DatastoreRef(ds.datastore().path("id").asLong(), ds.datastore().path("name").asText()))
                .toList();
        return new Export(snapshot, refs);
    }

    private TenantData read(Scope scope) {
        List<Long> ids = scope.allDatastores() ? allDatastoreIds() : scope.datastoreIds();
        boolean wantContainers = scope.include().contains(ResourceType.CONTAINERS)
                || scope.include().contains(ResourceType.COMPUTED_FIELDS)
                || scope.include().contains(ResourceType.CHECKS);
        boolean wantChecks = scope.include().contains(ResourceType.CHECKS);

        List<DatastoreData> datastores = new ArrayList<>();
        for (long id : new LinkedHashSet<>(ids)) {
            ObjectNode datastore = client.datastore(id);
            log.info("Reading datastore " + id + " (" + datastore.path("name").asText() + ")...");
            List<ObjectNode> containers = List.of();
            if (wantContainers) {
                List<Long> containerIds = client.containers(id).stream().map(c -> c.path("id").asLong()).toList();
                containers = client.containerDetails(containerIds);
            }
            List<ObjectNode> checks = wantChecks ? client.qualityChecks(id) : List.of();
            datastores.add(new DatastoreData(datastore, containers, checks));
        }
        return new TenantData(client.connections(), datastores);
    }

    private List<Long> allDatastoreIds() {
        return client.datastores().stream().map(d -> d.path("id").asLong()).sorted().toList();
    }

    /** A datastore export covers the connections its datastores use; --all-datastores covers every connection. */
    private static TenantData scopedConnections(TenantData data, Scope scope) {
        if (scope.allDatastores()) {
            return data;
        }
        Set<Long> used = new TreeSet<>();
        for (DatastoreData ds : data.datastores()) {
            JsonNode datastore = ds.datastore();
            long id = datastore.has("connection_id") ? datastore.path("connection_id").asLong(-1)
                    : datastore.path("connection").path("id").asLong(-1);
            used.add(id);
        }
        List<ObjectNode> connections = data.connections().stream()
                .filter(c -> used.contains(c.path("id").asLong()))
                .toList();
        return new TenantData(connections, data.datastores());
    }

    /**
     * Names for every id the resources refer to. References into datastores outside the export (a join's right
     * container, an existsIn check's reference) cost one datastore listing plus one container listing per foreign
     * datastore; a container whose datastore is not known costs one detail request.
     */
    private MapNameResolver resolveNames(TenantData data) {
        List<ObjectNode> containers = new ArrayList<>();
        List<JsonNode> raws = new ArrayList<>(data.connections());
        for (DatastoreData ds : data.datastores()) {
            containers.addAll(ds.containers());
            raws.add(ds.datastore());
            raws.addAll(ds.containers());
            raws.addAll(ds.checks());
        }
        MapNameResolver names = MapNameResolver.fromRaw(data.connections(), data.datastores().stream().map(DatastoreData::datastore).toList(), containers);
        ReferenceScan.Unresolved missing = ReferenceScan.unresolved(raws, names);
        if (missing.isEmpty()) {
            return names;
        }
        Set<Long> foreignDatastores = new TreeSet<>(missing.datastoreIds());
        raws.forEach(raw -> ReferenceScan.datastoreIds(raw).forEach(foreignDatastores::add));
        data.datastores().forEach(ds -> foreignDatastores.remove(ds.datastore().path("id").asLong()));
        if (!missing.datastoreIds().isEmpty()) {
            client.datastores().forEach(names::learnDatastore);
        }
        if (!missing.containerIds().isEmpty()) {
            for (long datastoreId : foreignDatastores) {
                for (JsonNode stub : client.containerListing(datastoreId)) {
                    names.container(stub.path("id").asLong(), stub.path("name").asText(), datastoreId);
                }
            }
            List<Long> stillMissing = missing.containerIds().stream().filter(id -> names.containerName(id) == null).toList();
            if (!stillMissing.isEmpty()) {
                client.containerDetails(stillMissing).forEach(names::learnContainer);
            }
        }
        log.debug("resolved references outside the export: " + missing);
        return names;
    }
}
