package qdrift.export;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

/**
 * What is checked in an export folder before anything in it changes: no symbolic link anywhere inside (a link would
 * send writes, deletes and reads outside the folder), and every folder and file the update touches writable.
 */
public final class FolderGuard {
    private static final int NAMED = 3;

    private FolderGuard() {
    }

    /** The regular files of the folder, by relative path with "/"; refuses a symbolic link anywhere in it. */
    public static List<String> filesRefusingLinks(Path folder) {
        Path root = folder.toAbsolutePath().normalize();
        List<String> files = new ArrayList<>();
        List<String> links = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.getFileName() != null && dir.getFileName().toString().equals(".git")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isSymbolicLink()) {
                        links.add(relative(root, file));
                    } else if (attrs.isRegularFile()) {
                        files.add(relative(root, file));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw Failure.io("cannot list " + folder + " (" + e.getMessage() + "): nothing in it was changed", e);
        }
        if (!links.isEmpty()) {
            throw linkRefused(folder, links.get(0), links.size() - 1, target(root.resolve(links.get(0))));
        }
        return files;
    }

    /** The one-line refusal for a link inside the export folder, on disk or committed. */
    public static Failure linkRefused(Path folder, String link, int more, String target) {
        return new Failure(ExitCode.IO, folder + "/" + link + " is a symbolic link" + (target == null ? "" : " to " + target)
                + (more > 0 ? " (and " + more + " more)" : "")
                + ": the export never follows links inside its folder; replace it with a real folder or file "
                + "(or remove it: git rm " + link + ") and rerun; nothing was changed");
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * Refuses, before the first change, an update that would fail half-way on a folder or file it cannot write: a
     * read-only mount, an immutable folder ({@code chattr +i}) or, for other users than root, missing permissions.
     * Checked with access(2) ({@link Files#isWritable}), which reports all three, for root too.
     */
    static void refuseUnwritable(Path output, Path root, Collection<String> written, Collection<String> deleted) {
        Set<Path> folders = new LinkedHashSet<>();
        Set<Path> files = new LinkedHashSet<>();
        for (String relative : written) {
            Path target = root.resolve(relative);
            folders.add(nearestExisting(target.getParent()));
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                files.add(target);
            }
        }
        for (String relative : deleted) {
            Path target = root.resolve(relative);
            folders.add(target.getParent());
            files.add(target);
        }
        List<String> unwritable = new ArrayList<>();
        for (Path p : folders) {
            if (p != null && Files.exists(p) && !Files.isWritable(p)) {
                unwritable.add(p.startsWith(root) && !p.equals(root) ? relative(root, p) + "/" : p.toString());
            }
        }
        for (Path p : files) {
            if (!Files.isWritable(p) && !unwritable.contains(relative(root, p.getParent()) + "/")) {
                unwritable.add(relative(root, p));
            }
        }
        if (!unwritable.isEmpty()) {
            String named = unwritable.stream().sorted().limit(NAMED).collect(Collectors.joining(", "));
            String more = unwritable.size() > NAMED ? " and " + (unwritable.size() - NAMED) + " more" : "";
            throw new Failure(ExitCode.IO, "cannot update " + output + ": " + named + more + " in it cannot be written"
                    + " (read-only file system, immutable or no permission); nothing in " + output
                    + " was changed: make it writable and rerun");
        }
    }

    /** The folder a new entry is created in: the target's parent, or the nearest ancestor that exists. */
    private static Path nearestExisting(Path folder) {
        Path p = folder;
        while (p != null && !Files.isDirectory(p)) {
            p = p.getParent();
        }
        return p;
    }

    /**
     * Refuses a first export into a folder that already holds files the export would own (and so could overwrite or
     * delete), when it has no manifest saying an export put them there; {@code force} lets it through.
     */
    public static void refuseUnownedFiles(Path output, Predicate<String> owned, boolean force) {
        if (force || Files.exists(output.resolve(ExportManifest.FILE_NAME), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<String> claimed = filesRefusingLinks(output).stream().filter(owned).sorted().toList();
        if (!claimed.isEmpty()) {
            String named = claimed.stream().limit(NAMED).collect(Collectors.joining(", "));
            String more = claimed.size() > NAMED ? " and " + (claimed.size() - NAMED) + " more" : "";
            throw new Failure(ExitCode.IO, output + " has no " + ExportManifest.FILE_NAME + " but holds files an export"
                    + " would overwrite or delete (" + named + more + "): export into an empty folder, or pass --force"
                    + " to let the export own them; nothing was changed");
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }
}
