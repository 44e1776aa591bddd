package qdrift.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.testing.ProjectRoot;
import qdrift.testing.Shell;

/**
 * `./jbang install` on a machine without a system JBang: commands named like the catalog's aliases that call the
 * checkout's launcher by absolute path, so `qd-drift --version` works from any folder with no `jbang` on PATH.
 */
class InstallTest {
    private static final List<String> COMMANDS = List.of("qd-export", "qd-drift", "qd-compare-envs", "qd-notify", "qd-sandbox", "qd-doctor");

    @Test
    void installedCommandsWorkFromAnotherFolderWithoutJBangOnPath(@TempDir Path temp) throws IOException {
        Path bin = temp.resolve("bin");
        String path = pathWithoutJBang();
        Shell.Result install = Shell.run(ProjectRoot.get(), Map.of("PATH", path),
                List.of(ProjectRoot.get().resolve("jbang").toString(), "install", "--dir", bin.toString(), "--no-build"));
        assertEquals(0, install.exitCode(), install::toString);
        for (String command : COMMANDS) {
            assertTrue(Files.isExecutable(bin.resolve(command)), command + " was not installed: " + install);
        }
        assertTrue(install.err().contains("is not on PATH"), "says how to put the folder on PATH: " + install);

        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Shell.Result which = Shell.run(elsewhere, Map.of("PATH", path), List.of("bash", "-c", "type -P jbang || echo none"));
        assertEquals("none", which.out().strip(), "the test PATH must not hold a jbang");
        Shell.Result version = Shell.run(elsewhere, Map.of("PATH", path, "NO_COLOR", "1"),
                List.of(bin.resolve("qd-drift").toString(), "--version"));
        assertEquals(0, version.exitCode(), version::toString);
        assertEquals("qualytics-drift 0.1.0", version.out().strip(), version::toString);
        assertFalse(version.err().contains("not found"), version::toString);

        // a typo, as typed into the installed command: the suggestion, and the message names qd-drift (issue 17 item 9)
        Shell.Result typo = Shell.run(elsewhere, Map.of("PATH", path, "NO_COLOR", "1"),
                List.of(bin.resolve("qd-drift").toString(), "--datastore", "10"));
        assertEquals(2, typo.exitCode(), typo::toString);
        assertTrue(typo.err().strip().endsWith("; did you mean --datastore-id? (see qd-drift --help)"), typo::toString);
    }

    @Test
    void anUnknownInstallOptionIsAUsageError(@TempDir Path temp) {
        Shell.Result result = Shell.run(temp, Map.of(), List.of(ProjectRoot.get().resolve("jbang").toString(), "install", "--bogus"));
        assertEquals(2, result.exitCode(), result::toString);
        assertEquals(1, result.err().strip().lines().count(), result::toString);
        assertTrue(result.err().contains("--bogus"), result::toString);
        assertEquals(List.of(), List.of(temp.toFile().list()), "nothing written");
    }

    /** This machine's PATH minus every folder holding a jbang (a machine that bootstrapped through ./jbang only). */
    private static String pathWithoutJBang() {
        return Arrays.stream(System.getenv("PATH").split(":"))
                .filter(dir -> !dir.isEmpty() && !Files.exists(Path.of(dir, "jbang")))
                .collect(Collectors.joining(":"));
    }
}
