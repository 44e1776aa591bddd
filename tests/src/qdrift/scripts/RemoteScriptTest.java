package qdrift.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.testing.ProjectRoot;
import qdrift.testing.Shell;

/**
 * The scripts as a remote catalog runs them (`jbang qd-drift@owner/repo`): JBang reads each file by URL and drops the
 * `//SOURCES lib/**.java` glob there, so every script also sources lib/Sources.java, one //SOURCES line per lib file.
 * The checkout is served over loopback HTTP by the JDK's own server, as GitHub's raw files would serve it.
 */
class RemoteScriptTest {
    private static final List<String> SCRIPTS = List.of("export.java", "drift.java", "compare-envs.java", "notify.java", "sandbox.java", "doctor.java");
    private static HttpServer server;
    private static String base;
    /** One JBang home for the class (the second run reuses the first one's build), none shared with other runs. */
    @TempDir
    static Path jbangHome;

    @BeforeAll
    static void serveTheCheckout() throws IOException {
        Path root = ProjectRoot.get().toRealPath();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            byte[] body = file.startsWith(root) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (body != null) {
                    out.write(body);
                }
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void theSourcesListNamesEveryLibFileOnce() throws IOException {
        Path lib = ProjectRoot.get().resolve("lib");
        List<String> expected;
        try (Stream<Path> files = Files.walk(lib.resolve("qdrift"))) {
            expected = files.filter(p -> p.toString().endsWith(".java"))
                    .map(p -> lib.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
        List<String> listed = new ArrayList<>();
        for (String line : Files.readAllLines(lib.resolve("Sources.java"))) {
            if (line.startsWith("//SOURCES ")) {
                listed.add(line.substring("//SOURCES ".length()).strip());
            }
        }
        assertEquals(expected, listed, "lib/Sources.java is out of date: run .ci/update-sources");
    }

    @Test
    void everyScriptSourcesTheList() throws IOException {
        for (String script : SCRIPTS) {
            List<String> lines = Files.readAllLines(ProjectRoot.get().resolve(script));
            assertTrue(lines.contains("//SOURCES lib/Sources.java"), script + " does not source lib/Sources.java");
        }
    }

    @Test
    void driftRunsByItsUrl() {
        Shell.Result result = jbangFrom(base + "drift.java", "--version");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("qualytics-drift 0.1.0", result.out().strip(), result::toString);
    }

    @Test
    void aCatalogAliasRunsByTheCatalogsUrl() {
        Shell.Result result = jbangFrom("qd-drift@" + base + "jbang-catalog.json", "--version");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("qualytics-drift 0.1.0", result.out().strip(), result::toString);
    }

    /** ./jbang with its own JBang home, so no URL cached by an earlier run (same port, other content) is reused. */
    private static Shell.Result jbangFrom(String... args) {
        List<String> command = new ArrayList<>(List.of(ProjectRoot.get().resolve("jbang").toString()));
        command.addAll(List.of(args));
        return Shell.run(jbangHome, Map.of("NO_COLOR", "1", "JBANG_NO_VERSION_CHECK", "true",
                "JBANG_DIR", jbangHome.resolve("jbang-home").toString()), command);
    }
}
