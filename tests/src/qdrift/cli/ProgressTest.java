package qdrift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.SandboxOptions;
import qdrift.sandbox.TenantSpec;
import qdrift.testing.ProjectRoot;
import qdrift.testing.Shell;

/**
 * The progress line of long exports: drawn in place on a terminal (the Log's terminal flag, injected here), erased
 * before any message and at the end; never anything when stderr is not a terminal or with --quiet.
 */
class ProgressTest {
    private static final long WAIT_MS = Progress.FIRST_MS + 3 * Progress.EVERY_MS;

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAndErasedAtTheEnd() throws InterruptedException {
        StringWriter err = new StringWriter();
        Log log = new Log(new PrintWriter(err), false, false, true);
        AtomicInteger requests = new AtomicInteger();
        try (Progress progress = Progress.start(log, () -> "Reading the API: " + requests.incrementAndGet() + " requests")) {
            waitFor(() -> err.toString().contains("Reading the API: 2 requests"));
            log.info("Read datastore 1 (prod): 3 containers, 4 checks.");
            waitFor(() -> err.toString().endsWith("requests\033[K"));
        }
        String text = err.toString();
        assertTrue(text.startsWith("\rReading the API: 1 requests\033[K"), text);
        assertTrue(text.contains("\033[K\r\033[KRead datastore 1 (prod): 3 containers, 4 checks.\n\r"), "a message erases the line first: " + text);
        assertTrue(text.endsWith("\r\033[K"), "closing erases the line: " + text);
        int length = text.length();
        Thread.sleep(2 * Progress.EVERY_MS);
        assertEquals(length, err.toString().length(), "nothing drawn after close");
    }

    @Test
    void offATerminalNothingIsDrawnAndNoThreadStarts() throws InterruptedException {
        StringWriter err = new StringWriter();
        Log log = new Log(new PrintWriter(err), false, false, false);
        try (Progress progress = Progress.start(log, () -> "Reading the API")) {
            Thread.sleep(WAIT_MS);
            log.info("done");
        }
        assertEquals("done\n", err.toString());
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("qdrift-progress")));
    }

    @Test
    void quietDrawsNothingEvenOnATerminal() throws InterruptedException {
        StringWriter err = new StringWriter();
        Log log = new Log(new PrintWriter(err), true, false, true);
        try (Progress progress = Progress.start(log, () -> "Reading the API")) {
            Thread.sleep(WAIT_MS);
        }
        assertEquals("", err.toString());
    }

    /** A real export whose stderr is a file (as in cron or a pipe), slow enough for the line to be due: no \r, no escape. */
    @Test
    void anExportWithStderrInAFileHasNoProgressLine(@TempDir Path temp) {
        try (Sandbox sandbox = Sandbox.start(TenantSpec.of(7, 200, 30), SandboxOptions.defaults().withLatencyMs(15))) {
            Shell.Result result = Shell.run(temp, Map.of("QUALYTICS_URL", sandbox.url(), "QUALYTICS_TOKEN", sandbox.token()),
                    List.of(ProjectRoot.get().resolve("jbang").toString(), ProjectRoot.get().resolve("export.java").toString(),
                            "--all-datastores", "--folder", temp.resolve("out").toString(), "--concurrency", "1"));
            assertEquals(0, result.exitCode(), result::toString);
            assertTrue(result.err().contains("requests in"), result::toString);
            assertFalse(result.err().contains("\r") || result.err().contains("\033"), result::toString);
            assertFalse(result.err().contains("Reading the API"), result::toString);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(20);
        }
    }
}
