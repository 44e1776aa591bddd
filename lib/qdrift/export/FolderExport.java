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
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.model.ResourceType;
import qdrift.report.Origin.DatastoreRef;
import qdrift.model.WriteKeys;

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

    /**
     * What is checked before the slow work: completes or undoes an update a killed run left behind, then refuses a
     * symbolic link inside the folder and a first export into a folder that holds files an export would own (unless
     * forced). Nothing here needs the server.
     */
    public static void prepare(Path folder, Set<ResourceType> include, boolean force) {
        FolderSync.recover(folder);
        checkFolder(folder, include, force);
    }

    /** The read-only part of {@link #prepare}: no link anywhere inside, no unowned file a first export would take. */
    public static void checkFolder(Path folder, Set<ResourceType> include, boolean force) {
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

    /**
     * As above, with phase durations on the log's debug channel (--verbose). A folder in an older export format is
     * upgraded: every resource file is rewritten once in the current format (the log says so).
     */
    public static Outcome write(Exporter.Export export, String url, Set<ResourceType> include, Path target,
                                Path committedFolder, boolean force, Log log) {
        return write(export, url, include, target, committedFolder, force, log, null);
    }

    /** As above, finishing the files {@code ahead} staged during the read (null: none, everything is staged here). */
    public static Outcome write(Exporter.Export export, String url, Set<ResourceType> include, Path target,
                                Path committedFolder, boolean force, Log log, StagingAhead ahead) {
        return apply(plan(export, url, include, target, committedFolder, force, log), Set.of(), log, ahead);
    }

    /**
     * Starts staging {@code target}'s update before the export is read, when that pays: a first export (the folder is
     * missing or empty, so every file is new) whose bytes are final once rendered (no server-fields file). Null
     * otherwise: then the whole update is staged after the read, as always. The caller closes it after the write.
     */
    public static StagingAhead stageAhead(Path target, qdrift.model.ServerFieldsFile serverFields) {
        if (!serverFields.isEmpty() || !emptyOrMissing(target)) {
            return null;
        }
        return new FolderSync().stageAhead(target);
    }

    private static boolean emptyOrMissing(Path folder) {
        if (!java.nio.file.Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        if (!java.nio.file.Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (var children = java.nio.file.Files.list(folder)) {
            return children.findAny().isEmpty();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * What an update of a folder would write, computed without touching it: the files (resources and manifest, by
     * relative path), which existing paths the update owns, and the manifest. Nothing is written: {@link #apply} does.
     */
    public record Plan(Path target, ExportManifest manifest, SortedMap<String, byte[]> files, Predicate<String> owned,
                       Exporter.Export export) {
        /** The outcome of an update that had nothing to write: every planned file was already there. */
        public Outcome unchanged() {
            return new Outcome(manifest, new FolderSync.SyncResult(0, files.size(), 0), export);
        }
    }

    /** The compare-only pass of {@link #write}: the manifest checks and the files, nothing written. */
    public static Plan plan(Exporter.Export export, String url, Set<ResourceType> include, Path target,
                            Path committedFolder, boolean force, Log log) {
        PhaseTimer timer = new PhaseTimer(log);
        Optional<ExportManifest> previous = ExportManifest.read(committedFolder);
        Exporter.Export named = export.withFailedNames(previous.map(FolderExport::names).orElse(Map.of()));
        ExportManifest fresh = ExportManifest.of(url, manifestDatastores(named, previous), include);
        previous.ifPresentOrElse(p -> fresh.checkCompatible(committedFolder, comparable(named, p, fresh), force),
                () -> FolderGuard.refuseUnownedFiles(committedFolder, owned(include), force));
        previous.ifPresent(p -> refuseNewerFormat(committedFolder, p));
        boolean sameExport = previous.isPresent() && previous.get().host().equalsIgnoreCase(fresh.host())
                && previous.get().datastoreIds().equals(fresh.datastoreIds());
        // a narrower --include (say checks only) rewrites those files and leaves the others' ownership as it was
        ExportManifest written = sameExport ? fresh.including(previous.get()) : fresh;
        if (previous.isPresent() && previous.get().format() < WriteKeys.FORMAT) {
            log.info("Upgrading " + committedFolder + " from export format " + previous.get().format() + " to "
                    + WriteKeys.FORMAT + ": every resource file is rewritten once (full key sets, unique check uids); "
                    + "commit this as its own change.");
        }
        SortedMap<String, byte[]> files = timer.time("render YAML", () -> new TreeMap<>(export.snapshot().render()));
        if (previous.isPresent()) {
            // "held" is judged where the check would live: a container (or datastore) renamed since the last export has no
            // folder yet, so its archived checks are written and move with it as one rename, not as deletions.
            ConfigurationInForce.dropUnheld(export.snapshot(), files, path -> java.nio.file.Files.exists(target.resolve(path))
                    || !java.nio.file.Files.isDirectory(target.resolve(path).getParent()));
        }
        files.put(ExportManifest.FILE_NAME, written.toYaml());
        return new Plan(target, written, files, owned(include).and(export.ownership()), named);
    }

    /**
     * Brings the plan's folder in line with it (crash-safe, see {@link FolderSync}). {@code unchanged} names planned
     * files the caller knows the folder already holds byte for byte (they are not read back); empty when unknown.
     */
    public static Outcome apply(Plan plan, Set<String> unchanged, Log log) {
        return apply(plan, unchanged, log, null);
    }

    private static Outcome apply(Plan plan, Set<String> unchanged, Log log, StagingAhead ahead) {
        FolderSync.SyncResult result = new PhaseTimer(log).time("sync the folder",
                () -> new FolderSync().sync(plan.target(), plan.files(), plan.owned(), unchanged, ahead));
        if (ahead != null) {
            log.debug("staged during the read: " + ahead.stagedCount() + " of " + plan.files().size() + " files");
        }
        return new Outcome(plan.manifest(), result, plan.export());
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
        return new ExportManifest(previous.formatVersion(), previous.host(), manifest.datastores(), previous.included());
    }

    private static Map<Long, String> names(ExportManifest manifest) {
        Map<Long, String> names = new HashMap<>();
        manifest.datastores().stream().filter(ref -> ref.id() != null && ref.name() != null)
                .forEach(ref -> names.put(ref.id(), ref.name()));
        return names;
    }

    /**
     * Refuses (exit 6) to compare a folder in another export format than this version writes: every file would
     * differ. {@code rebaseline} is the command that upgrades it (an export over the folder).
     */
    public static void refuseOtherFormat(Path committedFolder, String rebaseline) {
        ExportManifest.read(committedFolder).ifPresent(manifest -> {
            refuseNewerFormat(committedFolder, manifest);
            if (manifest.format() < WriteKeys.FORMAT) {
                throw new Failure(ExitCode.IO, committedFolder + " holds export format " + manifest.format()
                        + " and this version compares format " + WriteKeys.FORMAT + ": re-baseline once with `" + rebaseline
                        + "` and commit the result (README: \"Upgrading from format 1\")");
            }
        });
    }

    private static void refuseNewerFormat(Path folder, ExportManifest manifest) {
        if (manifest.format() > WriteKeys.FORMAT) {
            throw new Failure(ExitCode.IO, folder + " holds export format " + manifest.format() + ", newer than the "
                    + WriteKeys.FORMAT + " this version writes: upgrade qualytics-drift");
        }
    }

    /** The files an export of these resource types owns, and so may rewrite or delete. */
    public static Predicate<String> owned(Set<ResourceType> include) {
        return path -> ExportManifest.FILE_NAME.equals(path)
                || ExportLayout.identify(path).map(p -> include.contains(p.type())).orElse(false);
    }
}
