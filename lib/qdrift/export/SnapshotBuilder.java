//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.model.Canonicalizer;
import qdrift.model.LiveAttribution;
import qdrift.model.NameResolver;
import qdrift.model.ResourceType;
import qdrift.model.Slug;
import qdrift.model.TenantData;

/**
 * Lays canonical resources out as files. File names depend only on the set of names, never on API order:
 * names that slug alike get a hash suffix ({@link Slug#distinct}); checks sharing container, rule and fields are
 * told apart by server id: the lowest id keeps the plain name, the others get {@code __<id>} in their file name.
 * A check's uid is unique within its datastore ({@link #uniqueUids}), so editing one never renames another, and a uid
 * two server checks share goes to neither.
 */
final class SnapshotBuilder {
    /** The official CLI's folder for checks whose container is unknown. */
    static final String NO_CONTAINER = "_no_container";

    private final Canonicalizer canonicalizer;
    private final Set<ResourceType> include;
    private final Map<String, SnapshotEntry> entries = new TreeMap<>();
    /** Names of datastores outside this export that still share the folder namespace (other shards, failed ones). */
    private final Set<String> otherDatastoreNames;
    /** Filled by {@link #datastoreContent}, which may run on several threads at once. */
    private final List<String> warnings = java.util.Collections.synchronizedList(new ArrayList<>());

    /** Where a datastore's files go: its name and its folder's slug (which depends on every datastore's name). */
    record DatastoreSlot(String name, String slug) {
    }

    SnapshotBuilder(NameResolver names, Set<ResourceType> include) {
        this(names, include, Set.of());
    }

    /**
     * otherDatastoreNames: datastores not in this export whose folder names this export's must not depend on
     * (a shard lays its datastores out as the unsharded run would, so it counts every datastore's name).
     */
    SnapshotBuilder(NameResolver names, Set<ResourceType> include, Set<String> otherDatastoreNames) {
        this.canonicalizer = new Canonicalizer(names);
        this.include = include;
        this.otherDatastoreNames = Set.copyOf(otherDatastoreNames);
    }

    /** Everything at once: the sequential form of what Exporter does datastore by datastore while reading. */
    static Snapshot build(TenantData data, NameResolver names, Set<ResourceType> include) {
        return build(data, names, include, Set.of());
    }

    static Snapshot build(TenantData data, NameResolver names, Set<ResourceType> include, Set<String> otherDatastoreNames) {
        SnapshotBuilder builder = new SnapshotBuilder(names, include, otherDatastoreNames);
        builder.addConnections(data.connections());
        List<DatastoreSlot> slots = builder.addDatastores(data.datastores().stream().map(TenantData.DatastoreData::datastore).toList());
        for (int i = 0; i < slots.size(); i++) {
            builder.addAll(builder.datastoreContent(data.datastores().get(i), slots.get(i)));
        }
        return builder.build();
    }

    /** The files added so far (connections, datastores, and any content added with {@link #addAll}). */
    Map<String, SnapshotEntry> entries() {
        return entries;
    }

    Snapshot build() {
        return Snapshot.ofEntries(entries).withWarnings(warnings());
    }

    void addConnections(List<ObjectNode> raws) {
        if (include.contains(ResourceType.CONNECTIONS)) {
            List<ObjectNode> connections = raws.stream().map(canonicalizer::connection).toList();
            Map<String, String> slugs = Slug.distinct(names(connections, "name"));
            for (int i = 0; i < connections.size(); i++) {
                ObjectNode body = connections.get(i);
                String name = body.path("name").asText("");
                add(entries, ExportLayout.connection(fileSlug(slugs, name)),
                        new SnapshotEntry(ResourceType.CONNECTIONS, null, null, name, body, LiveAttribution.of(raws.get(i))));
            }
        }
    }

    /** Adds the datastores' own files; returns, in the same order, where each datastore's content goes. */
    List<DatastoreSlot> addDatastores(List<ObjectNode> raws) {
        List<ObjectNode> datastores = raws.stream().map(canonicalizer::datastore).toList();
        Set<String> allNames = new TreeSet<>(names(datastores, "name"));
        allNames.addAll(otherDatastoreNames);
        Map<String, String> datastoreSlugs = Slug.distinct(allNames);
        List<DatastoreSlot> slots = new ArrayList<>();
        for (int i = 0; i < datastores.size(); i++) {
            ObjectNode body = datastores.get(i);
            String name = body.path("name").asText("");
            String slug = fileSlug(datastoreSlugs, name);
            if (include.contains(ResourceType.DATASTORES)) {
                add(entries, ExportLayout.datastore(slug), new SnapshotEntry(ResourceType.DATASTORES, name, null, name, body,
                        LiveAttribution.of(raws.get(i))));
            }
            slots.add(new DatastoreSlot(name, slug));
        }
        return slots;
    }

