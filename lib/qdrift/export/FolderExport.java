package qdrift.export;

import java.nio.file.Path;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import qdrift.cli.Log;
import qdrift.model.ResourceType;

/**
 * Brings a folder in line with an export: the resource files plus the manifest, written atomically; files of
 * resources that no longer exist removed; files the export does not manage (README, .driftignore) left alone.
 */
public final class FolderExport {
    private FolderExport() {
    }

    public record Outcome(ExportManifest manifest, FolderSync.SyncResult sync) {
    }

    /**
     * What is checked before the slow work: completes or undoes an update a killed run left behind, then refuses a
     * symbolic link inside the folder and a first export into a folder that holds files an export would own (unless
     * forced). Nothing here needs the server.
     */
    public static void prepare(Path folder, Set<ResourceType> include, boolean force) {
        FolderSync.recover(folder);
        FolderGuard.filesRefusingLinks(folder);
        FolderGuard.refuseUnownedFiles(folder, owned(include), force);
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
        ExportManifest manifest = ExportManifest.of(url, export.datastores(), include, export.snapshot().counts());
        ExportManifest.read(committedFolder).ifPresentOrElse(
                previous -> manifest.checkCompatible(committedFolder, previous, force),
                () -> FolderGuard.refuseUnownedFiles(committedFolder, owned(include), force));
        SortedMap<String, byte[]> files = timer.time("render YAML", () -> new TreeMap<>(export.snapshot().render()));
        files.put(ExportManifest.FILE_NAME, manifest.toYaml());
        FolderSync.SyncResult result = timer.time("sync the folder", () -> new FolderSync().sync(target, files, owned(include)));
        return new Outcome(manifest, result);
    }

    /** The files an export of these resource types owns, and so may rewrite or delete. */
    public static Predicate<String> owned(Set<ResourceType> include) {
        return path -> ExportManifest.FILE_NAME.equals(path)
                || ExportLayout.identify(path).map(p -> include.contains(p.type())).orElse(false);
    }
}
