//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.model.CanonicalYaml;
import qdrift.model.MapNameResolver;
import qdrift.model.NameResolver;
import qdrift.model.ResourceType;
import qdrift.model.TenantData;

/**
 * The export of a tenant as files: an immutable map from relative path ("connections/prod_pg.yaml") to entry,
 * sorted by path. Built from live data ({@link #of}) or from a folder on disk ({@link #readFolder}); two snapshots
 * of the same configuration have equal entries and {@link #render} to identical bytes, whatever the API order.
 */
public final class Snapshot {
    private final SortedMap<String, SnapshotEntry> entries;
    /** What the layout noticed about the server's data (checks sharing a stored uid), for stderr and the report. */
    private final List<String> warnings;

    private Snapshot(SortedMap<String, SnapshotEntry> entries) {
        this(entries, List.of());
    }

    private Snapshot(SortedMap<String, SnapshotEntry> entries, List<String> warnings) {
        this.entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
        this.warnings = List.copyOf(warnings);
    }

    /** The same snapshot with these warnings (sorted). */
    Snapshot withWarnings(List<String> more) {
        return new Snapshot(new TreeMap<>(entries), more.stream().sorted().toList());
    }

    public List<String> warnings() {
        return warnings;
    }

    public static Snapshot ofEntries(Map<String, SnapshotEntry> entries) {
        return new Snapshot(new TreeMap<>(entries));
    }

    /**
     * A snapshot of an export: every entry holds only its file's bytes ({@link SnapshotEntry#rendering}), so the
     * canonical JSON trees are garbage once rendered; a body is parsed back only where a caller asks for it.
     */
    static Snapshot ofRendered(Map<String, SnapshotEntry> entries) {
        SortedMap<String, SnapshotEntry> rendered = new TreeMap<>();
        entries.forEach((path, entry) -> rendered.put(path, entry.rendering()));
        return new Snapshot(rendered);
    }

    /**
     * Canonicalizes and lays out {@code data}, keeping only the {@code include}d types. {@code names} resolves ids
     * that point outside {@code data} (names found in {@code data} itself are always known).
     */
    public static Snapshot of(TenantData data, NameResolver names, Set<ResourceType> include) {
        return SnapshotBuilder.build(data, resolver(data, names), include);
    }

    /** As above, with folder names that also count the datastores named in otherDatastoreNames (see Exporter). */
    static Snapshot of(TenantData data, NameResolver names, Set<ResourceType> include, Set<String> otherDatastoreNames) {
        return SnapshotBuilder.build(data, resolver(data, names), include, otherDatastoreNames);
    }

