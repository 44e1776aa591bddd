package qdrift.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every file and folder under a root (a .git folder aside) with its content hash and mtime: equal snapshots mean an
 * untouched tree.
 */
public final class TreeSnapshot {
    private TreeSnapshot() {
    }

    public static Map<String, String> of(Path root) {
        Map<String, String> entries = new TreeMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    if (dir.equals(root.resolve(".git"))) {
                        return FileVisitResult.SKIP_SUBTREE; // git may write there in the background (auto gc)
                    }
                    entries.put(root.relativize(dir) + "/", "dir");
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    entries.put(root.relativize(file).toString(),
                            sha256(Files.readAllBytes(file)) + " mtime " + attributes.lastModifiedTime().toMillis());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** Every file under root (a .git folder aside) with a hash of its content only: equal means the same files. */
    public static Map<String, String> contents(Path root) {
        Map<String, String> files = new TreeMap<>();
        of(root).forEach((path, entry) -> {
            if (!entry.equals("dir")) {
                files.put(path, entry.substring(0, entry.indexOf(' ')));
            }
        });
        return files;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
