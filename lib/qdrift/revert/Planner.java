package qdrift.revert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import qdrift.export.ConfigurationInForce;
import qdrift.export.SnapshotEntry;
import qdrift.model.CanonicalValues;
import qdrift.api.WriteRoles;
import qdrift.model.ResourceType;
import qdrift.model.WriteSchema;
import qdrift.report.FieldChange;
import qdrift.report.FieldDiff;
import qdrift.report.SecretMask;

/**
 * Compares Git with live, file by file on the canonical form (absent, null and empty are one value, so it works for
 * either export format), and decides per selected resource what to do and with which calls. Resources are listed in
 * the order apply handles them: connections, datastores, containers, computed fields, checks; then archives and
 * deletions in the reverse order.
 */
final class Planner {
    static final Comparator<PlannedResource> APPLY_ORDER = Comparator
            .comparing((PlannedResource r) -> r.action().removes())
            .thenComparing(r -> r.action().removes() ? -typeOrder(r.type()) : typeOrder(r.type()))
            .thenComparing(PlannedResource::file);

    private final GitState git;
    private final LiveState live;
    private final Selection selection;
    private final boolean delete;
    private final boolean allDatastores;
    private final SecretPolicy secrets;
    /** Git's containers by datastore and name, for references to a container the same apply recreates. */
    private final Map<String, String> gitContainerFiles = new TreeMap<>();
    private final Set<String> recreatedContainers = new HashSet<>();
    /** Connections and datastores this plan recreates, by name, with their files (their new ids are {"$ref": file}). */
    private final Map<String, String> recreatedConnections = new TreeMap<>();
    private final Map<String, String> recreatedDatastores = new TreeMap<>();

    Planner(GitState git, LiveState live, Selection selection, boolean delete, boolean allDatastores, SecretPolicy secrets) {
        this.git = git;
        this.allDatastores = allDatastores;
        this.live = live;
        this.selection = selection;
        this.delete = delete;
        this.secrets = secrets;
        git.snapshot().entries().forEach((file, entry) -> {
            if (entry.type() == ResourceType.CONTAINERS) {
                gitContainerFiles.put(entry.datastore() + "\0" + entry.name(), file);
            }
        });
    }

    List<PlannedResource> plan() {
        Map<String, SnapshotEntry> gitEntries = inScope(git.snapshot().entries());
        // live resources of datastores the folder does not hold are none of its business (never archive those)
        Set<String> gitDatastores = new HashSet<>();
        git.snapshot().entries().values().forEach(e -> gitDatastores.add(e.datastore()));
        Map<String, SnapshotEntry> liveEntries = new TreeMap<>();
        live.snapshot().entries().forEach((file, entry) -> {
            boolean held = entry.type() == ResourceType.CONNECTIONS || gitDatastores.contains(entry.datastore());
            // an archived check Git does not hold is not configuration in force: nothing to revert (--delete removes it)
            boolean inForce = delete || ConfigurationInForce.inForce(entry, gitEntries.containsKey(file));
            if (held && inForce && git.included().contains(entry.type())) {
                liveEntries.put(file, entry);
            }
        });
        Set<String> files = new TreeSet<>(Comparator.comparing((String f) -> typeOrder(type(f, gitEntries, liveEntries)))
                .thenComparing(Comparator.naturalOrder()));
        files.addAll(gitEntries.keySet());
        files.addAll(liveEntries.keySet());
        List<PlannedResource> resources = new ArrayList<>();
        for (String file : files) {
            if (!selection.selects(file)) {
                continue;
            }
            SnapshotEntry inGit = gitEntries.get(file);
            SnapshotEntry inLive = liveEntries.get(file);
            // the same bytes parse to the same body: equal, without parsing live's rendering or comparing trees
            if (inGit != null && inLive != null && git.holdsExactly(file, inLive.bytes())) {
                continue;
            }
            ObjectNode after = inGit == null ? null : CanonicalValues.normalizeObject(inGit.body());
            ObjectNode before = inLive == null ? null : CanonicalValues.normalizeObject(live.body(file));
            if (after != null && before != null && FieldDiff.same(before, after)) {
                continue;
            }
            resources.add(resource(file, inGit != null ? inGit : inLive, before, after));
        }
        resources.sort(APPLY_ORDER);
        return resources;
    }

