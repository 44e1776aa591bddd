package qdrift.export;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

/**
 * Brings a folder in line with a set of files so that, whatever happens, the folder ends up either as it was or
 * fully updated, never in between:
 * <ol>
 * <li>the folder is checked first (no symbolic link inside, nothing in the way, everything to touch writable);</li>
 * <li>new and changed files are written to a staging folder in the {@link SyncArea} (in the repository's git
 *     directory, or a hidden sibling: never where {@code git add -A} looks), on the folder's file system;</li>
 * <li>a {@link SyncJournal} naming every move and deletion is written: from here on the update rolls forward;</li>
 * <li>stale files are deleted and staged files renamed into place; then journal and staging are removed.</li>
 * </ol>
 * A run killed before the journal leaves the folder untouched and a staging folder the next run deletes; a run killed
 * after it is completed by the next run ({@link #recover}), which every sync, export and drift run does first. SIGTERM
 * (what {@code timeout} sends) stops staging and deletes it, or lets the moves finish. Files a predicate does not claim
 * are never touched, unchanged files are not rewritten (their mtime stays), and {@code .git} folders are never entered.
 */
public final class FolderSync {
    /** Test hook: "stage:N", "apply:N" or "stage-ahead:N" makes a run stop after N staged files, N steps of the update
     * or N files staged during the read, until killed. */
    static final String PAUSE_PROPERTY = "qdrift.testing.pauseSync";
    /** How long a SIGTERM waits for the writes under way to end (StagingAhead waits as long). */
    static final long SIGTERM_GRACE_SECONDS = 20;

    /** How many files were written (new or changed), left as they were, and removed. */
    public record SyncResult(int written, int unchanged, int removed) {
    }

    /** Writes one staged file; tests inject a failing one to prove nothing reaches the output. */
    interface StagingWriter {
        void write(Path file, byte[] bytes) throws IOException;
    }

    private final StagingWriter writer;

    public FolderSync() {
        this(Files::write);
    }

    FolderSync(StagingWriter writer) {
        this.writer = writer;
    }

    /**
     * Completes or undoes an update of {@code output} that a killed run left behind (see the class comment); does
     * nothing when there is none. Safe to call any time: it takes the folder's update lock.
     */
    public static void recover(Path output) {
        Path root = output.toAbsolutePath().normalize();
        try (SyncArea area = SyncArea.of(root).open(output)) {
            recover(area, root, output);
        }
    }

