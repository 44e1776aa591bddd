package qdrift.git;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

/**
 * Keeps overlapping drift runs (a slow cron run and the next one) from interleaving in one repository: an OS file
 * lock on {@code .git/qualytics-drift.lock}, released on {@link #close()} or when the process dies. OS locks are
 * held per process, so runs in one JVM are also kept apart by an in-JVM guard (and never open a second channel on
 * the file, since closing it could drop the process's lock). The file stays behind with the last holder's pid.
 */
public final class DriftLock implements AutoCloseable {
    public static final String FILE_NAME = "qualytics-drift.lock";
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(10);
    private static final long POLL_MILLIS = 100;
    private static final Set<Path> HELD_IN_THIS_JVM = new HashSet<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DriftLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, waiting up to {@code wait} for another run to finish; then a git failure naming its pid. */
    public static DriftLock acquire(Path repoGitDir, Duration wait) {
        Path file = repoGitDir.toAbsolutePath().normalize().resolve(FILE_NAME);
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            DriftLock taken = tryAcquire(file);
            if (taken != null) {
                return taken;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new Failure(ExitCode.GIT, "another drift run holds " + file + " (" + holder(file)
                        + "); waited " + describe(wait) + ": let it finish, or run less often");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure(ExitCode.GIT, "interrupted while waiting for " + file, e);
            }
        }
    }

    private static DriftLock tryAcquire(Path file) {
        synchronized (HELD_IN_THIS_JVM) {
            if (HELD_IN_THIS_JVM.contains(file)) {
                return null;
            }
            FileChannel channel = null;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    channel.close();
                    return null;
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n")
                        .getBytes(StandardCharsets.UTF_8)));
                channel.force(false);
                HELD_IN_THIS_JVM.add(file);
                return new DriftLock(file, channel, lock);
            } catch (IOException e) {
                closeQuietly(channel);
                throw new Failure(ExitCode.GIT, "cannot lock " + file + " (" + e.getMessage()
                        + "): check that the repository is writable", e);
            }
        }
    }

    private static String holder(Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8).trim();
            return content.isEmpty() ? "pid unknown" : content;
        } catch (IOException e) {
            return "pid unknown";
        }
    }

    private static String describe(Duration wait) {
        return wait.toSeconds() >= 60 ? wait.toMinutes() + " min" : wait.toMillis() + " ms";
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        synchronized (HELD_IN_THIS_JVM) {
            try {
                lock.release();
            } catch (IOException e) {
                // closing the channel below releases it as well
            }
            closeQuietly(channel);
            HELD_IN_THIS_JVM.remove(file);
        }
    }
}
