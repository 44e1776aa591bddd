package qdrift.export;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

/**
 * Brings a folder in line with a set of files so that a failure while writing leaves the folder as it was:
 * new and changed files are first written to a staging folder beside the output (same file system), and only
 * once all of them are written are they moved into place. Files a predicate does not claim are never touched,
 * unchanged files are not rewritten (their mtime stays), and {@code .git} folders are never entered.
 */
public final class FolderSync {

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
     * @param output the folder to update; created if missing
     * @param files  the wanted content, by relative path with {@code /}
     * @param owned  which existing relative paths this sync manages: those claimed but absent from files are deleted
     */
    public SyncResult sync(Path output, SortedMap<String, byte[]> files, Predicate<String> owned) {
        Path root = output.toAbsolutePath().normalize();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new Failure(ExitCode.IO, output + " is a file, not a folder: pass a folder as --output");
        }
        files.keySet().forEach(relative -> checkRelative(output, relative));
        List<String> changed = changedFiles(root, files);
        List<Path> stale = staleFiles(root, files, owned);
        refuseConflicts(output, root, changed, stale);

        boolean fresh = !Files.exists(root);
        Path staging = changed.isEmpty() ? null : stage(output, root, files, changed);
        try {
            if (fresh && staging != null) {
                // a first export: the staged folder becomes the output in one rename
                if (moveFolder(staging, root)) {
                    staging = null;
                    return new SyncResult(changed.size(), 0, 0);
                }
            }
            Files.createDirectories(root);
            for (Path file : stale) {
                Files.deleteIfExists(file);
            }
            moveIntoPlace(root, staging, changed);
            removeEmptiedFolders(root, stale);
        } catch (IOException e) {
            throw Failure.io("cannot update " + output + " (" + describe(e) + "): it may be partly updated; "
                    + "fix the cause and rerun", e);
        } finally {
            if (staging != null) {
                ScratchFolder.deleteQuietly(staging);
            }
        }
        return new SyncResult(changed.size(), files.size() - changed.size(), stale.size());
    }

    private static void checkRelative(Path output, String relative) {
        boolean bad = relative.isEmpty() || relative.startsWith("/") || relative.contains("\\")
                || Path.of(relative).isAbsolute()
                || Arrays.stream(relative.split("/", -1)).anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."));
        if (bad) {
            throw new Failure(ExitCode.IO, "refusing to write '" + relative + "' into " + output
                    + ": paths must be relative and stay inside the folder (a bug: please report it)");
        }
    }

    /** The files whose content differs from what is on disk, in path order (read on all cores: it is mostly I/O waits). */
    private static List<String> changedFiles(Path root, SortedMap<String, byte[]> files) {
        if (!Files.isDirectory(root)) {
            return List.copyOf(files.keySet());
        }
        return files.entrySet().parallelStream()
                .filter(entry -> differs(root, entry.getKey(), entry.getValue()))
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

    private static List<Path> staleFiles(Path root, SortedMap<String, byte[]> files, Predicate<String> owned) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> stale = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.getFileName() != null && dir.getFileName().toString().equals(".git")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String relative = relative(root, file);
                    if (!files.containsKey(relative) && owned.test(relative)) {
                        stale.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw Failure.io("cannot list " + root + " (" + describe(e) + "): nothing in it was changed", e);
        }
        return stale;
    }

    /** A wanted file where a folder stands, or under a file that stays, would fail halfway: refuse it up front. */
    private static void refuseConflicts(Path output, Path root, List<String> changed, List<Path> stale) {
        for (String relative : changed) {
            Path target = root.resolve(relative);
            if (Files.isDirectory(target)) {
                throw new Failure(ExitCode.IO, "cannot write " + relative + " in " + output
                        + ": a folder of that name is in the way; move it, nothing in " + output + " was changed");
            }
            for (Path p = target.getParent(); !p.equals(root); p = p.getParent()) {
                if (Files.exists(p) && !Files.isDirectory(p) && !stale.contains(p)) {
                    throw new Failure(ExitCode.IO, "cannot write " + relative + " in " + output + ": "
                            + relative(root, p) + " is a file; move it, nothing in " + output + " was changed");
                }
            }
        }
    }

    private Path stage(Path output, Path root, SortedMap<String, byte[]> files, List<String> changed) {
        Path staging = root.resolveSibling("." + root.getFileName() + ".staging-" + UUID.randomUUID());
        try {
            Files.createDirectories(root.getParent());
            Files.createDirectory(staging);
            Set<Path> folders = new HashSet<>();
            for (String relative : changed) {
                Path folder = staging.resolve(relative).getParent();
                if (folders.add(folder)) {
                    Files.createDirectories(folder);
                }
            }
            // creating thousands of small files is kernel time per file: two threads or more halve the wait
            // (a failure is recorded, not thrown, so that every write has ended before the staging folder is deleted)
            AtomicReference<Exception> failure = new AtomicReference<>();
            changed.parallelStream().forEach(relative -> {
                if (failure.get() == null) {
                    try {
                        writer.write(staging.resolve(relative), files.get(relative));
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
            return staging;
        } catch (IOException | RuntimeException e) {
            ScratchFolder.deleteQuietly(staging);
            throw Failure.io("cannot write the export next to " + output + " (" + describe(e) + "): nothing in "
                    + output + " was changed", e);
        }
    }

    /**
     * Moves the staged files into place. A folder that does not exist yet in the output is moved as a whole (one
     * rename instead of one per file: a first export of thousands of files costs a handful of renames).
     */
    private static void moveIntoPlace(Path root, Path staging, List<String> changed) throws IOException {
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
                continue;
            }
            moveFile(staged, root.resolve(relative));
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

    private static void moveFile(Path staged, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void removeEmptiedFolders(Path root, List<Path> deleted) throws IOException {
        TreeSet<Path> folders = new TreeSet<>((a, b) -> b.getNameCount() - a.getNameCount() != 0
                ? b.getNameCount() - a.getNameCount() : a.compareTo(b));
        for (Path file : deleted) {
            for (Path p = file.getParent(); p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
                folders.add(p);
            }
        }
        for (Path folder : folders) {
            try {
                Files.deleteIfExists(folder);
            } catch (DirectoryNotEmptyException e) {
                // still holds files this sync does not own, or new ones: keep it
            }
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
