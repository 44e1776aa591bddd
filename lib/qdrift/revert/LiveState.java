package qdrift.revert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import qdrift.api.QualyticsClient;
import qdrift.cli.Log;
import qdrift.export.Exporter;
import qdrift.export.Snapshot;
import qdrift.export.SnapshotEntry;
import qdrift.model.Canonicalizer;
import qdrift.model.MapNameResolver;
import qdrift.model.ResourceType;
import qdrift.model.TenantData;
import qdrift.report.Origin.DatastoreRef;

/**
 * Live as a revert sees it: the export's canonical snapshot (read exactly as export.java reads it, nothing written),
 * plus the server id behind every file and the ids of names, which the calls need. References to datastores outside
 * the export start from what the export itself listed to name them ({@link Exporter.Outside}); any other is looked up
 * on demand.
 */
final class LiveState {
    private static final Pattern DUPLICATE_SUFFIX = Pattern.compile(".*__(\\d+)\\.yaml");

    private final QualyticsClient client;
    private final Snapshot snapshot;
    private final List<DatastoreRef> datastores;
    private final Map<String, Long> idsByFile = new TreeMap<>();
    private final Map<String, Long> connectionIds = new HashMap<>();
    private final Map<String, Long> datastoreIds = new HashMap<>();
    private final Map<String, Map<String, Long>> containerIds = new HashMap<>();
    /** The ids of the checks in force (not archived) by datastore and identity (stored uid and rule), from the raw read. */
    private final Map<String, List<Long>> checksByIdentity = new HashMap<>();
    private final Set<Long> checkIds = new HashSet<>();
    private boolean allDatastoresListed;
    private Map<String, String> filesById;
    /** Bodies parsed from the snapshot's rendered bytes, once per file (an entry's body() parses on every call). */
    private final Map<String, ObjectNode> bodies = new java.util.concurrent.ConcurrentHashMap<>();

    private LiveState(QualyticsClient client, Exporter.Export export) {
        this.client = client;
        this.snapshot = export.snapshot();
        this.datastores = export.datastores();
        index(export.raw());
        learnOutside(export.outside());
    }

    static LiveState read(QualyticsClient client, Log log, Exporter.Scope scope) {
        return new LiveState(client, new Exporter(client, log).keepingRaw().export(scope));
    }

    Snapshot snapshot() {
        return snapshot;
    }

    List<DatastoreRef> datastores() {
        return datastores;
    }

    /**
     * The canonical body of a live file, parsed once for the whole run (plan, staleness check, verification each
     * need it); null when live has no such file. The tree is shared: read it, copy it to change it
     * ({@link qdrift.model.CanonicalValues#normalizeObject} copies).
     */
    ObjectNode body(String file) {
        SnapshotEntry entry = snapshot.entries().get(file);
        return entry == null ? null : bodies.computeIfAbsent(file, f -> entry.body());
    }

    /** The server id of the resource a file holds, or null when live has no such file. */
    Long id(String file) {
        return idsByFile.get(file);
    }

    /** The file of the resource with this id and type, or null. */
    synchronized String fileOf(ResourceType type, long id) {
        if (filesById == null) {
            filesById = new HashMap<>();
            idsByFile.forEach((file, fileId) -> filesById.put(snapshot.entries().get(file).type().id() + ":" + fileId, file));
        }
        return filesById.get(type.id() + ":" + id);
    }

    /**
     * The ids of the live checks in force (not archived) of a datastore that hold this identity: the uid stored in
     * {@code additional_metadata} and the rule, as the lookup before a POST matches them. Read from the API's own
     * answer, since the snapshot gives each of two checks sharing a uid its own.
     */
    List<Long> checksHolding(String datastore, String uid, String rule) {
        return checksByIdentity.getOrDefault(identity(datastore, uid, rule), List.of()).stream().sorted().toList();
    }

    /** Whether live held a check with this id when it was read (archived or not). */
    boolean hasCheck(long id) {
        return checkIds.contains(id);
    }

    private static String identity(String datastore, String uid, String rule) {
        return datastore + "\0" + uid + "\0" + rule;
    }

    Long connectionId(String name) {
        return connectionIds.get(name);
    }

    synchronized Long datastoreId(String name) {
        Long id = datastoreIds.get(name);
        if (id == null && !allDatastoresListed) {
            client.datastores().forEach(d -> datastoreIds.putIfAbsent(d.path("name").asText(), d.path("id").asLong()));
            allDatastoresListed = true;
            id = datastoreIds.get(name);
        }
        return id;
    }

    /** The id of a container by datastore and container name; another datastore's containers are listed once. */
    synchronized Long containerId(String datastore, String container) {
        Map<String, Long> containers = containerIds.get(datastore);
        if (containers == null) {
            Long datastoreId = datastoreId(datastore);
            if (datastoreId == null) {
                return null;
            }
            Map<String, Long> listed = new HashMap<>();
            client.containerListing(datastoreId).forEach(c -> listed.putIfAbsent(c.path("name").asText(), c.path("id").asLong()));
            containerIds.put(datastore, listed);
            containers = listed;
        }
        return containers.get(container);
    }

