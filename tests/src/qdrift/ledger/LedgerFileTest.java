package qdrift.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger file: whole lines only, under concurrent appends, a kill -9 mid-write and a torn last line. */
class LedgerFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    static LedgerLine line(String time, String status, List<String> fingerprints) {
        return new LedgerLine(LedgerLine.SCHEMA, time, "drift", status, "acme.qualytics.io", List.of(42L),
                "qualytics-config", "abc123", fingerprints, Map.of("findings", fingerprints.size()));
    }

    /** Every non-empty line of the file must be a JSON object, except possibly a torn last one (tornAllowed). */
    static List<String> assertValidJsonLines(Path file, boolean tornAllowed) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            try {
                assertTrue(JSON.readTree(lines.get(i)).isObject());
            } catch (IOException | AssertionError e) {
                bad.add(i + ": " + lines.get(i).substring(0, Math.min(80, lines.get(i).length())));
            }
        }
        assertTrue(bad.isEmpty() || (tornAllowed && bad.size() == 1 && bad.get(0).startsWith((lines.size() - 1) + ":")),
                "lines that are not JSON: " + bad);
        return lines;
    }

    @Test
    void appendsOneJsonLinePerRunAndReadsThemBack() throws IOException {
        LedgerFile ledger = new LedgerFile(temp.resolve("ledger.jsonl"));
        ledger.append(contents -> line("2026-11-01T09:00:00Z", "clean", List.of()));
        ledger.append(contents -> {
            assertEquals(1, contents.lines().size(), "the second append sees the first line");
            return line("2026-11-01T10:00:00Z", "drift", List.of("f1", "f2"));
        });

        List<String> lines = assertValidJsonLines(ledger.path(), false);
        assertEquals(2, lines.size());
        assertEquals("{\"schema\":\"qualytics-drift/ledger/v1\",\"time\":\"2026-11-01T10:00:00Z\",\"kind\":\"drift\",\"status\":\"drift\","
                + "\"host\":\"acme.qualytics.io\",\"datastores\":[42],\"path\":\"qualytics-config\",\"commit\":\"abc123\","
                + "\"fingerprints\":[\"f1\",\"f2\"],\"counts\":{\"findings\":2}}", lines.get(1));
        assertEquals(List.of("f1", "f2"), ledger.read().lines().get(1).fingerprints());
    }

    @Test
    void aTornLastLineIsSkippedOnReadAndNeverSwallowsTheNextAppend() throws IOException {
        Path file = temp.resolve("ledger.jsonl");
        LedgerFile ledger = new LedgerFile(file);
        ledger.append(contents -> line("2026-11-01T09:00:00Z", "drift", List.of("f1")));
        Files.writeString(file, "{\"schema\":\"qualytics-drift/ledger/v1\",\"time\":\"2026-11-01T10:0",
                java.nio.file.StandardOpenOption.APPEND); // what a run killed mid-write leaves

        ledger.append(contents -> {
            assertEquals(1, contents.lines().size());
            assertEquals(1, contents.skipped(), "the torn line is counted, not fatal");
            return line("2026-11-01T11:00:00Z", "drift", List.of("f1"));
        });

        LedgerFile.Contents read = ledger.read();
        assertEquals(List.of("2026-11-01T09:00:00Z", "2026-11-01T11:00:00Z"), read.lines().stream().map(LedgerLine::time).toList());
        assertEquals(1, read.skipped());
    }

    @Test
    void concurrentAppendsInOneProcessNeverInterleave() throws Exception {
        LedgerFile ledger = new LedgerFile(temp.resolve("ledger.jsonl"));
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            Thread writer = new Thread(() -> IntStream.range(0, 25).forEach(i ->
                    ledger.append(c -> line(Instant.ofEpochSecond(thread * 1000L + i).toString(), "drift", bigFingerprints(thread, 50)))));
            writer.start();
            threads.add(writer);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(100, assertValidJsonLines(ledger.path(), false).size());
        assertEquals(100, ledger.read().lines().size());
    }

    @Test
    void concurrentAppendsFromTwoProcessesNeverInterleave() throws Exception {
        Path file = temp.resolve("ledger.jsonl");
        List<Process> writers = List.of(writer(file, "30", "20"), writer(file, "30", "20"));
        for (Process writer : writers) {
            assertTrue(writer.waitFor(60, TimeUnit.SECONDS), "a writer process did not finish");
            assertEquals(0, writer.exitValue(), new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(60, assertValidJsonLines(file, false).size());
    }

    @Test
    void aRunKilledWithSigkillWhileAppendingLeavesValidJsonLines() throws Exception {
        Path file = temp.resolve("ledger.jsonl");
        Process writer = writer(file, "100000", "2000");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((!Files.exists(file) || Files.size(file) < 500_000) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            writer.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs in the writer
        }
        assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        assertTrue(Files.size(file) >= 500_000, "the writer did not get going");
        int before = assertValidJsonLines(file, true).size();

        LedgerFile ledger = new LedgerFile(file);
        ledger.append(contents -> line("2030-01-01T00:00:00Z", "clean", List.of()));

        List<String> after = assertValidJsonLines(file, true);
        assertEquals("2030-01-01T00:00:00Z", JSON.readTree(after.get(after.size() - 1)).path("time").asText(),
                "the next run's line is whole and last");
        assertTrue(after.size() == before + 1, before + " lines before, " + after.size() + " after");
    }

    private Process writer(Path file, String count, String fingerprints) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Writer.class.getName(), file.toString(), count, fingerprints)
                .redirectErrorStream(true).start();
    }

    static List<String> bigFingerprints(int seed, int n) {
        return IntStream.range(0, n).mapToObj(i -> String.format("%016x", (long) seed * 1_000_003L + i)).toList();
    }

    /** Runs in a child JVM: appends count lines of the given number of fingerprints as fast as it can. */
    public static final class Writer {
        public static void main(String[] args) {
            LedgerFile ledger = new LedgerFile(Path.of(args[0]));
            int count = Integer.parseInt(args[1]);
            int fingerprints = Integer.parseInt(args[2]);
            long pid = ProcessHandle.current().pid();
            for (int i = 0; i < count; i++) {
                int n = i;
                ledger.append(c -> line(Instant.ofEpochSecond(pid * 100_000 + n).toString(), "drift", bigFingerprints(n, fingerprints)));
            }
        }
    }
}
