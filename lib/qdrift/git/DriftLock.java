package qdrift.git;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.lock.LockFile;

/**
 * Keeps overlapping drift runs (a slow cron run and the next one) from interleaving in one repository: an OS file
 * lock on {@code .git/qualytics-drift.lock} ({@link LockFile}), released on {@link #close()} or when the process dies;
 * runs in one JVM are kept apart too. The file stays behind with the last holder's pid.
 */
public final class DriftLock implements AutoCloseable {
    public static final String FILE_NAME = "qualytics-drift.lock";
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(10);

    private final LockFile lock;

    private DriftLock(LockFile lock) {
        this.lock = lock;
    }

    /** Takes the lock, waiting up to {@code wait} for another run to finish; then a git failure naming its pid. */
    public static DriftLock acquire(Path repoGitDir, Duration wait) {
        Path file = repoGitDir.toAbsolutePath().normalize().resolve(FILE_NAME);
        try {
            LockFile taken = LockFile.await(file, () -> "pid " + ProcessHandle.current().pid(), System.nanoTime() + wait.toNanos());
            if (taken == null) {
                throw new Failure(ExitCode.GIT, "another drift run holds " + file + " (" + LockFile.holder(file, "pid unknown")
                        + "); waited " + describe(wait) + ": let it finish, or run less often");
            }
            return new DriftLock(taken);
        } catch (IOException e) {
            throw new Failure(ExitCode.GIT, "cannot lock " + file + " (" + e.getMessage()
                    + "): check that the repository is writable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(ExitCode.GIT, "interrupted while waiting for " + file, e);
        }
    }

    private static String describe(Duration wait) {
        return wait.toSeconds() >= 60 ? wait.toMinutes() + " min" : wait.toMillis() + " ms";
    }

    public Path file() {
        return lock.file();
    }

    @Override
    public void close() {
        lock.close();
    }
}