    /**
     * The names the export read outside its datastores, as {@link #datastoreId} and {@link #containerId} would list
     * them (the same requests, in the same order of precedence): one read lists them once, not twice.
     */
    private void learnOutside(Exporter.Outside outside) {
        if (outside.datastores() != null) {
            outside.datastores().forEach(d -> datastoreIds.putIfAbsent(d.path("name").asText(), d.path("id").asLong()));
            allDatastoresListed = true;
        }
        Map<Long, String> names = new HashMap<>();
        datastoreIds.forEach((name, id) -> names.putIfAbsent(id, name));
        outside.containerListings().forEach((datastoreId, stubs) -> {
            String datastore = names.get(datastoreId);
            if (datastore == null || containerIds.containsKey(datastore)) {
                return; // not known by name here (looked up on demand), or one of the export's own
            }
            Map<String, Long> listed = new HashMap<>();
            stubs.forEach(c -> listed.putIfAbsent(c.path("name").asText(), c.path("id").asLong()));
            containerIds.put(datastore, listed);
        });
    }

    private void index(TenantData raw) {
        List<ObjectNode> allContainers = new ArrayList<>();
        raw.datastores().forEach(d -> allContainers.addAll(d.containers()));
        MapNameResolver names = MapNameResolver.fromRaw(raw.connections(),
                raw.datastores().stream().map(TenantData.DatastoreData::datastore).toList(), allContainers);
        Canonicalizer canonicalizer = new Canonicalizer(names);
        raw.connections().forEach(c -> connectionIds.put(c.path("name").asText(), c.path("id").asLong()));
        Map<String, Map<String, Long>> fieldIds = new HashMap<>();
        Map<String, Map<String, List<Long>>> checksByKey = new HashMap<>();
        Map<String, Set<Long>> checkIds = new HashMap<>();
        for (TenantData.DatastoreData data : raw.datastores()) {
            String datastore = data.datastore().path("name").asText();
            datastoreIds.put(datastore, data.datastore().path("id").asLong());
            Map<String, Long> containers = containerIds.computeIfAbsent(datastore, k -> new HashMap<>());
            for (ObjectNode container : data.containers()) {
                String name = container.path("name").asText();
                containers.put(name, container.path("id").asLong());
                for (JsonNode field : container.path("computed_fields")) {
                    fieldIds.computeIfAbsent(datastore + "\0" + name, k -> new HashMap<>())
                            .put(field.path("name").asText(), field.path("id").asLong());
                }
            }
            Map<String, List<Long>> byKey = checksByKey.computeIfAbsent(datastore, k -> new HashMap<>());
            for (ObjectNode check : data.checks()) {
                long id = check.path("id").asLong();
                byKey.computeIfAbsent(checkKey(canonicalizer.check(check)), k -> new ArrayList<>()).add(id);
                checkIds.computeIfAbsent(datastore, k -> new HashSet<>()).add(id);
                this.checkIds.add(id);
                String uid = check.path("additional_metadata").path(Canonicalizer.CHECK_UID_KEY).asText("");
                if (!uid.isEmpty() && !qdrift.export.ConfigurationInForce.isArchived(check)) {
                    String rule = check.path("rule_type").asText(check.path("rule").asText(""));
                    checksByIdentity.computeIfAbsent(identity(datastore, uid, rule), k -> new ArrayList<>()).add(id);
                }
            }
        }
        checksByKey.values().forEach(byKey -> byKey.values().forEach(ids -> ids.sort(null)));
        Set<Long> claimed = new HashSet<>();
        List<Map.Entry<String, SnapshotEntry>> plainChecks = new ArrayList<>();
        snapshot.entries().forEach((file, entry) -> {
            Long id = switch (entry.type()) {
                case CONNECTIONS -> connectionIds.get(entry.name());
                case DATASTORES -> datastoreIds.get(entry.name());
                case CONTAINERS -> containerIds.getOrDefault(entry.datastore(), Map.of()).get(entry.name());
                case COMPUTED_FIELDS -> fieldIds.getOrDefault(entry.datastore() + "\0" + entry.container(), Map.of()).get(entry.name());
                case CHECKS -> duplicateId(file, checkIds.getOrDefault(entry.datastore(), Set.of()));
            };
            if (entry.type() == ResourceType.CHECKS && id == null) {
                plainChecks.add(Map.entry(file, entry));
            } else if (id != null) {
                idsByFile.put(file, id);
                claimed.add(id);
            }
        });
        // the lowest id of checks alike keeps the plain file name (SnapshotBuilder): hand out ids in that order
        for (Map.Entry<String, SnapshotEntry> check : plainChecks) {
            List<Long> candidates = checksByKey.getOrDefault(check.getValue().datastore(), Map.of())
                    .getOrDefault(checkKey(body(check.getKey())), List.of());
            candidates.stream().filter(id -> !claimed.contains(id)).findFirst().ifPresent(id -> {
                idsByFile.put(check.getKey(), id);
                claimed.add(id);
            });
        }
    }

    /** The id in a duplicate check's file name ("between__zip__1000123.yaml"), when it is one of the datastore's checks. */
    private static Long duplicateId(String file, Set<Long> ids) {
        Matcher m = DUPLICATE_SUFFIX.matcher(file);
        if (m.matches() && m.group(1).length() < 19 && ids.contains(Long.parseLong(m.group(1)))) {
            return Long.parseLong(m.group(1));
        }
        return null;
    }

    /** What tells checks apart besides their id: container, rule and fields. */
    static String checkKey(JsonNode canonicalCheck) {
        return canonicalCheck.path("container").asText("") + "\0" + canonicalCheck.path("rule_type").asText("") + "\0"
                + Canonicalizer.names(canonicalCheck.get("fields"));
    }
}