    /** Adds the files of one datastore's content (as returned by {@link #datastoreContent}). */
    void addAll(Map<String, SnapshotEntry> content) {
        content.forEach((path, entry) -> add(entries, path, entry));
    }

    /**
     * The files of one datastore's containers, computed fields and checks. Touches no state of this builder but its
     * warnings list, so several datastores may be laid out on several threads at once.
     */
    Map<String, SnapshotEntry> datastoreContent(TenantData.DatastoreData raw, DatastoreSlot slot) {
        Map<String, SnapshotEntry> content = new TreeMap<>();
        String datastoreName = slot.name();
        String datastoreSlug = slot.slug();
        Long home = id(raw.datastore());
        List<ObjectNode> containers = raw.containers().stream().map(c -> canonicalizer.container(c, home)).toList();
        List<ObjectNode> checks = raw.checks().stream().map(canonicalizer::check).toList();
        Set<String> containerNames = new TreeSet<>(names(containers, "name"));
        containerNames.addAll(names(checks, "container"));
        Map<String, String> containerSlugs = Slug.distinct(containerNames);

        for (int i = 0; i < containers.size(); i++) {
            ObjectNode body = containers.get(i);
            String name = body.path("name").asText("");
            String slug = fileSlug(containerSlugs, name);
            if (include.contains(ResourceType.CONTAINERS)) {
                add(content, ExportLayout.container(datastoreSlug, slug),
                        new SnapshotEntry(ResourceType.CONTAINERS, datastoreName, name, name, body,
                                LiveAttribution.of(raw.containers().get(i))));
            }
            if (include.contains(ResourceType.COMPUTED_FIELDS)) {
                addComputedFields(content, raw.containers().get(i).get("computed_fields"), datastoreName, datastoreSlug,
                        name, slug);
            }
        }
        if (include.contains(ResourceType.CHECKS)) {
            addChecks(content, raw.checks(), checks, datastoreName, datastoreSlug, containerSlugs);
        }
        return content;
    }

    private void addComputedFields(Map<String, SnapshotEntry> content, JsonNode rawFields, String datastoreName, String datastoreSlug,
            String containerName, String containerSlug) {
        if (rawFields == null || !rawFields.isArray()) {
            return;
        }
        List<ObjectNode> fields = new ArrayList<>();
        List<LiveAttribution> attributions = new ArrayList<>();
        rawFields.forEach(f -> {
            fields.add(canonicalizer.computedField(f));
            attributions.add(LiveAttribution.of(f));
        });
        Map<String, String> slugs = Slug.distinct(names(fields, "name"));
        for (int i = 0; i < fields.size(); i++) {
            ObjectNode body = fields.get(i);
            String name = body.path("name").asText("");
            add(content, ExportLayout.computedField(datastoreSlug, containerSlug, fileSlug(slugs, name)),
                    new SnapshotEntry(ResourceType.COMPUTED_FIELDS, datastoreName, containerName, name, body, attributions.get(i)));
        }
    }

    private record PlacedCheck(Long id, ObjectNode body, String storedUid, LiveAttribution attribution) {
    }

    /** A check with its file: folder and stem + suffix, from which its derived uid comes too. */
    private record FiledCheck(PlacedCheck check, String folder, String stem) {
        String derivedUid() {
            return folder + "__" + stem;
        }
    }

    private void addChecks(Map<String, SnapshotEntry> content, List<ObjectNode> raws, List<ObjectNode> bodies, String datastoreName,
            String datastoreSlug, Map<String, String> containerSlugs) {
        Map<String, List<PlacedCheck>> byFile = new TreeMap<>();
        for (int i = 0; i < raws.size(); i++) {
            ObjectNode body = bodies.get(i);
            String container = body.has("container") ? body.get("container").asText() : null;
            String folder = container != null ? fileSlug(containerSlugs, container) : NO_CONTAINER;
            String stem = Canonicalizer.checkFileStem(body.path("rule_type").asText(""),
                    Canonicalizer.names(body.get("fields")));
            if (stem.isEmpty() || stem.startsWith("__")) {
                stem = "check" + stem;
            }
            JsonNode stored = raws.get(i).path("additional_metadata").path(Canonicalizer.CHECK_UID_KEY);
            byFile.computeIfAbsent(folder + "/" + stem, k -> new ArrayList<>())
                    .add(new PlacedCheck(id(raws.get(i)), body, stored.isTextual() && !stored.asText().isEmpty() ? stored.asText() : null,
                            LiveAttribution.of(raws.get(i))));
        }
        List<FiledCheck> filed = new ArrayList<>();
        byFile.forEach((key, group) -> {
            group.sort(BY_ID);
            String folder = key.substring(0, key.indexOf('/'));
            String stem = key.substring(key.indexOf('/') + 1);
            for (int i = 0; i < group.size(); i++) {
                PlacedCheck check = group.get(i);
                String suffix = i == 0 ? "" : "__" + (check.id() != null ? check.id().toString()
                        : Slug.shortHash(check.body().toString()));
                filed.add(new FiledCheck(check, folder, stem + suffix));
            }
        });
        Map<FiledCheck, String> uids = uniqueUids(filed, datastoreName);
        for (FiledCheck file : filed) {
            ObjectNode body = file.check().body();
            String uid = uids.get(file);
            ((ObjectNode) body.get("additional_metadata")).put(Canonicalizer.CHECK_UID_KEY, uid);
            String container = body.has("container") ? body.get("container").asText() : null;
            add(content, ExportLayout.check(datastoreSlug, file.folder(), file.stem()),
                    new SnapshotEntry(ResourceType.CHECKS, datastoreName, container, uid, body, file.check().attribution()));
        }
    }