    /**
     * Git's resources of the datastores read live and their connections (with --all-datastores all of Git's, so a
     * datastore deleted live is listed, skipped) and of the types exported.
     */
    private Map<String, SnapshotEntry> inScope(Map<String, SnapshotEntry> entries) {
        Set<String> datastores = new HashSet<>();
        live.datastores().forEach(d -> datastores.add(d.name()));
        Set<String> connections = new HashSet<>();
        live.snapshot().entries().values().stream().filter(e -> e.type() == ResourceType.CONNECTIONS).forEach(e -> connections.add(e.name()));
        entries.values().stream().filter(e -> e.type() == ResourceType.DATASTORES && datastores.contains(e.name()))
                .forEach(e -> connections.add(e.body().path("connection_name").asText("")));
        Map<String, SnapshotEntry> scoped = new TreeMap<>();
        entries.forEach((file, entry) -> {
            boolean mine = allDatastores || (entry.type() == ResourceType.CONNECTIONS ? connections.contains(entry.name())
                    : datastores.contains(entry.datastore()));
            if (mine && git.included().contains(entry.type())) {
                scoped.put(file, entry);
            }
        });
        return scoped;
    }

    private PlannedResource resource(String file, SnapshotEntry entry, ObjectNode before, ObjectNode after) {
        ResourceType type = entry.type();
        Long id = before == null ? null : live.id(file);
        List<FieldChange> fields = FieldDiff.between(before, after).stream()
                .map(f -> new FieldChange(f.path(), SecretMask.maskAt(f.path(), f.before()), SecretMask.maskAt(f.path(), f.after())))
                .toList();
        Draft draft = new Draft(file, entry, id, fields, before, after);
        if (before != null && id == null) {
            return draft.skip("its live id could not be told apart from a duplicate's: revert it in the UI");
        }
        try {
            if (before != null && after != null) {
                return update(draft);
            }
            return after != null ? recreate(draft) : remove(draft);
        } catch (Unresolvable e) {
            return draft.skip(e.getMessage());
        }
    }

    /** The file keys of a computed container that name its sources: the update models take none of them. */
    static final Set<String> SOURCES = Set.of("source_container_name", "left_container_name", "right_container_name",
            "left_datastore_name", "right_datastore_name", "sources");

    /**
     * A PUT of the keys the update model takes; an enrichment link changed by its own call; keys the API cannot write
     * named (and when nothing else changed, a skip); a computed container whose source moved is a skip, not a PUT that
     * cannot apply.
     */
    private PlannedResource update(Draft d) {
        WriteSchema.Model model = WriteSchema.of(d.type(), d.after, false).orElseThrow();
        Set<String> changed = new TreeSet<>();
        d.fields.forEach(f -> changed.add(f.path().split("[.\\[]", 2)[0]));
        if (d.type() == ResourceType.CONTAINERS) {
            Set<String> moved = new TreeSet<>(changed);
            moved.retainAll(SOURCES);
            if (!moved.isEmpty()) {
                return d.skip("its source changed (" + String.join(", ", moved) + "), and " + model.name() + " takes no source:"
                        + " a PUT cannot move it back; delete it in Qualytics, then run revert again to recreate it with its"
                        + " computed fields and checks");
            }
        }
        boolean enrichment = d.type() == ResourceType.DATASTORES && changed.remove("enrich_datastore_name");
        Set<String> unwritable = new TreeSet<>();
        changed.stream().filter(key -> !WriteBodies.writable(key, model)).forEach(unwritable::add);
        List<PlannedCall> calls = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (changed.size() > unwritable.size()) {
            WriteBodies.Body body = bodies().body(d.type(), d.entry.datastore(), d.entry.container(), d.after, d.before, false);
            calls.add(new PlannedCall("PUT", itemPath(d.type(), d.id), null, body.json()));
            notes.addAll(body.notes());
        }
        if (enrichment) {
            String name = d.after.path("enrich_datastore_name").asText(null);
            String base = itemPath(d.type(), d.id) + "/enrichment";
            calls.add(name == null ? new PlannedCall("DELETE", base, null, null)
                    : new PlannedCall("PATCH", base + "/" + liveEnrichmentId(name), null, null));
            notes.add("the enrichment link has its own call, not a datastore key (it needs " + WriteRoles.ENRICHMENT + ")");
        }
        if (!unwritable.isEmpty()) {
            String text = String.join(", ", unwritable) + (unwritable.size() == 1 ? " is" : " are") + " not in " + model.name()
                    + ": the API cannot write " + (unwritable.size() == 1 ? "it" : "them") + ", so change " + (unwritable.size() == 1 ? "it" : "them")
                    + " back in Qualytics";
            if (calls.isEmpty()) {
                return d.skip(text);
            }
            notes.add(text);
        }
        return d.with(Action.UPDATE, calls, notes);
    }

