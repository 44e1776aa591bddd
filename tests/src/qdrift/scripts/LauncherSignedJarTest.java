package qdrift.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.testing.ProjectRoot;
import qdrift.testing.Shell;

/**
 * The ./jbang launcher's unsigned copies (jbang, section 4a): a prepared command runs JGit's signed jar as a copy
 * without its signature, holding the same entries; without the JDK's jar tool the signed jar stays. A one-class
 * script using JGit, in a temporary folder with its own launcher cache and JBang folder.
 */
class LauncherSignedJarTest {
    private static final String JGIT = "org.eclipse.jgit:org.eclipse.jgit:7.1.0.202411261347-r";
    private static final String SCRIPT = """
            //JAVA 17+
            //DEPS %s
            public class signed {
                public static void main(String[] args) {
                    Object[] signers = org.eclipse.jgit.lib.Constants.class.getProtectionDomain().getCodeSource().getCodeSigners();
                    System.out.println("blob type " + org.eclipse.jgit.lib.Constants.OBJ_BLOB + ", signed " + (signers != null && signers.length > 0));
                }
            }
            """.formatted(JGIT);

    @TempDir
    Path temp;
    private Path script;

    @BeforeEach
    void aScriptAndACache() throws IOException {
        script = Files.writeString(Files.createDirectories(temp.resolve("scripts")).resolve("signed.java"), SCRIPT);
        Path cache = Files.createDirectories(temp.resolve("cache"));
        Path jbang = LauncherCdsTest.realCache().resolve("jbang-0.132.1");
        if (Files.exists(jbang.resolve("lib/.complete"))) {
            Files.createSymbolicLink(cache.resolve("jbang-0.132.1"), jbang);   // no second bootstrap of JBang
        }
    }

    @Test
    void aSignedJarRunsAsAnUnsignedCopyWithTheSameEntries() throws IOException {
        Shell.Result direct = launch(Map.of("QD_JBANG_NO_CACHE", "1"));
        assertEquals(0, direct.exitCode(), direct::toString);
        assertEquals("blob type 3, signed true", direct.out().strip(), "JBang itself runs the jar as Maven has it");

        Shell.Result cached = launch(Map.of());
        assertEquals(0, cached.exitCode(), cached::toString);
        assertEquals("blob type 3, signed false", cached.out().strip());
        assertEquals(cached, launch(Map.of()), "the next run, from the prepared command, is the same");

        String command = Files.readString(onlyFile(temp.resolve("cache/commands")));
        List<String> jars = classpath(command);
        Path copy = jars.stream().filter(jar -> jar.contains("/cache/jars/org.eclipse.jgit-")).map(Path::of).findFirst()
                .orElseThrow(() -> new AssertionError("no copy of JGit on the classpath: " + command));
        assertTrue(copy.getFileName().toString().matches("org\\.eclipse\\.jgit-7\\.1\\.0\\.202411261347-r-unsigned-[0-9a-f]{16}\\.jar"), copy::toString);
        assertFalse(jars.stream().anyMatch(jar -> jar.endsWith("/org.eclipse.jgit-7.1.0.202411261347-r.jar")), "the signed jar is gone: " + command);
        Path original = Path.of(System.getProperty("user.home"), ".m2/repository/org/eclipse/jgit/org.eclipse.jgit/7.1.0.202411261347-r/org.eclipse.jgit-7.1.0.202411261347-r.jar");
        Set<String> signature = Set.of("META-INF/ECLIPSE_.SF", "META-INF/ECLIPSE_.RSA");
        Set<String> originalEntries = entries(original);
        assertTrue(originalEntries.containsAll(signature), "the test's premise: Maven's JGit jar is signed");
        Set<String> expected = new TreeSet<>(originalEntries);
        expected.removeAll(signature);
        assertEquals(expected, entries(copy), "the same entries but the signature files");
        try (JarFile jar = new JarFile(copy.toFile())) {
            assertEquals(Set.of(), jar.getManifest().getEntries().keySet(), "no per-entry digests left in the manifest");
            assertEquals("7.1.0.202411261347-r", jar.getManifest().getMainAttributes().getValue("Implementation-Version"),
                    "the main section kept");
        }
    }

    @Test
    void withoutTheJarToolTheSignedJarStays() throws IOException {
        // a JDK whose java is a wrapper (readlink -f cannot lead to the real bin/jar) and that has no jar tool
        Path home = Files.createDirectories(temp.resolve("jdk/bin"));
        Path realJava = Path.of(System.getProperty("java.home"), "bin", "java");
        Path java = Files.writeString(home.resolve("java"), "#!/bin/sh\nexec '" + realJava + "' \"$@\"\n");
        assertTrue(java.toFile().setExecutable(true));
        Files.copy(Path.of(System.getProperty("java.home"), "release"), temp.resolve("jdk/release"));
        Shell.Result run = launch(Map.of("JAVA_HOME", temp.resolve("jdk").toString()));
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("blob type 3, signed true", run.out().strip());
        assertFalse(Files.exists(temp.resolve("cache/jars")), "no copy was made");
    }

    private Shell.Result launch(Map<String, String> env) {
        List<String> command = new ArrayList<>(List.of("env", "-u", "JAVA_TOOL_OPTIONS"));
        env.forEach((name, value) -> command.add(name + "=" + value));
        command.add(ProjectRoot.get().resolve("jbang").toString());
        command.add(script.toString());
        return Shell.run(temp, Map.of("QD_JBANG_CACHE", temp.resolve("cache").toString(), "JBANG_DIR", temp.resolve("jbang").toString(),
                "JBANG_NO_VERSION_CHECK", "true"), command);
    }

    private static List<String> classpath(String command) {
        return List.of(command.replaceAll(".* -classpath ([^ ]+) .*", "$1").split(":"));
    }

    private static Set<String> entries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Set<String> names = new TreeSet<>();
            Collections.list(file.entries()).forEach(entry -> names.add(entry.getName()));
            return names;
        }
    }

    private static Path onlyFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.toList();
            assertEquals(1, found.size(), "one prepared command: " + found);
            return found.get(0);
        }
    }
}
