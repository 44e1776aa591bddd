package qdrift.export;

import static qdrift.cli.Background.join;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import qdrift.api.QualyticsClient;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.cli.Progress;
import qdrift.model.MapNameResolver;
import qdrift.model.NameResolver;
import qdrift.model.ReferenceScan;
import qdrift.model.ResourceType;
import qdrift.model.Slug;
import qdrift.model.TenantData;
import qdrift.model.TenantData.DatastoreData;
import qdrift.report.FailedDatastore;
import qdrift.report.Origin.DatastoreRef;

/**
 * Reads everything an export needs from the API, then canonicalizes it into a Snapshot. Nothing is written here:
 * a failure half-way leaves no trace, which is what makes the folder sync atomic.
 */
public final class Exporter {
    private final QualyticsClient client;
    private final Log log;
    private final boolean keepRaw;

    public Exporter(QualyticsClient client, Log log) {
        this(client, log, false);
    }

    private Exporter(QualyticsClient client, Log log, boolean keepRaw) {
        this.client = client;
        this.log = log;
        this.keepRaw = keepRaw;
    }

    /** An exporter whose Export also holds the raw API JSON it read (revert needs the ids behind each file). */
    public Exporter keepingRaw() {
        return new Exporter(client, log, true);
    }

    /** What to export: explicit datastore ids, or every datastore the token can see (or one shard of them). */
    public record Scope(List<Long> datastoreIds, boolean allDatastores, Set<ResourceType> include, Shard shard) {
        public Scope(List<Long> datastoreIds, boolean allDatastores, Set<ResourceType> include) {
            this(datastoreIds, allDatastores, include, null);
        }

        public Scope {
            if (shard != null && !allDatastores) {
                throw Failure.usage("--shard splits --all-datastores between workers: add --all-datastores, "
                        + "or drop --shard and list the datastores with --datastore-id");
            }
        }
    }

    /**
     * The canonical snapshot and the datastores it covers (for the manifest and reports); raw only when kept; failed
     * lists the datastores that could not be read (the snapshot has nothing of theirs), ownership what this run may
     * delete in the folder.
     */
    public record Export(Snapshot snapshot, List<DatastoreRef> datastores, TenantData raw, List<FailedDatastore> failed,
                         Ownership ownership, Shard shard, Outside outside) {
        public Export(Snapshot snapshot, List<DatastoreRef> datastores) {
            this(snapshot, datastores, null);
        }

        public Export(Snapshot snapshot, List<DatastoreRef> datastores, TenantData raw) {
            this(snapshot, datastores, raw, List.of(), Ownership.ALL, null, Outside.NONE);
        }

        /** The export without the fields the export folder's server-fields file lists. */
        public Export without(qdrift.model.ServerFieldsFile serverFields) {
            return serverFields.isEmpty() ? this
                    : new Export(snapshot.without(serverFields), datastores, raw, failed, ownership, shard, outside);
        }

        public boolean partial() {
            return !failed.isEmpty();
        }

        /** Every datastore the run was about, checked or failed, sorted by id (the origin of its report). */
        public List<DatastoreRef> scope() {
            List<DatastoreRef> all = new ArrayList<>(datastores);
            failed.forEach(f -> all.add(new DatastoreRef(f.id(), f.name())));
            return partial() ? all.stream().sorted(java.util.Comparator.comparing(DatastoreRef::id)).toList() : datastores;
        }

        /** This export, when every datastore was read; else the first failure, as a run that cannot be partial fails. */
        public Export complete() {
            if (!partial()) {
                return this;
            }
            FailedDatastore first = failed.get(0);
            ExitCode code = java.util.Arrays.stream(ExitCode.values()).filter(c -> c.code() == first.exitCode())
                    .findFirst().orElse(ExitCode.API);
            throw new Failure(code, first.error());
        }

        /** The same export with failed datastores' unknown names taken from {@code names} (e.g. the committed manifest). */
        public Export withFailedNames(Map<Long, String> names) {
            List<FailedDatastore> named = failed.stream()
                    .map(f -> f.name() != null || !names.containsKey(f.id()) ? f
                            : new FailedDatastore(f.id(), names.get(f.id()), f.error(), f.exitCode()))
                    .toList();
            return new Export(snapshot, datastores, raw, named, ownership, shard, outside);
        }
    }