    private PlannedResource recreate(Draft d) {
        return switch (d.type()) {
            case CHECKS, COMPUTED_FIELDS -> {
                WriteBodies.Body body = bodies().body(d.type(), d.entry.datastore(), d.entry.container(), d.after, null, true);
                yield d.with(Action.RECREATE, List.of(new PlannedCall("POST", collectionPath(d.type()), null, body.json())), body.notes());
            }
            case CONTAINERS -> {
                if (!isComputed(d.after)) {
                    if (recreatedDatastores.containsKey(d.entry.datastore())) {
                        yield d.skip("a " + d.after.path("container_type").asText("table") + " comes from the source database:"
                                + " the catalog its recreated datastore starts (trigger_sync) brings it back; run revert again once"
                                + " that catalog finished, for its checks");
                    }
                    yield d.skip("a " + d.after.path("container_type").asText("table") + " comes from the source database and cannot be"
                            + " created through the API: restore it there and run a catalog operation");
                }
                WriteBodies.Body body = bodies().body(d.type(), d.entry.datastore(), null, d.after, null, true);
                JsonNode tags = body.json().remove("tags");
                List<PlannedCall> calls = new ArrayList<>();
                calls.add(new PlannedCall("POST", "/api/containers", null, body.json()));
                if (tags != null && !tags.isEmpty()) {
                    ObjectNode tagging = JsonNodeFactory.instance.objectNode();
                    tagging.set("id", ref(d.file));
                    tagging.set("tags", tags);
                    calls.add(new PlannedCall("PATCH", "/api/containers", null, JsonNodeFactory.instance.arrayNode().add(tagging)));
                }
                recreatedContainers.add(d.file);
                yield d.with(Action.RECREATE, calls, body.notes());
            }
            case CONNECTIONS -> recreateConnection(d);
            case DATASTORES -> recreateDatastore(d);
        };
    }

    /**
     * A connection deleted live: POST /api/connections with every key of its create model, sent only when each secret
     * its file names can be sent under the secret rules (a connection without its password would not connect); else a
     * skip naming each variable to set. Its datastores refer to it by the id the POST returns.
     */
    private PlannedResource recreateConnection(Draft d) {
        String type = d.after.path("type").asText("");
        if (WriteSchema.of(ResourceType.CONNECTIONS, d.after, true).isEmpty()) {
            return d.skip("deleted live, and its type '" + type + "' is in neither create model (CreateJdbcConnection,"
                    + " CreateDfsConnection): create it in Qualytics, then run revert again");
        }
        WriteBodies.Body body = bodies().body(ResourceType.CONNECTIONS, null, null, d.after, null, true);
        if (!body.withheld().isEmpty()) {
            List<String> remedies = body.withheld().stream().map(w -> w.where() + ": " + w.remedy()).toList();
            return d.skip("deleted live; recreating it needs every secret its file names, and " + body.withheld().size()
                    + " cannot be sent now: " + String.join("; ", remedies) + ". Then run revert again (its datastores follow it)");
        }
        recreatedConnections.put(d.entry.name(), d.file);
        return d.with(Action.RECREATE, List.of(new PlannedCall("POST", collectionPath(ResourceType.CONNECTIONS), null, body.json())), body.notes());
    }

    /**
     * A datastore deleted live: POST /api/datastores on its connection (live, or the one this plan recreates), with
     * trigger_sync so its catalog runs; its enrichment link is set by its own call on the new id. Its computed
     * containers, fields and checks follow; its tables come back with the catalog.
     */
    private PlannedResource recreateDatastore(Draft d) {
        WriteBodies.Body body = bodies().body(ResourceType.DATASTORES, d.entry.datastore(), null, d.after, null, true);
        List<PlannedCall> calls = new ArrayList<>();
        calls.add(new PlannedCall("POST", collectionPath(ResourceType.DATASTORES), null, body.json()));
        List<String> notes = new ArrayList<>(body.notes());
        String enrichment = d.after.path("enrich_datastore_name").asText(null);
        if (enrichment != null) {
            calls.add(new PlannedCall("PATCH", collectionPath(ResourceType.DATASTORES) + "/" + CREATED + "/enrichment/"
                    + liveEnrichmentId(enrichment), null, null));
            notes.add("the enrichment link has its own call on the new datastore's id (it needs " + WriteRoles.ENRICHMENT + ")");
        }
        recreatedDatastores.put(d.entry.name(), d.file);
        return d.with(Action.RECREATE, calls, notes);
    }

    /** The path segment apply fills in with the id the resource's own POST returned. */
    static final String CREATED = "{created}";

    /** The live id of an enrichment datastore: a link call names it in its path, where no later id can go. */
    private String liveEnrichmentId(String name) {
        JsonNode id = bodies().enrichmentId(name);
        if (!id.canConvertToLong() || !id.isNumber()) {
            throw new Unresolvable("its enrichment datastore '" + name + "' is recreated by this same revert: run revert again"
                    + " afterwards to recreate this one with its link");
        }
        return id.asText();
    }

