package qdrift.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.testing.ProjectRoot;
import qdrift.testing.Shell;

/**
 * The ./jbang launcher on a machine that cannot bootstrap JBang: one line naming the fix, a failure exit code,
 * and nothing half-installed in its cache. PATH holds only the shell tools the launcher needs.
 */
class LauncherTest {
    private static final List<String> SHELL_TOOLS = List.of("bash", "env", "dirname", "basename", "sed", "cut", "mktemp", "rm");

    @Test
    void withoutJavaItSaysToInstallJavaOrJBang(@TempDir Path temp) throws IOException {
        Shell.Result result = launch(temp, tools(temp.resolve("bin"), List.of()));
        assertEquals(3, result.exitCode(), result::toString);
        assertOneLineNaming(result, "no Java found");
        assertTrue(result.err().contains("https://www.jbang.dev/download/"), result::toString);
    }

    @Test
    void withJavaButNoMavenItSaysToInstallJBangOrMaven(@TempDir Path temp) throws IOException {
        Shell.Result result = launch(temp, tools(temp.resolve("bin"), List.of("java")));
        assertEquals(3, result.exitCode(), result::toString);
        assertOneLineNaming(result, "Maven is missing");
        assertTrue(Files.notExists(temp.resolve("cache/jbang-0.132.1/lib/.complete")), "nothing counts as installed");
    }

    /** Without a system JBang, `app install` is refused (it would install a command calling a missing `jbang`). */
    @Test
    void appInstallWithoutASystemJBangIsRefusedNamingTheLaunchersInstall(@TempDir Path temp) throws IOException {
        Path home = Files.createDirectories(temp.resolve("home"));
        Path bin = tools(temp.resolve("bin"), List.of("java"));
        Shell.Result result = Shell.run(ProjectRoot.get(), Map.of("PATH", bin.toString(), "HOME", home.toString(), "JAVA_HOME", "",
                "QD_JBANG_CACHE", temp.resolve("cache").toString()),
                List.of(bin.resolve("bash").toString(), ProjectRoot.get().resolve("jbang").toString(), "app", "install",
                        "qd-drift@" + ProjectRoot.get()));
        assertEquals(2, result.exitCode(), result::toString);
        assertOneLineNaming(result, "run " + ProjectRoot.get().resolve("jbang") + " install instead");
        try (var files = Files.list(home)) {
            assertEquals(List.of(), files.toList(), "no ~/.bashrc, ~/.zshrc nor ~/.jbang touched");
        }
    }

    /** The commands `./jbang install` writes say their own name (QD_COMMAND), so messages name qd-drift as typed. */
    @Test
    void installedCommandsCarryTheirOwnName(@TempDir Path temp) throws IOException {
        Path dir = temp.resolve("bin");
        Shell.Result result = Shell.run(ProjectRoot.get(), Map.of("PATH", dir + ":" + System.getenv("PATH")),
                List.of(ProjectRoot.get().resolve("jbang").toString(), "install", "--dir", dir.toString(), "--no-build"));
        assertEquals(0, result.exitCode(), result::toString);
        String command = Files.readString(dir.resolve("qd-drift"));
        assertTrue(command.contains("QD_COMMAND=qd-drift exec " + ProjectRoot.get().resolve("jbang") + " "
                + ProjectRoot.get().resolve("drift.java") + " \"$@\""), command);
    }

    /**
     * An old Java is named by its version and refused before anything is fetched, whether the launcher reads the
     * version from the image's release file (no JVM started) or, without one, asks the JVM.
     */
    @Test
    void anOldJavaIsRefusedNamingItsVersionFromItsReleaseFileOrItself(@TempDir Path temp) throws IOException {
        Path bin = tools(temp.resolve("bin"), List.of("readlink"));
        Path javaHome = Files.createDirectories(temp.resolve("jdk11/bin"));
        // a JVM that answers as Java 11 would; with a release file it is never started (its answer would say 12)
        Path java = Files.writeString(javaHome.resolve("java"), "#!/bin/sh\necho '    java.specification.version = 12' >&2\n");
        assertTrue(java.toFile().setExecutable(true));
        Files.writeString(temp.resolve("jdk11/release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"11.0.2\"\n");
        Shell.Result fromRelease = launch(temp, bin, temp.resolve("jdk11"));
        assertEquals(3, fromRelease.exitCode(), fromRelease::toString);
        assertOneLineNaming(fromRelease, "Java 11 found, 17+ needed");

        Files.delete(temp.resolve("jdk11/release"));
        Shell.Result fromTheJvm = launch(temp, bin, temp.resolve("jdk11"));
        assertEquals(3, fromTheJvm.exitCode(), fromTheJvm::toString);
        assertOneLineNaming(fromTheJvm, "Java 12 found, 17+ needed");
        assertTrue(Files.notExists(temp.resolve("cache/jbang-0.132.1")), "nothing fetched for an old Java");
    }

    private static Shell.Result launch(Path temp, Path bin, Path javaHome) {
        return Shell.run(ProjectRoot.get(), Map.of("PATH", bin.toString(), "JAVA_HOME", javaHome.toString(),
                "QD_JBANG_CACHE", temp.resolve("cache").toString(), "QD_JBANG_BOOTSTRAP", "1"),
                List.of(bin.resolve("bash").toString(), ProjectRoot.get().resolve("jbang").toString(), "version"));
    }

    private static Shell.Result launch(Path temp, Path bin) {
        return Shell.run(ProjectRoot.get(), Map.of("PATH", bin.toString(), "JAVA_HOME", "",
                "QD_JBANG_CACHE", temp.resolve("cache").toString(), "QD_JBANG_BOOTSTRAP", "1"),
                List.of(bin.resolve("bash").toString(), ProjectRoot.get().resolve("jbang").toString(), "version"));
    }

    private static void assertOneLineNaming(Shell.Result result, String words) {
        assertEquals("", result.out(), "nothing on stdout");
        assertEquals(1, result.err().strip().lines().count(), result::toString);
        assertTrue(result.err().startsWith("jbang launcher: ") && result.err().contains(words), result::toString);
    }

    /** A folder of links to the given tools (and the shell tools), found on this machine's PATH. */
    private static Path tools(Path bin, List<String> extra) throws IOException {
        Files.createDirectories(bin);
        for (String tool : concat(SHELL_TOOLS, extra)) {
            Path found = which(tool);
            Files.createSymbolicLink(bin.resolve(tool), found);
        }
        return bin;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static Path which(String tool) {
        for (String dir : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(tool + " is not on PATH");
    }
}