    /**
     * What an export read to name references outside its own datastores (a join's right container, an existsIn
     * check's reference): the tenant's datastore listing, when it was read (else null), and the container listings
     * of the datastores outside the export, by datastore id, in the API's order. Kept only by {@link #keepingRaw}.
     */
    public record Outside(List<ObjectNode> datastores, Map<Long, List<JsonNode>> containerListings) {
        public static final Outside NONE = new Outside(null, Map.of());

        public Outside {
            datastores = datastores == null ? null : List.copyOf(datastores);
            containerListings = Map.copyOf(containerListings);
        }
    }

    public Export export(Scope scope) {
        return export(scope, files -> { });
    }

    /**
     * As above; {@code ready} is given each datastore's files (relative path to bytes) as soon as they are final,
     * while the other datastores are still read (a {@link StagingAhead} writes them). What it is given is a subset of
     * the export's files with their very bytes, or nothing when the export takes the sequential path; it must not
     * throw, and it may be given the files of an export that fails later.
     */
    public Export export(Scope scope, java.util.function.Consumer<Map<String, byte[]>> ready) {
        ExecutorService readers = Executors.newCachedThreadPool(task -> daemon(task, "qdrift-export-reader"));
        // one datastore laid out at a time (its rendering still uses every core): two at once cost ~30 MB more peak RSS
        // at 50,000 checks, for no measurable time
        ExecutorService workers = Executors.newFixedThreadPool(1,
                task -> daemon(task, "qdrift-export-worker"));
        try {
            // the connections do not depend on the datastore listing: both go out at once
            CompletableFuture<List<ObjectNode>> connections = CompletableFuture.supplyAsync(client::connections, readers);
            Map<Long, String> listed = new LinkedHashMap<>();
            List<Long> ids;
            if (scope.allDatastores()) {
                client.datastores().stream().sorted(java.util.Comparator.comparingLong(d -> d.path("id").asLong()))
                        .forEach(d -> listed.put(d.path("id").asLong(), d.path("name").asText("")));
                ids = listed.keySet().stream().filter(id -> scope.shard() == null || scope.shard().owns(id)).toList();
                if (scope.shard() != null) {
                    log.info("shard " + scope.shard() + ": " + ids.size() + " of " + listed.size() + " datastores"
                            + (ids.isEmpty() ? "" : ": " + ids.stream().map(String::valueOf).collect(Collectors.joining(", "))));
                }
            } else {
                ids = List.copyOf(new LinkedHashSet<>(scope.datastoreIds()));
            }
            long started = System.nanoTime();
            try (Progress progress = Progress.start(log, () -> String.format("Reading the API: %d requests, %.1f s",
                    client.stats().requests(), (System.nanoTime() - started) / 1e9))) {
                return new Pipeline(scope, ids, listed, connections, readers, workers, ready).run();
            }
        } finally {
            readers.shutdownNow();
            workers.shutdownNow();
        }
    }

    /**
     * One datastore's files, canonicalized and rendered (each entry holds only its bytes: the datastore's JSON trees
     * are garbage from here on); absent when it refers to something outside the export.
     */
    private record LaidOut(Map<String, SnapshotEntry> entries) {
        Map<String, byte[]> bytes() {
            Map<String, byte[]> files = new java.util.HashMap<>();
            entries.forEach((path, entry) -> files.put(path, entry.bytes()));
            return files;
        }
    }

    /**
     * Reads every datastore at once (the client bounds the requests in flight): per datastore, its container details
     * and its checks are listed side by side, so a big tenant costs round trips in parallel, not in sequence. The
     * names a datastore's resources refer to are known from the container lists, which come long before the
     * container details; so each datastore is canonicalized and rendered as soon as its own data is in, while the
     * others are still being read. A datastore that refers to something the export does not cover (another
     * datastore's container, say) sends the whole export down the sequential path, which fetches those names.
     */
    private final class Pipeline {
        private final Scope scope;
        private final List<Long> ids;
        /** Every datastore of the tenant by id, with its name (--all-datastores), else empty. */
        private final Map<Long, String> listed;
        private final Map<Long, FailedDatastore> failed = new TreeMap<>();
        private final CompletableFuture<List<ObjectNode>> connections;
        private final ExecutorService readers;
        private final ExecutorService workers;
        private final PhaseTimer timer = new PhaseTimer(log);
        private Failure firstFailure;
        private final long started = System.nanoTime();
        private final java.util.function.Consumer<Map<String, byte[]>> ready;
        /** What {@link #resolveNames} read outside the export (kept for revert). */
        private Outside outside = Outside.NONE;