    /** Every managed YAML file under {@code folder}, parsed back into entries; other files are ignored. */
    public static Snapshot readFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new Failure(ExitCode.IO, "export folder " + folder + " does not exist or is not a folder");
        }
        FolderGuard.filesRefusingLinks(folder); // never read through a link inside the folder
        SortedMap<String, byte[]> files = new TreeMap<>();
        for (String path : managedFiles(folder)) {
            try {
                files.put(path, Files.readAllBytes(folder.resolve(path)));
            } catch (IOException e) {
                throw new Failure(ExitCode.IO, "cannot read " + folder.resolve(path) + ": " + e.getMessage(), e);
            }
        }
        return readFiles(files);
    }

    /**
     * The managed files among {@code files} (relative path to bytes, e.g. read from a git commit), parsed back into
     * entries; other files are ignored.
     */
    public static Snapshot readFiles(Map<String, byte[]> files) {
        Map<String, ObjectNode> bodies = new TreeMap<>();
        Map<String, LayoutPath> layout = new TreeMap<>();
        files.forEach((path, bytes) -> {
            Optional<LayoutPath> where = ExportLayout.identify(path);
            if (where.isEmpty()) {
                return;
            }
            JsonNode body = CanonicalYaml.read(bytes, path);
            if (!(body instanceof ObjectNode object)) {
                throw new Failure(ExitCode.IO, path + " does not hold a YAML mapping: fix or delete it, or re-export");
            }
            bodies.put(path, object);
            layout.put(path, where.get());
        });
        return new Snapshot(FolderNames.entries(bodies, layout));
    }

    /**
     * Entries for files that exist on another side only (a resource deleted since the commit), named with the help
     * of this snapshot's datastores and containers where their own folder no longer holds them.
     */
    public SortedMap<String, SnapshotEntry> describe(Map<String, ObjectNode> files) {
        Map<String, ObjectNode> bodies = new TreeMap<>();
        Map<String, LayoutPath> layout = new TreeMap<>();
        entries.forEach((path, entry) -> {
            if (entry.type() == ResourceType.DATASTORES || entry.type() == ResourceType.CONTAINERS) {
                bodies.put(path, entry.body());
                layout.put(path, ExportLayout.identify(path).orElseThrow());
            }
        });
        files.forEach((path, body) -> {
            bodies.put(path, body);
            layout.put(path, ExportLayout.identify(path).orElseThrow());
        });
        SortedMap<String, SnapshotEntry> described = new TreeMap<>(FolderNames.entries(bodies, layout));
        described.keySet().retainAll(files.keySet());
        return described;
    }

    /** This snapshot with the fields a server-fields file lists dropped from every body (re-rendered when read). */
    public Snapshot without(qdrift.model.ServerFieldsFile serverFields) {
        SortedMap<String, SnapshotEntry> stripped = new TreeMap<>();
        entries.forEach((path, e) -> stripped.put(path, new SnapshotEntry(e.type(), e.datastore(), e.container(), e.name(),
                serverFields.strip(e.type(), e.body()), e.attribution())));
        return new Snapshot(stripped);
    }

    public SortedMap<String, SnapshotEntry> entries() {
        return entries;
    }

    public Optional<SnapshotEntry> get(String relativePath) {
        return Optional.ofNullable(entries.get(relativePath));
    }

    /** How many resources of each type (every type present, zero included). */
    public Map<ResourceType, Integer> counts() {
        Map<ResourceType, Integer> counts = new EnumMap<>(ResourceType.class);
        for (ResourceType type : ResourceType.values()) {
            counts.put(type, 0);
        }
        entries.values().forEach(e -> counts.merge(e.type(), 1, Integer::sum));
        return Collections.unmodifiableMap(counts);
    }

    /** The bytes of every file, by relative path. */
    public SortedMap<String, byte[]> render() {
        if (entries.values().stream().allMatch(SnapshotEntry::isRendered)) {
            SortedMap<String, byte[]> files = new TreeMap<>();
            entries.forEach((path, entry) -> files.put(path, entry.bytes()));
            return files;
        }
        // rendering is pure CPU work per file: spread it over the cores (the result is sorted whatever the order)
        Map<String, byte[]> files = entries.entrySet().parallelStream()
                .collect(Collectors.toConcurrentMap(Map.Entry::getKey, e -> render(e.getValue())));
        return new TreeMap<>(files);
    }

    /** The bytes of one entry's file, as {@link #render} writes it. */
    static byte[] render(SnapshotEntry entry) {
        return entry.bytes();
    }

    private static NameResolver resolver(TenantData data, NameResolver names) {
        List<JsonNode> datastores = new ArrayList<>();
        List<JsonNode> containers = new ArrayList<>();
        for (TenantData.DatastoreData datastore : data.datastores()) {
            datastores.add(datastore.datastore());
            for (ObjectNode container : datastore.containers()) {
                ObjectNode withHome = container.deepCopy();
                if (!withHome.has("datastore") && !withHome.has("datastore_id") && datastore.datastore().has("id")) {
                    withHome.set("datastore_id", datastore.datastore().get("id"));
                }
                containers.add(withHome);
            }
        }
        NameResolver own = MapNameResolver.fromRaw(data.connections(), datastores, containers);
        return names == null ? own : own.orElse(names);
    }

    private static List<String> managedFiles(Path folder) {
        List<String> paths = new ArrayList<>();
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    boolean hidden = !dir.equals(folder) && dir.getFileName().toString().startsWith(".");
                    return hidden ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String relative = folder.relativize(file).toString().replace('\\', '/');
                    if (attributes.isRegularFile() && ExportLayout.isManaged(relative)) {
                        paths.add(relative);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new Failure(ExitCode.IO, "cannot read export folder " + folder + ": " + e.getMessage(), e);
        }
        return paths;
    }
}
