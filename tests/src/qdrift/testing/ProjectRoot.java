package qdrift.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root (where the scripts live), found from the test run's system property or working directory. */
public final class ProjectRoot {
    private ProjectRoot() {
    }

    public static Path get() {
        String property = System.getProperty("qdrift.root");
        Path start = property != null ? Path.of(property) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("jbang-catalog.json")) && Files.isDirectory(p.resolve("lib"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root from " + start);
    }
}