        Pipeline(Scope scope, List<Long> ids, Map<Long, String> listed, CompletableFuture<List<ObjectNode>> connections,
                ExecutorService readers, ExecutorService workers, java.util.function.Consumer<Map<String, byte[]>> ready) {
            this.ready = ready;
            this.scope = scope;
            this.ids = ids;
            this.listed = listed;
            this.connections = connections;
            this.readers = readers;
            this.workers = workers;
        }

        Export run() {
            boolean wantContainers = scope.include().contains(ResourceType.CONTAINERS)
                    || scope.include().contains(ResourceType.COMPUTED_FIELDS)
                    || scope.include().contains(ResourceType.CHECKS);
            boolean wantChecks = scope.include().contains(ResourceType.CHECKS);
            // checks need only the containers' names, which the list has: the details (one request per container)
            // are for container and computed-field files
            boolean wantDetails = scope.include().contains(ResourceType.CONTAINERS)
                    || scope.include().contains(ResourceType.COMPUTED_FIELDS);
            List<CompletableFuture<ObjectNode>> datastores = new ArrayList<>();
            List<CompletableFuture<List<ObjectNode>>> listings = new ArrayList<>();
            List<CompletableFuture<List<ObjectNode>>> details = new ArrayList<>();
            List<CompletableFuture<HeldChecks>> checks = new ArrayList<>();
            // each datastore's requests ranked by its place: the first datastores finish first and are laid out while
            // the later ones are read, instead of every datastore waiting for its last container at the very end
            for (int rank = 0; rank < ids.size(); rank++) {
                long id = ids.get(rank);
                int place = rank;
                datastores.add(CompletableFuture.supplyAsync(() -> client.datastore(id), readers));
                CompletableFuture<List<ObjectNode>> listing = wantContainers
                        ? CompletableFuture.supplyAsync(() -> QualyticsClient.ranked(place, () -> client.containers(id)), readers)
                        : CompletableFuture.completedFuture(List.of());
                listings.add(listing);
                details.add(listing.thenApplyAsync(list -> list.isEmpty() || !wantDetails ? list
                        : QualyticsClient.ranked(place, () -> client.containerDetails(list.stream().map(c -> c.path("id").asLong()).toList())), readers));
                // revert keeps the raw JSON anyway: its trees are not held as text
                checks.add(wantChecks ? CompletableFuture.supplyAsync(() -> QualyticsClient.ranked(place, () -> keepRaw
                                ? HeldChecks.of(client.qualityChecks(id), Integer.MAX_VALUE) : HeldChecks.of(client.qualityChecks(id))), readers)
                        : CompletableFuture.completedFuture(HeldChecks.of(List.of())));
            }

            // a datastore whose own requests fail (403 on its team, a 500 that outlasts the retries) is set aside and
            // reported; the others go on
            List<ObjectNode> rawConnections = join(connections);
            List<Integer> alive = new ArrayList<>();
            List<ObjectNode> rawDatastores = new ArrayList<>();
            List<ObjectNode> listedContainers = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                ObjectNode datastore;
                List<ObjectNode> containers;
                try {
                    datastore = join(datastores.get(i));
                    containers = join(listings.get(i));
                } catch (Failure failure) {
                    setAside(ids.get(i), null, failure);
                    continue;
                }
                alive.add(i);
                rawDatastores.add(datastore);
                for (ObjectNode container : containers) {
                    if (!container.has("datastore") && !container.has("datastore_id")) {
                        container.put("datastore_id", ids.get(i));
                    }
                    listedContainers.add(container);
                }
            }
            List<ObjectNode> connectionUsers = new ArrayList<>(rawDatastores);
            connectionUsers.addAll(foreignEnrichmentDatastores(rawDatastores, scope));
            // folder names count every datastore of the tenant, so a shard lays out its own as the unsharded run does
            Set<String> others = new TreeSet<>();
            Set<Long> aliveIds = alive.stream().map(ids::get).collect(Collectors.toSet());
            listed.forEach((id, name) -> {
                if (!aliveIds.contains(id)) {
                    others.add(name);
                }
            });
            MapNameResolver known = MapNameResolver.fromRaw(rawConnections, rawDatastores, listedContainers);
            List<JsonNode> top = new ArrayList<>(rawConnections);
            top.addAll(rawDatastores);
            boolean early = ReferenceScan.unresolved(top, known).isEmpty();

