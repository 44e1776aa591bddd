package qdrift.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The staging half of a {@link FolderSync} started before the export is read whole: the folder's update lock is taken
 * and an interrupted update completed when it opens, then each datastore's files are written into the staging folder
 * as soon as they are final ({@link #stage}), on threads of their own, while the other datastores are still read.
 * The sync it is handed to ({@link FolderSync#sync(Path, java.util.SortedMap, java.util.function.Predicate, Set,
 * StagingAhead)}) then writes only what is still missing, drops what it staged that is not wanted, and journals and
 * applies as always. Until then nothing outside the staging folder is touched: a failure (or a kill) in the middle of
 * the read leaves the folder as it was, and {@link #close} (or the next run's recovery) deletes the staging folder.
 * No journal exists before the sync writes it, so staged files never reach the folder on their own.
 */
public final class StagingAhead implements AutoCloseable, Consumer<Map<String, byte[]>> {
    private final SyncArea area;
    private final Path output;
    private final FolderSync.StagingWriter writer;
    private final AtomicInteger handed = new AtomicInteger();
    /** What was staged, by relative path: the very arrays written (the sync compares them with the final bytes). */
    private final Map<String, byte[]> staged = new ConcurrentHashMap<>();
    private final Set<Path> folders = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final ExecutorService writers;
    private final Thread onSigterm;
    private final FolderSync.Pause pause;
    private volatile boolean handedOver;

    private StagingAhead(SyncArea area, Path output, FolderSync.StagingWriter writer) {
        this.area = area;
        this.output = output;
        this.writer = writer;
        // creating small files is kernel time per file: two threads keep both cores' share of it going
        this.writers = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "qdrift-stage-ahead");
            thread.setDaemon(true);
            return thread;
        });
        // SIGTERM during the read: stop writing and delete what was staged (the next run would, too)
        this.onSigterm = new Thread(this::abandon, "qdrift-stage-ahead-sigterm");
        this.pause = FolderSync.Pause.fromProperty(stopped);
    }

    /** Opens the folder's sync area (waiting for its lock), completes an interrupted update, creates the staging folder. */
    static StagingAhead open(Path output, FolderSync.StagingWriter writer) {
        Path root = output.toAbsolutePath().normalize();
        SyncArea area = SyncArea.of(root).open(output);
        try {
            FolderSync.recover(area, root, output);
            Files.createDirectory(area.staging());
        } catch (IOException | RuntimeException e) {
            area.close();
            throw e instanceof RuntimeException r ? r : qdrift.cli.Failure.io("cannot create " + area.staging()
                    + " to stage the update of " + output + " (" + e.getMessage() + "): nothing in " + output
                    + " was changed", e);
        }
        StagingAhead ahead = new StagingAhead(area, output, writer);
        Runtime.getRuntime().addShutdownHook(ahead.onSigterm);
        return ahead;
    }

    /** Stages these files (relative path to bytes) in the background; a failure is kept for the sync to report. */
    @Override
    public void accept(Map<String, byte[]> files) {
        if (files.isEmpty() || stopped.get()) {
            return;
        }
        Map<String, byte[]> copy = Map.copyOf(files);
        try {
            writers.execute(() -> write(copy));
            handed.addAndGet(copy.size());
        } catch (RejectedExecutionException e) {
            // closed meanwhile: the sync stages whatever is missing
        }
    }

    private void write(Map<String, byte[]> files) {
        Path staging = area.staging();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (failure.get() != null || stopped.get()) {
                return;
            }
            String relative = file.getKey();
            try {
                FolderSync.checkRelative(output, relative);
                Path target = staging.resolve(relative);
                Path folder = target.getParent();
                if (!folders.contains(folder)) {
                    Files.createDirectories(folder);
                    folders.add(folder);
                }
                writer.write(target, file.getValue());
                staged.put(relative, file.getValue());
                pause.step("stage-ahead");
            } catch (IOException | RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        }
    }

    /** How many files the export handed over for staging so far (their writes may still be under way). */
    public int handedCount() {
        return handed.get();
    }

    /** How many files were staged during the read so far (for --verbose). */
    public int stagedCount() {
        return staged.size();
    }

    SyncArea area() {
        return area;
    }

    Path output() {
        return output;
    }

    /**
     * Waits for every staged write, then hands the staging folder to the sync: the files staged (the arrays written),
     * or the first write failure. From here on the sync owns the staging folder and the SIGTERM handling.
     */
    Map<String, byte[]> handOver() throws IOException {
        writers.shutdown();
        try {
            while (!writers.awaitTermination(1, TimeUnit.SECONDS)) {
                if (stopped.get()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while staging", e);
        }
        handedOver = true;
        removeHook();
        if (stopped.get()) {
            throw new IOException("stopped by a signal");
        }
        if (failure.get() instanceof IOException e) {
            throw e;
        } else if (failure.get() instanceof RuntimeException e) {
            throw e;
        }
        return staged;
    }

    /** The folders created in staging so far (the sync does not create them again). */
    Set<Path> folders() {
        return new HashSet<>(folders);
    }

    /** Relative paths staged that the update does not move: deleted before the journal, so no rename carries them. */
    static List<String> unwanted(Map<String, byte[]> staged, Set<String> moved) {
        return staged.keySet().stream().filter(path -> !moved.contains(path)).sorted().toList();
    }

    /** Releases the lock; a staging folder no sync took over (a failure during the read) is deleted first. */
    @Override
    public void close() {
        if (!handedOver) {
            abandon();
            removeHook();
        }
        area.close();
    }

    private void abandon() {
        stopped.set(true);
        writers.shutdownNow();
        try {
            writers.awaitTermination(FolderSync.SIGTERM_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!handedOver) {
            ScratchFolder.deleteQuietly(area.staging());
        }
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(onSigterm);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running
        }
    }
}
