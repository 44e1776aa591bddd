package qdrift.export;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The decision to update a folder, written once every new file is staged: which files go into place and which are
 * deleted. Without a journal, a staging folder is an update that never started (rolled back: deleted). With one, the
 * update is rolled forward: moving a staged file and deleting a file are both safe to repeat, so a run killed at any
 * point is completed by the next one. Written to a temporary name, flushed, then renamed, so it is whole or absent.
 */
record SyncJournal(Path root, List<String> moves, List<String> deletes) {
    private static final String HEADER = "qualytics-drift sync journal 1";
    private static final String END = "end";

    void write(Path file) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n').append("root ").append(root).append('\n');
        deletes.forEach(d -> text.append("delete ").append(d).append('\n'));
        moves.forEach(m -> text.append("move ").append(m).append('\n'));
        text.append(END).append('\n');
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The journal in file, or empty when there is none or it is not whole (then the update never started). */
    static Optional<SyncJournal> read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.size() < 3 || !lines.get(0).equals(HEADER) || !lines.get(1).startsWith("root ")
                || !lines.get(lines.size() - 1).equals(END)) {
            return Optional.empty();
        }
        List<String> moves = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        for (String line : lines.subList(2, lines.size() - 1)) {
            if (line.startsWith("move ")) {
                moves.add(line.substring(5));
            } else if (line.startsWith("delete ")) {
                deletes.add(line.substring(7));
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new SyncJournal(Path.of(lines.get(1).substring(5)), moves, deletes));
    }

    /**
     * Completes the update (again): deletes what is still there, moves what is still staged. Used by the next run
     * after a kill; the run itself moves whole new folders at once, then files the same way.
     */
    void rollForward(Path staging) throws IOException {
        for (String relative : deletes) {
            Path file = root.resolve(relative);
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(file);
            }
        }
        for (String relative : moves) {
            Path staged = staging.resolve(relative);
            if (Files.isRegularFile(staged, LinkOption.NOFOLLOW_LINKS)) {
                moveFile(staged, root.resolve(relative));
            }
        }
        removeEmptiedFolders(root, deletes);
    }

    static void moveFile(Path staged, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes the folders that deleting these files emptied, deepest first; a folder still holding files stays. */
    static void removeEmptiedFolders(Path root, List<String> deleted) {
        TreeSet<Path> folders = new TreeSet<>((a, b) -> b.getNameCount() - a.getNameCount() != 0
                ? b.getNameCount() - a.getNameCount() : a.compareTo(b));
        for (String relative : deleted) {
            for (Path p = root.resolve(relative).getParent(); p != null && p.startsWith(root) && !p.equals(root);
                 p = p.getParent()) {
                folders.add(p);
            }
        }
        for (Path folder : folders) {
            try {
                Files.deleteIfExists(folder);
            } catch (DirectoryNotEmptyException e) {
                // still holds files this sync does not own, or new ones: keep it
            } catch (IOException e) {
                // an empty folder left behind is harmless: git does not track folders
            }
        }
    }
}
