package qdrift.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import qdrift.api.QualyticsClient;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
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

    /**
     * Reads every datastore at once (the client bounds the requests in flight): per datastore, its container details
     * and its checks are listed side by side, so a big tenant costs round trips in parallel, not in sequence.
     */
    private TenantData read(Scope scope) {
        List<Long> ids = scope.allDatastores() ? allDatastoreIds() : List.copyOf(new LinkedHashSet<>(scope.datastoreIds()));
        boolean wantContainers = scope.include().contains(ResourceType.CONTAINERS)
                || scope.include().contains(ResourceType.COMPUTED_FIELDS)
                || scope.include().contains(ResourceType.CHECKS);
        boolean wantChecks = scope.include().contains(ResourceType.CHECKS);
        ExecutorService readers = Executors.newCachedThreadPool(Exporter::daemon);
        try {
            CompletableFuture<List<ObjectNode>> connections = CompletableFuture.supplyAsync(client::connections, readers);
            Map<Long, CompletableFuture<ObjectNode>> datastores = new LinkedHashMap<>();
            Map<Long, CompletableFuture<List<ObjectNode>>> containers = new LinkedHashMap<>();
            Map<Long, CompletableFuture<List<ObjectNode>>> checks = new LinkedHashMap<>();
            for (long id : ids) {
                datastores.put(id, CompletableFuture.supplyAsync(() -> client.datastore(id), readers));
                containers.put(id, wantContainers ? CompletableFuture.supplyAsync(() -> containerDetails(id), readers)
                        : CompletableFuture.completedFuture(List.of()));
                checks.put(id, wantChecks ? CompletableFuture.supplyAsync(() -> client.qualityChecks(id), readers)
                        : CompletableFuture.completedFuture(List.of()));
            }
            List<DatastoreData> data = new ArrayList<>();
            for (long id : ids) {
                DatastoreData read = new DatastoreData(join(datastores.get(id)), join(containers.get(id)), join(checks.get(id)));
                log.info("Read datastore " + id + " (" + read.datastore().path("name").asText() + "): "
                        + read.containers().size() + " containers, " + read.checks().size() + " checks.");
                data.add(read);
            }
            return new TenantData(join(connections), data);
        } finally {
            readers.shutdownNow();
        }
    }

    private List<ObjectNode> containerDetails(long datastoreId) {
        List<Long> containerIds = client.containers(datastoreId).stream().map(c -> c.path("id").asLong()).toList();
        return client.containerDetails(containerIds);
    }

    /** The result, or the failure that ended the read (a Failure keeps its message and exit code). */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new Failure(ExitCode.INTERNAL, "internal error: " + e.getCause(), e.getCause());
        }
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "qdrift-export-reader");
        thread.setDaemon(true);
        return thread;
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
