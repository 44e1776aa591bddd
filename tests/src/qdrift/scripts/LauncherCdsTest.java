package qdrift.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.testing.ProjectRoot;
import qdrift.testing.Shell;

/**
 * The ./jbang launcher's class-data sharing (jbang, section 4b), with a one-class script in a temporary folder, its own
 * launcher cache and JBang folder: `./jbang build` makes the archive, runs map it, a damaged or mismatched archive
 * changes no byte of output nor the exit code, QD_JBANG_NO_CDS=1 writes nothing, old files are cleaned up. The test
 * environment sets QD_JBANG_NO_CDS=1 (tests/pom.xml); these runs unset it.
 */
class LauncherCdsTest {
    private static final String HELLO = """
            //JAVA 17+
            public class hello {
                public static void main(String[] args) {
                    if (args.length > 0 && args[0].equals("--help")) {
                        System.out.println("Usage: hello [--fail] WORDS");
                        return;
                    }
                    if (args.length > 0 && args[0].equals("--fail")) {
                        System.err.println("hello: failing as asked");
                        System.exit(3);
                    }
                    System.out.println("hello " + String.join(" ", args) + " " + new java.util.TreeMap<>(java.util.Map.of("k", "v")));
                }
            }
            """;

    @TempDir
    Path temp;
    private Path script;
    private Path cds;

    @BeforeEach
    void aScriptAndACache() throws IOException {
        script = Files.writeString(Files.createDirectories(temp.resolve("scripts")).resolve("hello.java"), HELLO);
        Path cache = Files.createDirectories(temp.resolve("cache"));
        Path jbang = realCache().resolve("jbang-0.132.1");
        if (Files.exists(jbang.resolve("lib/.complete"))) {
            Files.createSymbolicLink(cache.resolve("jbang-0.132.1"), jbang);   // no second bootstrap of JBang
        }
        cds = cache.resolve("cds");
    }

    /** Waits for the background dumps: they hold the dump lock (twice, for one that was starting at the first wait). */
    @AfterEach
    void noDumpLeftRunning() throws InterruptedException {
        for (int pass = 0; pass < 2; pass++) {
            if (Files.exists(cds.resolve("dump.lock"))) {
                Shell.Result wait = Shell.run(temp, Map.of(), List.of("flock", "-w", "300", cds.resolve("dump.lock").toString(), "true"));
                assertEquals(0, wait.exitCode(), "a background dump still holds the lock: " + wait);
            }
            Thread.sleep(1000);
        }
    }

    @Test
    void buildMakesTheArchiveAndRunsMapItWithTheSameOutput() throws IOException {
        Shell.Result build = launch(Map.of(), "build", script.toString());
        assertEquals(0, build.exitCode(), build::toString);
        Path archive = only(cds, ".jsa");

        Path log = temp.resolve("class-load.log");
        Shell.Result shared = launch(Map.of("QD_JBANG_CDS_LOG", log.toString()), script.toString(), "a", "b");
        assertTrue(Files.readString(log).contains("hello source: shared objects file"), "the script's class came from the archive");
        assertEquals(plain("a", "b"), shared);
        assertEquals(plain("--fail"), launch(Map.of(), script.toString(), "--fail"));
        assertEquals(List.of(archive), files(cds, ".jsa"), "no second archive");
    }

    @Test
    void aDamagedArchiveChangesNoByteNorTheExitCode() throws IOException {
        assertEquals(0, launch(Map.of(), "build", script.toString()).exitCode());
        Path archive = only(cds, ".jsa");
        byte[] good = Files.readAllBytes(archive);
        Shell.Result ok = plain("x");
        Shell.Result failing = plain("--fail");
        Map<String, byte[]> damages = new HashMap<>();
        damages.put("empty", new byte[0]);
        damages.put("truncated to 100 kB", java.util.Arrays.copyOf(good, 100_000));
        damages.put("truncated to half", java.util.Arrays.copyOf(good, good.length / 2));
        byte[] corrupt = good.clone();
        byte[] noise = new byte[100_000];
        new Random(18).nextBytes(noise);
        System.arraycopy(noise, 0, corrupt, good.length / 3, noise.length);
        damages.put("corrupt in the middle", corrupt);
        byte[] header = good.clone();
        System.arraycopy(noise, 0, header, 0, 64);
        damages.put("corrupt header", header);
        for (Map.Entry<String, byte[]> damage : damages.entrySet()) {
            replace(archive, damage.getValue());
            Path log = temp.resolve("load-" + damage.getKey().replace(' ', '-') + ".log");
            assertEquals(ok, launch(Map.of("QD_JBANG_CDS_LOG", log.toString()), script.toString(), "x"), damage.getKey());
            assertEquals(failing, launch(Map.of(), script.toString(), "--fail"), damage.getKey());
            assertFalse(Files.readString(log).contains("hello source: shared objects file"), damage.getKey() + " was mapped");
        }
        replace(archive, good);
        // the user's JVM options: their "Picked up" line with the archive as without it
        Map<String, String> tool = Map.of("JAVA_TOOL_OPTIONS", "-Xmx256m");
        assertEquals(plain(tool, "x"), launch(tool, script.toString(), "x"));
    }

