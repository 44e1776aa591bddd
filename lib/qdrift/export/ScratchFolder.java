package qdrift.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import qdrift.cli.Failure;

/** A temporary folder that is gone once closed: --check-only's export, the demo's repository, sync staging. */
public record ScratchFolder(Path path) implements AutoCloseable {

    public static ScratchFolder create(String prefix, String purpose) {
        try {
            return new ScratchFolder(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw Failure.io("cannot create a temporary folder for " + purpose + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        deleteQuietly(path);
    }

    /** Deletes a folder and everything in it, best effort: a leftover temporary folder is harmless. */
    public static void deleteQuietly(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // best effort, see above
        }
    }
}