    private static final Comparator<PlacedCheck> BY_ID = Comparator
            .comparing(PlacedCheck::id, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(c -> c.body().toString());

    /**
     * One uid per check, unique within the datastore: a uid stored on the server is kept (the import matches by it)
     * when one check holds it. A uid several checks share goes to none of them (an import matching by it would aim a
     * write at whichever check it meets last): each gets its derived uid, with a warning naming the uid and the ids.
     * A derived uid ({@code <container folder>__<file stem>}, suffixes included) is unique like the file path it comes
     * from; should it equal a kept or a shared stored uid, it gets {@code __<id>}.
     */
    private Map<FiledCheck, String> uniqueUids(List<FiledCheck> filed, String datastoreName) {
        Map<String, List<FiledCheck>> byStored = new TreeMap<>();
        filed.stream().filter(f -> f.check().storedUid() != null)
                .forEach(f -> byStored.computeIfAbsent(f.check().storedUid(), k -> new ArrayList<>()).add(f));
        Map<FiledCheck, String> uids = new java.util.IdentityHashMap<>();
        Set<String> taken = new java.util.HashSet<>();
        byStored.forEach((uid, sharing) -> {
            taken.add(uid);
            if (sharing.size() == 1) {
                uids.put(sharing.get(0), uid);
            } else {
                sharing.sort(Comparator.comparing(FiledCheck::check, BY_ID));
                warnings.add("datastore " + datastoreName + ": checks " + sharing.stream().map(f -> String.valueOf(f.check().id())).toList()
                        + " share _qualytics_check_uid '" + uid + "': neither file gets it, each gets the uid of its file"
                        + " (an import matching by uid would aim a write at the wrong check); give each a unique uid in Qualytics");
            }
        });
        for (FiledCheck file : filed) {
            if (!uids.containsKey(file)) {
                String derived = file.derivedUid();
                String uid = taken.contains(derived) ? derived + "__" + (file.check().id() != null ? file.check().id()
                        : Slug.shortHash(file.check().body().toString())) : derived;
                if (taken.contains(uid)) { // a stored uid that happens to read like a suffixed derived one
                    uid = uid + "__" + Slug.shortHash(file.check().body().toString());
                }
                uids.put(file, uid);
            }
        }
        return uids;
    }

    /** Warnings about the server's data met while laying out (shared uids), sorted. */
    List<String> warnings() {
        synchronized (warnings) {
            return warnings.stream().sorted().toList();
        }
    }

    private static void add(Map<String, SnapshotEntry> entries, String path, SnapshotEntry entry) {
        SnapshotEntry previous = entries.putIfAbsent(path, entry);
        if (previous != null) {
            // Slug.distinct makes this impossible for distinct names; two resources with the SAME name are a server
            // oddity we refuse to hide by letting one silently overwrite the other
            throw new Failure(ExitCode.API, "two " + entry.type().id() + " are named '"
                    + entry.name() + "' (both would be " + path + "): rename one in Qualytics and export again");
        }
    }

    private static String fileSlug(Map<String, String> slugs, String name) {
        return slugs.get(name == null ? "" : name);
    }

    private static List<String> names(List<ObjectNode> bodies, String key) {
        List<String> names = new ArrayList<>();
        bodies.forEach(b -> {
            if (b.path(key).isTextual()) {
                names.add(b.get(key).asText());
            } else if (key.equals("name")) {
                names.add(""); // a nameless resource still gets a file: its slug is the hash of ""
            }
        });
        return names;
    }

    private static Long id(JsonNode raw) {
        JsonNode id = raw.get("id");
        return id != null && id.canConvertToLong() && id.isIntegralNumber() ? id.longValue() : null;
    }
}
