package qdrift.export;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import qdrift.cli.Log;
import qdrift.model.ResourceType;
import qdrift.report.Origin.DatastoreRef;

/**
 * Brings a folder in line with an export: the resource files plus the manifest, written atomically; files of
 * resources that no longer exist removed; files the export does not manage (README, .driftignore) left alone.
 */
public final class FolderExport {
    private FolderExport() {
    }

    /** export is the written export, with failed datastores' names completed from the committed manifest. */
    public record Outcome(ExportManifest manifest, FolderSync.SyncResult sync, Exporter.Export export) {
    }

    /** Writes into output, after checking that output's own manifest describes the same host and datastores. */
    public static Outcome write(Exporter.Export export, String url, Set<ResourceType> include, Path output, boolean force) {
        return write(export, url, include, output, output, force);
    }

    /**
     * Writes into target, checking the manifest of committedFolder (the same folder, or the committed one when the
     * export goes to a temporary folder for --check-only).
     */
    public static Outcome write(Exporter.Export export, String url, Set<ResourceType> include, Path target,
                                Path committedFolder, boolean force) {
        return write(export, url, include, target, committedFolder, force, Log.silent());
    }

    /** As above, with phase durations on the log's debug channel (--verbose). */
    public static Outcome write(Exporter.Export export, String url, Set<ResourceType> include, Path target,
                                Path committedFolder, boolean force, Log log) {
        PhaseTimer timer = new PhaseTimer(log);
        Optional<ExportManifest> previous = ExportManifest.read(committedFolder);
        Exporter.Export named = export.withFailedNames(previous.map(FolderExport::names).orElse(Map.of()));
        ExportManifest manifest = ExportManifest.of(url, manifestDatastores(named, previous), include, export.snapshot().counts());
        if ((export.shard() != null || export.partial()) && previous.isPresent()) {
            // a shard or a partial run sees part of the tenant only: the counts stay as the full export wrote them
            manifest = new ExportManifest(manifest.toolVersion(), manifest.host(), manifest.datastores(), manifest.included(),
                    previous.get().counts());
        }
        ExportManifest written = manifest;
        previous.ifPresent(before -> written.checkCompatible(committedFolder, comparable(named, before, written), force));
        SortedMap<String, byte[]> files = timer.time("render YAML", () -> new TreeMap<>(export.snapshot().render()));
        files.put(ExportManifest.FILE_NAME, written.toYaml());
        Predicate<String> owned = owned(include).and(export.ownership());
        FolderSync.SyncResult result = timer.time("sync the folder", () -> new FolderSync().sync(target, files, owned));
        return new Outcome(written, result, named);
    }

    /**
     * The manifest's datastores: those read, those that failed (their entry stays), and for a shard the other shards'
     * entries of the committed manifest, so that every shard keeps one manifest for the whole tenant consistent.
     */
    private static List<DatastoreRef> manifestDatastores(Exporter.Export export, Optional<ExportManifest> previous) {
        Map<Long, DatastoreRef> byId = new TreeMap<>();
        if (export.shard() != null) {
            previous.ifPresent(before -> before.datastores().stream()
                    .filter(ref -> ref.id() != null && !export.shard().owns(ref.id()))
                    .forEach(ref -> byId.put(ref.id(), ref)));
        }
        export.scope().forEach(ref -> byId.put(ref.id(), ref));
        return export.shard() == null && !export.partial() ? export.datastores() : List.copyOf(byId.values());
    }

    /**
     * What the committed manifest is compared with: itself for a shard as long as the host is the same (a shard of
     * --all-datastores takes whatever datastores the tenant has, and leaves the other shards' entries alone).
     */
    private static ExportManifest comparable(Exporter.Export export, ExportManifest previous, ExportManifest manifest) {
        if (export.shard() == null) {
            return previous;
        }
        return new ExportManifest(previous.toolVersion(), previous.host(), manifest.datastores(), previous.included(),
                previous.counts());
    }

    private static Map<Long, String> names(ExportManifest manifest) {
        Map<Long, String> names = new HashMap<>();
        manifest.datastores().stream().filter(ref -> ref.id() != null && ref.name() != null)
                .forEach(ref -> names.put(ref.id(), ref.name()));
        return names;
    }

    /** The files an export of these resource types owns, and so may rewrite or delete. */
    public static Predicate<String> owned(Set<ResourceType> include) {
        return path -> ExportManifest.FILE_NAME.equals(path)
                || ExportLayout.identify(path).map(p -> include.contains(p.type())).orElse(false);
    }
}
