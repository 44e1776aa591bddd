package qdrift.export;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

/**
 * Where a folder update keeps its staging folder and journal: somewhere {@code git add -A} never looks, on the same
 * file system as the folder (so moving a staged file into place is a rename).
 * <ul>
 * <li>Folder inside a git work tree: {@code <git dir>/qualytics-drift/sync/<hash of the folder's path>/}. Git never
 *     adds what is inside its own directory, and the git directory sits in the work tree's file system.</li>
 * <li>Otherwise, or when the git directory is on another file system (a linked worktree elsewhere): a hidden sibling
 *     {@code .<folder>.qdrift-sync/} holding a {@code .gitignore} of {@code *}, so even a repository around it
 *     ignores it. It is removed once the update is done.</li>
 * </ul>
 * The area holds {@code staging/} (the new and changed files), {@code journal} (written once every file is staged:
 * its presence means "roll forward") and {@code lock} (one update of a folder at a time).
 */
final class SyncArea implements AutoCloseable {
    static final String STAGING = "staging";
    static final String JOURNAL = "journal";
    private static final long LOCK_WAIT_MILLIS = 60_000;

    private final Path path;
    private final boolean removeWhenDone;
    private FileChannel lockChannel;
    private FileLock lock;

    private SyncArea(Path path, boolean removeWhenDone) {
        this.path = path;
        this.removeWhenDone = removeWhenDone;
    }

    /** The area of {@code root} (absolute, normalized), not yet created. */
    static SyncArea of(Path root) {
        Optional<Path> gitDir = gitDirAbove(root);
        if (gitDir.isPresent() && sameFileSystem(gitDir.get(), root)) {
            return new SyncArea(gitDir.get().resolve("qualytics-drift").resolve("sync").resolve(key(root)), false);
        }
        return new SyncArea(sibling(root), true);
    }

    /** The hidden sibling used outside git repositories. */
    static Path sibling(Path root) {
        return root.resolveSibling("." + root.getFileName() + ".qdrift-sync");
    }

    Path path() {
        return path;
    }

    Path staging() {
        return path.resolve(STAGING);
    }

    Path journal() {
        return path.resolve(JOURNAL);
    }

    /** Creates the area and takes its lock, waiting for another update of the same folder to end. */
    SyncArea open(Path output) {
        try {
            Files.createDirectories(path);
            if (removeWhenDone) {
                Files.writeString(path.resolve(".gitignore"), "*\n", StandardCharsets.UTF_8);
            }
            lockChannel = FileChannel.open(path.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long deadline = System.currentTimeMillis() + LOCK_WAIT_MILLIS;
            while ((lock = tryLock()) == null) {
                if (System.currentTimeMillis() > deadline) {
                    close();
                    throw new Failure(ExitCode.IO, "another run is updating " + output + " (it holds " + path.resolve("lock")
                            + "): let it finish, then rerun; nothing in " + output + " was changed");
                }
                Thread.sleep(100);
            }
            return this;
        } catch (IOException e) {
            close();
            throw Failure.io("cannot create " + path + " to stage the update of " + output + " (" + e.getMessage()
                    + "): nothing in " + output + " was changed; check that it is writable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new Failure(ExitCode.IO, "interrupted while waiting to update " + output + "; nothing was changed", e);
        }
    }

    private FileLock tryLock() throws IOException {
        try {
            return lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // this JVM holds it (another thread): wait as for another process
        }
    }

    /** Releases the lock; an area outside git is removed as a whole, one in the git directory keeps only its lock file. */
    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // closing the channel releases the lock in any case
        }
        lock = null;
        lockChannel = null;
        if (removeWhenDone && !Files.exists(journal(), LinkOption.NOFOLLOW_LINKS)) {
            ScratchFolder.deleteQuietly(path);
        }
    }

    /** Staging folders the update of {@code root} left beside it before the area existed (".<name>.staging-<uuid>"). */
    static void removeOldStyleStaging(Path root) {
        Path parent = root.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        String prefix = "." + root.getFileName() + ".staging-";
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent, prefix + "*")) {
            for (Path sibling : siblings) {
                if (Files.isDirectory(sibling, LinkOption.NOFOLLOW_LINKS)) {
                    ScratchFolder.deleteQuietly(sibling);
                }
            }
        } catch (IOException e) {
            // a leftover the next run may remove
        }
    }

    /** The git directory of the work tree holding {@code root}: ".git" as a folder, or the one a ".git" file names. */
    static Optional<Path> gitDirAbove(Path root) {
        for (Path p = root; p != null; p = p.getParent()) {
            Path dotGit = p.resolve(".git");
            if (Files.isDirectory(dotGit)) {
                return Optional.of(dotGit);
            }
            if (Files.isRegularFile(dotGit)) {
                try {
                    String line = Files.readString(dotGit, StandardCharsets.UTF_8).trim();
                    if (line.startsWith("gitdir:")) {
                        Path dir = p.resolve(line.substring("gitdir:".length()).trim()).normalize();
                        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
                    }
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static boolean sameFileSystem(Path gitDir, Path root) {
        try {
            Path existing = root;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing != null && Files.getFileStore(gitDir).equals(Files.getFileStore(existing));
        } catch (IOException e) {
            return false;
        }
    }

    /** The same for every spelling of the folder's path (links above it resolved), so any run finds a killed run's area. */
    private static String key(Path root) {
        Path existing = root;
        while (existing.getParent() != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        Path real;
        try {
            real = existing.toRealPath().resolve(existing.relativize(root));
        } catch (IOException e) {
            real = root;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(real.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