            SnapshotBuilder builder = new SnapshotBuilder(known, scope.include(), others);
            List<SnapshotBuilder.DatastoreSlot> slots = early ? null : List.of();
            if (early) {
                builder.addConnections(scopedConnections(rawConnections, connectionUsers, scope));
                slots = builder.addDatastores(rawDatastores);
            }
            // only the chain holds a datastore's raw JSON: once laid out, it is garbage (peak memory at 50,000 checks)
            List<CompletableFuture<Done>> done = new ArrayList<>();
            for (int j = 0; j < alive.size(); j++) {
                int i = alive.get(j);
                ObjectNode datastore = rawDatastores.get(j);
                SnapshotBuilder.DatastoreSlot slot = early ? slots.get(j) : null;
                done.add(details.get(i).thenCombine(checks.get(i), Read::new)
                        .thenApplyAsync(read -> {
                            // parsed back and laid out in one task: one datastore's trees at a time
                            DatastoreData data = read.open(datastore);
                            LaidOut laid = early ? layOut(builder, data, slot, known) : null;
                            if (laid != null) {
                                ready.accept(laid.bytes()); // final: no other datastore changes a name in it
                            }
                            return Done.of(data, laid).keeping(keepRaw ? data : null);
                        }, workers));
            }
            details.clear();
            checks.clear();

            List<Done> finished = new ArrayList<>();
            List<SnapshotBuilder.DatastoreSlot> finishedSlots = new ArrayList<>();
            Set<String> failedLate = new TreeSet<>();
            for (int j = 0; j < alive.size(); j++) {
                long id = ids.get(alive.get(j));
                Done read;
                try {
                    read = join(done.get(j));
                } catch (Failure failure) {
                    String name = rawDatastores.get(j).path("name").asText("");
                    setAside(id, name, failure);
                    failedLate.add(name);
                    continue;
                }
                log.info("Read datastore " + id + " (" + read.datastore().path("name").asText() + "): "
                        + read.containers() + " containers, " + read.checks() + " checks.");
                finished.add(read);
                if (early) {
                    finishedSlots.add(slots.get(j));
                }
            }
            done.clear();
            if (!failed.isEmpty() && finished.isEmpty()) {
                throw firstFailure; // nothing could be checked: the run fails as it always did, with that error
            }
            log.debug(String.format("timing: read the API %.2f s", (System.nanoTime() - started) / 1e9));
            others.addAll(failedLate);
            List<ObjectNode> checked = finished.stream().map(Done::datastore).toList();
            Set<String> failedSlots = early ? slots.stream().filter(slot -> failedLate.contains(slot.name()))
                    .map(SnapshotBuilder.DatastoreSlot::slug).collect(Collectors.toSet()) : Set.of();
            Snapshot snapshot = timer.time("canonicalize and render (after the read)", () -> {
                List<DatastoreData> unread = finished.stream().map(Done::raw).filter(raw -> raw != null).toList();
                if (!early) {
                    MapNameResolver names = timer.time("resolve references", () -> resolveNames(rawConnections, checked, unread, readers, this::keepOutside));
                    Snapshot laidOut = Snapshot.of(new TenantData(scopedConnections(rawConnections, connectionUsers, scope),
                            unread), names, scope.include(), others);
                    return Snapshot.ofRendered(laidOut.entries()).withWarnings(laidOut.warnings());
                }
                NameResolver full = unread.isEmpty() ? known
                        : known.orElse(timer.time("resolve references", () -> resolveNames(rawConnections, checked, unread, readers, this::keepOutside)));
                SnapshotBuilder resolved = new SnapshotBuilder(full, scope.include(), others);
                for (int k = 0; k < finished.size(); k++) {
                    Done part = finished.get(k);
                    LaidOut laid = part.laidOut() != null ? part.laidOut()
                            : layOut(resolved.datastoreContent(part.raw(), finishedSlots.get(k)));
                    builder.addAll(laid.entries());
                }
                // a datastore that failed after its own file was laid out leaves nothing behind
                builder.entries().keySet().removeIf(path -> inFolders(path, failedSlots));
                List<String> warnings = new ArrayList<>(builder.warnings());
                warnings.addAll(resolved.warnings());
                return Snapshot.ofRendered(builder.entries()).withWarnings(warnings);
            });
            List<DatastoreRef> refs = checked.stream()
                    .map(ds -> new DatastoreRef(ds.path("id").asLong(), ds.path("name").asText()))
                    .toList();
            TenantData raw = keepRaw ? new TenantData(rawConnections, finished.stream().map(Done::kept).toList()) : null;
            return new Export(snapshot, refs, raw, List.copyOf(failed.values()), ownership(checked, others), scope.shard(), outside);
        }

