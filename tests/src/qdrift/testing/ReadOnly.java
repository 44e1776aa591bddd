package qdrift.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * Makes a folder unwritable for the user running the tests, and writable again on close. Tests run as root in CI,
 * where permissions stop nothing: there the folder is made immutable ({@code chattr +i}, which stops root too);
 * for other users, write permission is removed. Skips the test where neither stops a write.
 */
public final class ReadOnly implements AutoCloseable {
    private final Path folder;
    private final boolean immutable;

    private ReadOnly(Path folder, boolean immutable) {
        this.folder = folder;
        this.immutable = immutable;
    }

    public static ReadOnly make(Path folder) {
        boolean immutable = Shell.run(folder, Map.of(), List.of("chattr", "+i", folder.toString())).exitCode() == 0;
        if (!immutable) {
            try {
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        ReadOnly locked = new ReadOnly(folder, immutable);
        Path probe = folder.resolve(".probe");
        try {
            Files.writeString(probe, "x");
            Files.delete(probe);
            locked.close();
            assumeTrue(false, "cannot make " + folder + " unwritable here (no chattr, and permissions do not stop this user)");
        } catch (IOException expected) {
            // the folder is unwritable
        }
        return locked;
    }

    @Override
    public void close() {
        if (immutable) {
            Shell.run(folder, Map.of(), List.of("chattr", "-i", folder.toString()));
        } else {
            try {
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