    private PlannedResource remove(Draft d) {
        switch (d.type()) {
            case CHECKS -> {
                PlannedCall archive = new PlannedCall("DELETE", itemPath(d.type(), d.id),
                        Map.of("archive", "true", "status", "Discarded", "delete_anomalies", "false"), null);
                if (delete) {
                    // only an archived check can be deleted: archive first (anomalies kept), then delete it with them
                    PlannedCall remove = new PlannedCall("DELETE", itemPath(d.type(), d.id), Map.of("archive", "false", "delete_anomalies", "true"), null);
                    List<PlannedCall> calls = isArchived(d.before) ? List.of(remove) : List.of(archive, remove);
                    return d.with(Action.DELETE, calls, List.of((isArchived(d.before) ? "" : "archived first (only an archived check can be deleted), then ")
                            + "deleted for good with its anomalies (delete_anomalies=true, as the official CLI does)"));
                }
                if (isArchived(d.before)) {
                    return d.skip("added live and already archived: --delete removes it");
                }
                return d.with(Action.ARCHIVE, List.of(archive),
                        List.of("archived (reversible: delete_anomalies=false keeps its anomalies); --delete removes it instead"));
            }
            case COMPUTED_FIELDS, CONTAINERS -> {
                if (d.type() == ResourceType.CONTAINERS && !isComputed(d.before)) {
                    return d.skip("a table or view comes from the source database: revert never removes one");
                }
                if (!delete) {
                    return d.skip("added live: --delete removes it");
                }
                return d.with(Action.DELETE, List.of(new PlannedCall("DELETE", itemPath(d.type(), d.id), null, null)), List.of());
            }
            default -> {
                return d.skip("added live: revert never removes a " + d.type().id().replaceAll("s$", "") + "; remove it in Qualytics if it should go");
            }
        }
    }

    private WriteBodies bodies() {
        return new WriteBodies(new References() {
            @Override
            public JsonNode connection(String name) {
                Long id = live.connectionId(name);
                return id != null ? LongNode.valueOf(id) : recreatedConnections.containsKey(name) ? ref(recreatedConnections.get(name)) : null;
            }

            @Override
            public JsonNode datastore(String name) {
                Long id = live.datastoreId(name);
                return id != null ? LongNode.valueOf(id) : recreatedDatastores.containsKey(name) ? ref(recreatedDatastores.get(name)) : null;
            }

            @Override
            public JsonNode container(String datastore, String name) {
                Long id = live.containerId(datastore, name);
                if (id != null) {
                    return LongNode.valueOf(id);
                }
                String file = gitContainerFiles.get(datastore + "\0" + name);
                return file != null && recreatedContainers.contains(file) ? ref(file) : null;
            }
        }, secrets);
    }

    static boolean isArchived(JsonNode check) {
        return ConfigurationInForce.isArchived(check);
    }

    static boolean isComputed(JsonNode container) {
        return container != null && container.path("container_type").asText("").startsWith("computed");
    }

    static String collectionPath(ResourceType type) {
        return switch (type) {
            case CONNECTIONS -> "/api/connections";
            case DATASTORES -> "/api/datastores";
            case CONTAINERS -> "/api/containers";
            case COMPUTED_FIELDS -> "/api/computed-fields";
            case CHECKS -> "/api/quality-checks";
        };
    }

    static String itemPath(ResourceType type, long id) {
        return collectionPath(type) + "/" + id;
    }

    /** The id another call of the same apply creates: {"$ref": file}. */
    static ObjectNode ref(String file) {
        return JsonNodeFactory.instance.objectNode().put("$ref", file);
    }

    private static JsonNode id(Long id) {
        return id == null ? null : LongNode.valueOf(id);
    }

    private static int typeOrder(String type) {
        return ResourceType.fromId(type).ordinal();
    }

    private static String type(String file, Map<String, SnapshotEntry> a, Map<String, SnapshotEntry> b) {
        SnapshotEntry entry = a.containsKey(file) ? a.get(file) : b.get(file);
        return entry.type().id();
    }

    /** A resource being planned, before its action is known. */
    private record Draft(String file, SnapshotEntry entry, Long id, List<FieldChange> fields, ObjectNode before, ObjectNode after) {
        ResourceType type() {
            return entry.type();
        }

        PlannedResource with(Action action, List<PlannedCall> calls, List<String> notes) {
            return new PlannedResource(file, entry.type().id(), entry.datastore(), entry.container(), entry.name(), action, id,
                    fields, before, after, calls, notes);
        }

        PlannedResource skip(String reason) {
            return with(Action.SKIP, List.of(), List.of(reason));
        }
    }
}