        /** Keeps what {@link #resolveNames} listed outside the export, for revert only (see {@link Outside}). */
        private void keepOutside(Outside read) {
            outside = keepRaw ? read : Outside.NONE;
        }

        /** Records a datastore that could not be read; anything but an API or permission failure still ends the run. */
        private void setAside(long id, String name, Failure failure) {
            if (failure.exitCode() != ExitCode.API && failure.exitCode() != ExitCode.AUTH) {
                throw failure;
            }
            if (firstFailure == null) {
                firstFailure = failure;
            }
            String known = name != null && !name.isEmpty() ? name : listed.get(id);
            failed.put(id, new FailedDatastore(id, known, failure.getMessage(), failure.exitCode().code()));
            // the caller says so (drift's report, export's error lines, compare-envs' failure): only --verbose here
            log.debug("datastore " + id + (known == null ? "" : " (" + known + ")") + " could not be read: "
                    + failure.getMessage());
        }

        /**
         * What this run may delete: its checked datastores' folders; the connections and the folders of deleted
         * datastores only when it covers the whole tenant (or is shard 1) and knows every failed datastore's folder.
         */
        private Ownership ownership(List<ObjectNode> checked, Set<String> others) {
            Set<String> names = new TreeSet<>(others);
            checked.forEach(ds -> names.add(ds.path("name").asText("")));
            Map<String, String> slugs = Slug.distinct(names);
            Set<String> own = checked.stream().map(ds -> slugs.get(ds.path("name").asText(""))).collect(Collectors.toSet());
            Set<String> foreign = others.stream().map(slugs::get).collect(Collectors.toSet());
            boolean tenantWide = scope.shard() == null || scope.shard().ownsTenantFiles();
            boolean folderUnknown = failed.values().stream().anyMatch(f -> f.name() == null || f.name().isEmpty())
                    || (!failed.isEmpty() && !scope.allDatastores());
            return new Ownership(tenantWide && !folderUnknown, own, foreign, tenantWide && !folderUnknown);
        }
    }

    private static boolean inFolders(String path, Set<String> datastoreSlugs) {
        return ExportLayout.identify(path).map(where -> datastoreSlugs.contains(where.datastoreSlug())).orElse(false);
    }

    /** A datastore's container details and checks, read. */
    private record Read(List<ObjectNode> containers, HeldChecks checks) {
        DatastoreData open(ObjectNode datastore) {
            return new DatastoreData(datastore, containers, checks.open());
        }
    }

    /** A datastore read: laid out when it could be, else its raw JSON for the sequential path. */
    private record Done(ObjectNode datastore, int containers, int checks, DatastoreData raw, LaidOut laidOut, DatastoreData kept) {
        static Done of(DatastoreData data, LaidOut laidOut) {
            return new Done(data.datastore(), data.containers().size(), data.checks().size(),
                    laidOut == null ? data : null, laidOut, null);
        }

        Done keeping(DatastoreData data) {
            return new Done(datastore, containers, checks, raw, laidOut, data);
        }
    }

    /** One datastore's files, or null when its resources refer to names {@code known} does not hold. */
    private static LaidOut layOut(SnapshotBuilder builder, DatastoreData data, SnapshotBuilder.DatastoreSlot slot,
            MapNameResolver known) {
        List<JsonNode> raws = new ArrayList<>(data.containers());
        raws.addAll(data.checks());
        if (!ReferenceScan.unresolved(raws, known).isEmpty()) {
            return null;
        }
        return layOut(builder.datastoreContent(data, slot));
    }

    private static LaidOut layOut(Map<String, SnapshotEntry> entries) {
        // rendering is pure CPU work per file: spread over the cores; the map is sorted again by the caller
        Map<String, SnapshotEntry> rendered = entries.entrySet().parallelStream()
                .collect(Collectors.toConcurrentMap(Map.Entry::getKey, e -> e.getValue().rendering()));
        entries.clear();
        return new LaidOut(rendered);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * The enrichment datastores that the exported datastores write to and the export does not hold itself, read
     * one request each: their connections belong to the export (the official export writes them too).
     */
    private List<ObjectNode> foreignEnrichmentDatastores(List<ObjectNode> datastores, Scope scope) {
        if (scope.allDatastores() || !scope.include().contains(ResourceType.CONNECTIONS)) {
            return List.of();
        }
        Set<Long> exported = datastores.stream().map(d -> d.path("id").asLong()).collect(Collectors.toSet());
        Set<Long> foreign = new TreeSet<>();
        for (JsonNode datastore : datastores) {
            for (String key : List.of("enrich_datastore", "enrichment_datastore")) {
                JsonNode embedded = datastore.path(key);
                JsonNode id = embedded.isObject() ? embedded.path("id") : datastore.path(key + "_id");
                if (id.canConvertToLong() && id.isIntegralNumber() && !exported.contains(id.asLong())) {
                    foreign.add(id.asLong());
                }
            }
        }
        List<ObjectNode> read = new ArrayList<>();
        for (long id : foreign) {
            try {
                read.add(client.datastore(id));
            } catch (Failure e) {
                log.warn("enrichment datastore " + id + " cannot be read (" + e.getMessage() + "): its connection is not exported");
            }
        }
        return read;
    }

    /** A datastore export covers the connections its datastores (and their enrichment datastores) use; --all-datastores every one. */
    private static List<ObjectNode> scopedConnections(List<ObjectNode> connections, List<ObjectNode> datastores, Scope scope) {
        if (scope.shard() != null && !scope.shard().ownsTenantFiles()) {
            return List.of();
        }
        if (scope.allDatastores()) {
            return connections;
        }
        Set<Long> used = new TreeSet<>();
        for (JsonNode datastore : datastores) {
            long id = datastore.has("connection_id") ? datastore.path("connection_id").asLong(-1)
                    : datastore.path("connection").path("id").asLong(-1);
            used.add(id);
        }
        return connections.stream().filter(c -> used.contains(c.path("id").asLong())).toList();
    }

    /**
     * Names for every id the resources refer to. References into datastores outside the export (a join's right
     * container, an existsIn check's reference) cost one datastore listing plus one container listing per foreign
     * datastore, all at once; a container whose datastore is not known costs one detail request. {@code listed} is
     * given what was listed.
     */
    private MapNameResolver resolveNames(List<ObjectNode> connections, List<ObjectNode> datastores,
            List<DatastoreData> contents, ExecutorService readers, java.util.function.Consumer<Outside> listed) {
        List<ObjectNode> containers = new ArrayList<>();
        List<JsonNode> raws = new ArrayList<>(connections);
        raws.addAll(datastores);
        for (DatastoreData ds : contents) {
            containers.addAll(ds.containers());
            raws.addAll(ds.containers());
            raws.addAll(ds.checks());
        }
        MapNameResolver names = MapNameResolver.fromRaw(connections, datastores, containers);
        ReferenceScan.Unresolved missing = ReferenceScan.unresolved(raws, names);
        if (missing.isEmpty()) {
            return names;
        }
        Set<Long> foreignDatastores = new TreeSet<>(missing.datastoreIds());
        raws.forEach(raw -> ReferenceScan.datastoreIds(raw).forEach(foreignDatastores::add));
        datastores.forEach(ds -> foreignDatastores.remove(ds.path("id").asLong()));
        // the datastore listing and the foreign container listings do not depend on each other: all go out at once
        CompletableFuture<List<ObjectNode>> allDatastores = missing.datastoreIds().isEmpty() ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(client::datastores, readers);
        Map<Long, CompletableFuture<List<JsonNode>>> listings = new LinkedHashMap<>();
        if (!missing.containerIds().isEmpty()) {
            foreignDatastores.forEach(id -> listings.put(id, CompletableFuture.supplyAsync(() -> {
                List<JsonNode> stubs = new ArrayList<>();
                client.containerListing(id).forEach(stubs::add);
                return stubs;
            }, readers)));
        }
        List<ObjectNode> listedDatastores = join(allDatastores);
        Map<Long, List<JsonNode>> containerListings = new LinkedHashMap<>();
        listings.forEach((id, listing) -> containerListings.put(id, join(listing)));
        if (listedDatastores != null) {
            listedDatastores.forEach(names::learnDatastore);
        }
        listed.accept(new Outside(listedDatastores, containerListings));
        if (!missing.containerIds().isEmpty()) {
            containerListings.forEach((datastoreId, stubs) -> {
                for (JsonNode stub : stubs) {
                    names.container(stub.path("id").asLong(), stub.path("name").asText(), datastoreId);
                }
            });
            List<Long> stillMissing = missing.containerIds().stream().filter(id -> names.containerName(id) == null).toList();
            if (!stillMissing.isEmpty()) {
                client.containerDetails(stillMissing).forEach(names::learnContainer);
            }
        }
        log.debug("resolved references outside the export: " + missing);
        return names;
    }
}