    static void recover(SyncArea area, Path root, Path output) {
        SyncArea.removeOldStyleStaging(root);
        try {
            // the area is keyed by the folder's real path, so its journal is this folder's, however it is spelled now
            Optional<SyncJournal> journal = SyncJournal.read(area.journal());
            if (journal.isPresent()) {
                new SyncJournal(root, journal.get().moves(), journal.get().deletes()).rollForward(area.staging());
            }
            Files.deleteIfExists(area.journal());
            ScratchFolder.deleteQuietly(area.staging());
            if (Files.exists(area.staging(), LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("cannot delete " + area.staging());
            }
        } catch (IOException e) {
            throw Failure.io("cannot complete the interrupted update of " + output + " recorded in " + area.path()
                    + " (" + describe(e) + "): fix the cause and rerun", e);
        }
    }

    /** Where updates of {@code folder} stage their files and journal (see {@link SyncArea}). */
    public static Path stagingArea(Path folder) {
        return SyncArea.of(folder.toAbsolutePath().normalize()).path();
    }

    /**
     * @param output the folder to update; created if missing
     * @param files  the wanted content, by relative path with {@code /}
     * @param owned  which existing relative paths this sync manages: those claimed but absent from files are deleted
     */
    public SyncResult sync(Path output, SortedMap<String, byte[]> files, Predicate<String> owned) {
        return sync(output, files, owned, Set.of());
    }

    /**
     * As above; {@code unchanged} names files the caller knows the folder holds with exactly the wanted bytes (say,
     * git's blob id of the bytes is HEAD's and the work tree is clean there): they are neither read back nor written.
     */
    public SyncResult sync(Path output, SortedMap<String, byte[]> files, Predicate<String> owned, Set<String> unchanged) {
        return sync(output, files, owned, unchanged, null);
    }

    /**
     * Files staged while the export was read, for a sync of the same folder ({@link StagingAhead}): it holds the
     * folder's lock already, and its files are kept where they hold the wanted bytes.
     */
    public StagingAhead stageAhead(Path output) {
        return StagingAhead.open(output, writer);
    }

    /** As above, finishing what {@code ahead} (opened on the same folder, or null) staged during the read. */
    public SyncResult sync(Path output, SortedMap<String, byte[]> files, Predicate<String> owned, Set<String> unchanged,
                           StagingAhead ahead) {
        Path root = output.toAbsolutePath().normalize();
        if (ahead != null && !ahead.output().toAbsolutePath().normalize().equals(root)) {
            throw new IllegalArgumentException("staged ahead for " + ahead.output() + ", not " + output);
        }
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new Failure(ExitCode.IO, output + " is a file, not a folder: pass a folder as --folder");
        }
        files.keySet().forEach(relative -> checkRelative(output, relative));
        // SIGTERM while the update runs: staging stops (and is deleted) or the moves finish, then the JVM exits
        AtomicBoolean terminated = new AtomicBoolean();
        CountDownLatch ended = new CountDownLatch(1);
        Thread onSigterm = new Thread(() -> {
            terminated.set(true);
            try {
                ended.await(SIGTERM_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "qdrift-sync-sigterm");
        Runtime.getRuntime().addShutdownHook(onSigterm);
        // staged ahead, the area (and its lock) stays open until the caller closes the StagingAhead
        SyncArea area = ahead != null ? ahead.area() : SyncArea.of(root).open(output);
        try {
            if (ahead == null) {
                recover(area, root, output);
            }
            List<String> existing = FolderGuard.filesRefusingLinks(root);
            List<String> changed = changedFiles(root, files, unchanged);
            List<String> stale = existing.stream().filter(f -> !files.containsKey(f) && owned.test(f)).toList();
            refuseConflicts(output, root, changed, stale);
            FolderGuard.refuseUnwritable(output, root, changed, stale);
            if (!changed.isEmpty() || !stale.isEmpty()) {
                new Update(area, output, root, files, changed, stale, terminated, ahead).run();
            }
            return new SyncResult(changed.size(), files.size() - changed.size(), stale.size());
        } finally {
            if (ahead == null) {
                area.close();
            }
            ended.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSigterm);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running and has just been released
            }
        }
    }

    /** One update in flight: staged, journaled, applied; {@code terminated} (SIGTERM) stops it while it only stages. */
    private final class Update {
        private final SyncArea area;
        private final Path output;
        private final Path root;
        private final SortedMap<String, byte[]> files;
        private final List<String> changed;
        private final List<String> stale;
        private final AtomicBoolean terminated;
        private final Pause pause;
        private final StagingAhead ahead;

        Update(SyncArea area, Path output, Path root, SortedMap<String, byte[]> files, List<String> changed,
               List<String> stale, AtomicBoolean terminated, StagingAhead ahead) {
            this.ahead = ahead;
            this.area = area;
            this.output = output;
            this.root = root;
            this.files = files;
            this.changed = changed;
            this.stale = stale;
            this.terminated = terminated;
            this.pause = Pause.fromProperty(terminated);
        }

        void run() {
            stage();
            commitAndApply();
        }

        private void stage() {
            Path staging = area.staging();
            try {
                List<String> toWrite = changed;
                Set<Path> folders = new HashSet<>();
                if (ahead == null) {
                    Files.createDirectory(staging);
                } else {
                    // files staged during the read stay where they hold the wanted bytes; the others go
                    Map<String, byte[]> staged = ahead.handOver();
                    folders.addAll(ahead.folders());
                    Set<String> moved = new HashSet<>(changed);
                    List<String> unwanted = StagingAhead.unwanted(staged, moved);
                    for (String relative : unwanted) {
                        Files.delete(staging.resolve(relative));
                    }
                    SyncJournal.removeEmptiedFolders(staging, unwanted);
                    folders.removeIf(folder -> !Files.isDirectory(folder));
                    toWrite = changed.stream().filter(relative -> !Arrays.equals(staged.get(relative), files.get(relative)))
                            .toList();
                }
                for (String relative : toWrite) {
                    Path folder = staging.resolve(relative).getParent();
                    if (folders.add(folder)) {
                        Files.createDirectories(folder);
                    }
                }
                // creating thousands of small files is kernel time per file: two threads or more halve the wait
                // (a failure is recorded, not thrown, so that every write has ended before the staging folder is deleted)
                AtomicReference<Exception> failure = new AtomicReference<>();
                toWrite.parallelStream().forEach(relative -> {
                    if (failure.get() == null) {
                        try {
                            if (terminated.get()) {
                                throw new IOException("stopped by a signal");
                            }
                            writer.write(staging.resolve(relative), files.get(relative));
                            pause.step("stage");
                        } catch (IOException | RuntimeException e) {
                            failure.compareAndSet(null, e);
                        }
                    }
                });
                if (failure.get() instanceof IOException e) {
                    throw e;
                } else if (failure.get() instanceof RuntimeException e) {
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                ScratchFolder.deleteQuietly(staging);
                throw Failure.io("cannot stage the update of " + output + " in " + area.path() + " (" + describe(e)
                        + "): nothing in " + output + " was changed", e);
            }
        }

        private void commitAndApply() {
            try {
                new SyncJournal(root, changed, stale).write(area.journal());
            } catch (IOException e) {
                ScratchFolder.deleteQuietly(area.staging());
                try {
                    Files.deleteIfExists(area.journal());
                } catch (IOException ignored) {
                    // a journal that cannot be deleted is rolled forward by the next run, which is just as fine
                }
                throw Failure.io("cannot write the journal " + area.journal() + " (" + describe(e) + "): nothing in "
                        + output + " was changed", e);
            }
            try {
                apply();
                Files.delete(area.journal());
                ScratchFolder.deleteQuietly(area.staging());
            } catch (IOException e) {
                throw Failure.io("cannot update " + output + " (" + describe(e) + "): the update is recorded in "
                        + area.journal() + " and the next run completes it; fix the cause and rerun", e);
            }
        }

        private void apply() throws IOException {
            Path staging = area.staging();
            if (!Files.exists(root) && moveFolder(staging, root)) {
                // a first export: the staged folder becomes the output in one rename
                pause.step("apply");
                return;
            }
            Files.createDirectories(root);
            for (String relative : stale) {
                Files.deleteIfExists(root.resolve(relative));
                pause.step("apply");
            }
            moveIntoPlace(staging);
            SyncJournal.removeEmptiedFolders(root, stale);
        }

        /**
         * Moves the staged files into place. A folder that does not exist yet in the output is moved as a whole (one
         * rename instead of one per file: a first export of thousands of files costs a handful of renames).
         */
        private void moveIntoPlace(Path staging) throws IOException {
            Set<Path> existingFolders = new HashSet<>();
            existingFolders.add(root);
            for (String relative : changed) {
                Path staged = staging.resolve(relative);
                if (!Files.exists(staged)) {
                    continue; // went into place with its folder
                }
                Path missing = topmostMissingFolder(root, root.resolve(relative), existingFolders);
                if (missing != null && moveFolder(staging.resolve(root.relativize(missing).toString()), missing)) {
                    existingFolders.add(missing);
                } else {
                    SyncJournal.moveFile(staged, root.resolve(relative));
                }
                pause.step("apply");
            }
        }
    }

    /** The test hook behind {@link #PAUSE_PROPERTY}; a no-op unless the property is set. */
    record Pause(String phase, int after, AtomicInteger steps, AtomicBoolean released) {
        static Pause fromProperty(AtomicBoolean released) {
            String value = System.getProperty(PAUSE_PROPERTY, "");
            int colon = value.indexOf(':');
            return colon < 0 ? new Pause("", 0, new AtomicInteger(), released)
                    : new Pause(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)), new AtomicInteger(), released);
        }

        void step(String current) {
            if (!current.equals(phase) || steps.incrementAndGet() != after) {
                return;
            }
            System.err.println("qdrift-testing: paused at " + phase + ":" + after);
            System.err.flush();
            while (!released.get()) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    static void checkRelative(Path output, String relative) {
        boolean bad = relative.isEmpty() || relative.startsWith("/") || relative.contains("\\")
                || relative.chars().anyMatch(Character::isISOControl)
                || Path.of(relative).isAbsolute()
                || Arrays.stream(relative.split("/", -1)).anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."));
        if (bad) {
            throw new Failure(ExitCode.IO, "refusing to write '" + relative + "' into " + output
                    + ": paths must be relative and stay inside the folder (a bug: please report it)");
        }
    }

    /** The files whose content differs from what is on disk, in path order (read on all cores: it is mostly I/O waits). */
    private static List<String> changedFiles(Path root, SortedMap<String, byte[]> files, Set<String> unchanged) {
        if (!Files.isDirectory(root)) {
            return List.copyOf(files.keySet());
        }
        return files.entrySet().parallelStream()
                .filter(entry -> !unchanged.contains(entry.getKey()) && differs(root, entry.getKey(), entry.getValue()))
                .map(Map.Entry::getKey)
                .toList();
    }

    private static boolean differs(Path root, String relative, byte[] wanted) {
        Path target = root.resolve(relative);
        try {
            // a size that differs settles it without reading the file
            return !Files.isRegularFile(target) || Files.size(target) != wanted.length
                    || !Arrays.equals(Files.readAllBytes(target), wanted);
        } catch (IOException e) {
            throw Failure.io("cannot read " + target + " (" + describe(e) + "): nothing in " + root
                    + " was changed", e);
        }
    }

    /** A wanted file where a folder stands, or under a file that stays, would fail halfway: refuse it up front. */
    private static void refuseConflicts(Path output, Path root, List<String> changed, List<String> stale) {
        for (String relative : changed) {
            Path target = root.resolve(relative);
            if (Files.isDirectory(target)) {
                throw new Failure(ExitCode.IO, "cannot write " + relative + " in " + output
                        + ": a folder of that name is in the way; move it, nothing in " + output + " was changed");
            }
            for (Path p = target.getParent(); !p.equals(root); p = p.getParent()) {
                if (Files.exists(p) && !Files.isDirectory(p) && !stale.contains(relative(root, p))) {
                    throw new Failure(ExitCode.IO, "cannot write " + relative + " in " + output + ": "
                            + relative(root, p) + " is a file; move it, nothing in " + output + " was changed");
                }
            }
        }
    }

    private static Path topmostMissingFolder(Path root, Path target, Set<Path> existingFolders) {
        Path parent = target.getParent();
        if (existingFolders.contains(parent)) {
            return null;
        }
        Path missing = null;
        for (Path p = parent; !existingFolders.contains(p); p = p.getParent()) {
            if (Files.isDirectory(p)) {
                existingFolders.add(p);
                break;
            }
            missing = p;
        }
        return missing;
    }

    /** Renames a staged folder to where no folder is yet; false when the file system cannot, and files go one by one. */
    private static boolean moveFolder(Path stagedFolder, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.move(stagedFolder, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (AtomicMoveNotSupportedException e) {
            return false;
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null ? kind : kind + ": " + message;
    }
}
