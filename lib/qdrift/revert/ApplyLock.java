package qdrift.revert;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.lock.LockFile;

/**
 * One {@code --apply} at a time per instance and datastore: an OS file lock on {@code <dir>/<host>__<datastore id>.lock}
 * for each datastore the apply writes to, taken in ascending id order (so two applies over overlapping datastores
 * cannot deadlock) and released on {@link #close()} or when the process dies, so a lock left by a killed run is free
 * at once. The file says who holds it (pid, machine, start time). The mechanics are drift's ({@link LockFile}):
 * threads of one process are kept apart too, since OS locks are per process. The lock serializes applies that share the lock
 * folder: one machine, or a shared file system.
 */
final class ApplyLock implements AutoCloseable {
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    private final List<LockFile> held;

    private ApplyLock(List<LockFile> held) {
        this.held = held;
    }

    /** The folder used when none is given: $XDG_STATE_HOME/qualytics-drift/revert-locks, else ~/.local/state/.... */
    static Path defaultDir(java.util.function.Function<String, String> env) {
        String state = env.apply("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() ? Path.of(state) : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("qualytics-drift").resolve("revert-locks");
    }

    /**
     * Takes the lock of every datastore, waiting up to {@code wait} in all; then exit 6 (the lock is a file of this
     * machine that another run holds; nothing was written) naming the holder.
     */
    static ApplyLock acquire(Path dir, String host, List<Long> datastoreIds, Duration wait) {
        return takeAll(dir, host, datastoreIds, wait, true);
    }

    /** The locks when all are free right now, else null (another apply holds one); other failures as {@link #acquire}. */
    static ApplyLock tryAcquire(Path dir, String host, List<Long> datastoreIds) {
        return takeAll(dir, host, datastoreIds, Duration.ZERO, false);
    }

    private static ApplyLock takeAll(Path dir, String host, List<Long> datastoreIds, Duration wait, boolean failWhenHeld) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new Failure(ExitCode.IO, "cannot make the revert lock folder " + dir + " (" + e.getMessage() + "): pass --lock-dir a writable folder", e);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        List<LockFile> taken = new ArrayList<>();
        try {
            for (long id : new TreeSet<>(datastoreIds)) {
                Path file = dir.toAbsolutePath().normalize().resolve(fileName(host, id));
                LockFile lock = take(file, deadline);
                if (lock == null) {
                    new ApplyLock(taken).close();
                    if (!failWhenHeld) {
                        return null;
                    }
                    throw new Failure(ExitCode.IO, "another revert --apply on " + host + " datastore " + id + " holds " + file
                            + " (" + holder(file) + "); waited " + wait.toSeconds() + " s: let it finish, or raise --lock-timeout. Nothing was written");
                }
                taken.add(lock);
            }
        } catch (RuntimeException e) {
            new ApplyLock(taken).close();
            throw e;
        }
        return new ApplyLock(taken);
    }

    static String fileName(String host, long datastoreId) {
        return host.replaceAll("[^A-Za-z0-9.-]", "_") + "__" + datastoreId + ".lock";
    }

    /** The lock of one file, or null when another run still holds it at the deadline. */
    private static LockFile take(Path file, long deadline) {
        String machine = machine();
        try {
            return LockFile.await(file, () -> "pid " + ProcessHandle.current().pid() + " on " + machine + " since "
                    + Instant.now().truncatedTo(ChronoUnit.SECONDS), deadline);
        } catch (IOException e) {
            throw new Failure(ExitCode.IO, "cannot lock " + file + " (" + e.getMessage() + "): pass --lock-dir a writable folder", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(ExitCode.IO, "interrupted while waiting for " + file, e);
        }
    }

    /** What the lock file says about its holder ("pid 4242 on ci-7 since 2026-12-07T08:00:00Z"). */
    static String holder(Path file) {
        return LockFile.holder(file, "holder unknown");
    }

    private static String machine() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }

    List<Path> files() {
        return held.stream().map(LockFile::file).toList();
    }

    @Override
    public void close() {
        held.forEach(LockFile::close);
    }
}