    /** A jar rebuilt (here: touched) has another key; its archive slot given the old archive: skipped in silence. */
    @Test
    void anArchiveOfAnotherJarIsSkippedSilentlyAndARebuiltJarGetsItsOwn() throws IOException {
        assertEquals(0, launch(Map.of(), "build", script.toString()).exitCode());
        Path archive = only(cds, ".jsa");
        Shell.Result ok = plain("x");
        Path jar = jarOf(Files.readString(only(temp.resolve("cache/commands"), "")));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals(ok, launch(Map.of(), script.toString(), "x"), "the first run on the new jar writes its class list");
        Path list = files(cds, "").stream().filter(f -> f.getFileName().toString().matches(".*\\.classlist\\.[0-9]+")).findFirst()
                .orElseThrow(() -> new AssertionError("no class list of the new key: " + files(cds, "")));
        String base = list.getFileName().toString().replaceAll("\\.classlist\\.[0-9]+$", "");
        assertFalse(archive.getFileName().toString().startsWith(base + "."), "the touched jar has a key of its own");
        Path mismatched = cds.resolve(base + ".jsa");
        Files.copy(archive, mismatched);
        Path log = temp.resolve("mismatch.log");
        assertEquals(ok, launch(Map.of("QD_JBANG_CDS_LOG", log.toString()), script.toString(), "x"));
        assertEquals(plain("--fail"), launch(Map.of(), script.toString(), "--fail"));
        assertFalse(Files.readString(log).contains("hello source: shared objects file"), "an archive of another jar is not mapped");
    }

    /** Without `./jbang build`: the first run writes the list, the next starts the dump in the background. */
    @Test
    void runsAtOnceMakeOneArchiveInTheBackgroundThatLaterRunsMap() throws IOException, InterruptedException {
        Shell.Result ok = plain("x");
        assertEquals(ok, launch(Map.of(), script.toString(), "x"));
        List<CompletableFuture<Shell.Result>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> launch(Map.of(), script.toString(), "x")));
        }
        for (CompletableFuture<Shell.Result> run : runs) {
            assertEquals(ok, run.join());
        }
        noDumpLeftRunning();
        Shell.Result more = launch(Map.of(), script.toString(), "x");   // when every dump had found the lock taken
        assertEquals(ok, more);
        noDumpLeftRunning();
        assertEquals(1, files(cds, ".jsa").size(), "one archive: " + files(cds, ""));
        assertEquals(List.of(), files(cds, "").stream().filter(f -> f.toString().contains(".tmp.")).toList(), "no temporary file left");
        Path log = temp.resolve("later.log");
        assertEquals(ok, launch(Map.of("QD_JBANG_CDS_LOG", log.toString()), script.toString(), "x"));
        assertTrue(Files.readString(log).contains("hello source: shared objects file"), "a later run maps the archive");
    }

    @Test
    void turnedOffItWritesNothing() {
        Map<String, String> off = Map.of("QD_JBANG_NO_CDS", "1");
        assertEquals(0, launch(off, "build", script.toString()).exitCode());
        for (int i = 0; i < 3; i++) {
            assertEquals(0, launch(off, script.toString(), "x").exitCode());
        }
        assertFalse(Files.exists(cds), "no cds folder");
    }

    /** When a command is prepared, cds files no run read for 30 days go, as old prepared commands do. */
    @Test
    void theCacheCleanUpCoversTheArchives() throws IOException {
        Files.createDirectories(cds);
        Path old = Files.writeString(cds.resolve("gone-0123.jsa"), "old");
        Path recent = Files.writeString(cds.resolve("kept-0123.jsa"), "recent");
        Files.setAttribute(old, "lastAccessTime", FileTime.from(Instant.now().minus(Duration.ofDays(40))));
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(40))));
        assertEquals(0, launch(Map.of("QD_JBANG_NO_CDS", "1"), script.toString(), "x").exitCode(), "prepares the command");
        assertFalse(Files.exists(old), "a file unused for 40 days is removed");
        assertTrue(Files.exists(recent), "a recent one stays");
    }

    private Shell.Result plain(String... args) {
        return plain(Map.of(), args);
    }

    /** The same run without class-data sharing. */
    private Shell.Result plain(Map<String, String> env, String... args) {
        Map<String, String> off = new HashMap<>(env);
        off.put("QD_JBANG_NO_CDS", "1");
        return launch(off, Stream.concat(Stream.of(script.toString()), Stream.of(args)).toArray(String[]::new));
    }

    private Shell.Result launch(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("env", "-u", "QD_JBANG_NO_CDS", "-u", "JAVA_TOOL_OPTIONS"));
        env.forEach((name, value) -> command.add(name + "=" + value));
        command.add(ProjectRoot.get().resolve("jbang").toString());
        command.addAll(List.of(args));
        return Shell.run(temp, Map.of("QD_JBANG_CACHE", temp.resolve("cache").toString(), "JBANG_DIR", temp.resolve("jbang").toString(),
                "JBANG_NO_VERSION_CHECK", "true"), command);
    }

    static Path realCache() {
        String cache = System.getenv("QD_JBANG_CACHE");
        if (cache != null) {
            return Path.of(cache);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("qualytics-drift");
    }

    private static Path jarOf(String command) {
        String classpath = command.replaceAll(".* -classpath ([^ ]+) .*", "$1");
        return Path.of(classpath.split(":")[0]);
    }

    private static void replace(Path archive, byte[] bytes) throws IOException {
        archive.toFile().setWritable(true);
        try (RandomAccessFile file = new RandomAccessFile(archive.toFile(), "rw")) {
            file.setLength(0);
            file.write(bytes);
        }
    }

    private static Path only(Path dir, String suffix) {
        List<Path> found = files(dir, suffix);
        assertEquals(1, found.size(), "one file ending in '" + suffix + "' in " + dir + ": " + found);
        return found.get(0);
    }

    private static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
