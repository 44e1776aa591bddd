package qdrift.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.cli.ShellWords;
import qdrift.testing.ProjectRoot;
import qdrift.testing.Shell;

/**
 * The scripts as cron starts them: `env -i HOME=<fresh> PATH=<java dir>:/usr/bin:/bin`, so no LANG (the JVM's locale
 * charset is then US-ASCII) and cold caches (JBang bootstrapped again by the launcher, every script compiled again).
 * The fresh HOME borrows this machine's Maven repository so that nothing is downloaded; JBang's build cache and the
 * launcher's cache start empty. JBANG_DIR points JBang into that HOME: Java takes user.home from the password file,
 * not from $HOME, so without it JBang would reuse this machine's warm cache.
 */
class ColdEnvironmentTest {
    private static final List<String> SCRIPTS = List.of("export.java", "drift.java", "compare-envs.java", "notify.java",
            "sandbox.java", "revert.java", "doctor.java");

    @Test
    void everyScriptBuildsAndRunsWithoutALocaleAndAReportKeepsItsArrows(@TempDir Path temp) throws IOException {
        Path home = freshHome(temp);
        for (String script : SCRIPTS) {
            Shell.Result version = cron(home, temp, List.of(launcher(), ProjectRoot.get().resolve(script).toString(), "--version"));
            assertEquals(0, version.exitCode(), script + ": " + version);
            assertEquals("qualytics-drift 0.1.0", version.out().strip(), script + ": " + version);
        }
        assertTrue(Files.isDirectory(home.resolve(".jbang/cache")), "JBang built in the fresh HOME, not in a shared cache");

        Shell.Result demo = cron(home, temp, List.of(launcher(), ProjectRoot.get().resolve("drift.java").toString(), "--demo"));
        assertEquals(1, demo.exitCode(), demo::toString);
        assertTrue(demo.out().contains("→"), "the report keeps its arrows: " + demo);

        Path bin = temp.resolve("bin");
        Shell.Result install = cron(home, temp, List.of(launcher(), "install", "--dir", bin.toString()));
        assertEquals(0, install.exitCode(), install::toString);
        Shell.Result installed = cron(home, temp, List.of(bin.resolve("qd-drift").toString(), "--version"));
        assertEquals(0, installed.exitCode(), installed::toString);
        assertEquals("qualytics-drift 0.1.0", installed.out().strip(), installed::toString);
        if (System.getenv("QD_JBANG_NO_CDS") != null) {
            assertFalse(Files.exists(home.resolve(".cache/qualytics-drift/cds")), "no class list, no archive dump left writing");
        }
    }

    @Test
    void fourColdFirstRunsStartedTogetherAllSucceed(@TempDir Path temp) throws IOException {
        Path home = freshHome(temp);
        List<CompletableFuture<Shell.Result>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> cron(home, temp,
                    List.of(launcher(), ProjectRoot.get().resolve("notify.java").toString(), "--version"))));
        }
        for (CompletableFuture<Shell.Result> run : runs) {
            Shell.Result result = run.join();
            assertEquals(0, result.exitCode(), result::toString);
            assertEquals("qualytics-drift 0.1.0", result.out().strip(), result::toString);
        }
        assertEquals(1, countFiles(home.resolve(".cache/qualytics-drift/commands")), "one prepared command for the one build");
    }

    @Test
    void onATerminalTheFirstRunSaysWhatItBuildsAndThatItHappensOnce(@TempDir Path temp) throws IOException {
        Path home = freshHome(temp);
        String command = ShellWords.quote(launcher()) + " " + ShellWords.quote(ProjectRoot.get().resolve("notify.java").toString()) + " --version";
        // `script` gives the launcher a terminal; its stdout is that terminal's output
        Shell.Result first = cron(home, temp, List.of("script", "-qec", command, "/dev/null"));
        assertEquals(0, first.exitCode(), first::toString);
        assertTrue(first.out().contains("Building notify.java") && first.out().contains("once"), first::toString);
        Shell.Result second = cron(home, temp, List.of("script", "-qec", command, "/dev/null"));
        assertEquals(0, second.exitCode(), second::toString);
        assertFalse(second.out().contains("Building"), "the next run starts at once: " + second);
    }

    /** A HOME with nothing in it but a link to this machine's Maven repository. */
    private static Path freshHome(Path temp) throws IOException {
        Path home = Files.createDirectories(temp.resolve("home"));
        Files.createDirectories(home.resolve(".m2"));
        Files.createSymbolicLink(home.resolve(".m2/repository"), Path.of(System.getProperty("user.home"), ".m2", "repository"));
        return home;
    }

    private static Shell.Result cron(Path home, Path dir, List<String> command) {
        List<String> line = new ArrayList<>(List.of("env", "-i", "HOME=" + home,
                "PATH=" + Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin", "JBANG_DIR=" + home.resolve(".jbang")));
        // tests/pom.xml turns the launcher's class-data sharing off: no archive dumped in the background into a HOME
        // the test deletes (LauncherCdsTest covers it)
        String noCds = System.getenv("QD_JBANG_NO_CDS");
        if (noCds != null) {
            line.add("QD_JBANG_NO_CDS=" + noCds);
        }
        line.addAll(command);
        return Shell.run(dir, Map.of(), line);
    }

    private static String launcher() {
        return ProjectRoot.get().resolve("jbang").toString();
    }

    private static long countFiles(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.count();
        }
    }
}
