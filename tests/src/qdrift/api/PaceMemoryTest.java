package qdrift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.cli.Log;
import qdrift.cli.ServerConfig;
import qdrift.sandbox.InstanceOptions;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.SandboxOptions;
import qdrift.sandbox.TenantSpec;
import qdrift.testing.ChildJvm;

/**
 * The pace memory: a run starts where the last run against the same instance ended, instead of a slow start that
 * costs a cron run over a second; the file holds nothing but a time, a word and a rate; a refused instance is
 * started at its refused pace; a stale, foreign or unreadable memory is a slow start.
 */
class PaceMemoryTest {
    private static final Pattern LINE = Pattern.compile("v1 \\d+ (unrefused|refused) (inf|\\d+\\.\\d)\\n");
    private final RetryTest.FakeClock clock = new RetryTest.FakeClock();

    @Test
    void aPacerLearnsTheRateThatWentThroughAndTheNextStartsThere() throws InterruptedException {
        Pacer first = new Pacer(0, clock);
        assertEquals(Optional.empty(), first.learned(Instant.EPOCH), "nothing learned at the start rate");
        for (int i = 0; i < 40; i++) {
            first.answered(first.acquire(), 200);
        }
        PaceMemory.Learned learned = first.learned(Instant.EPOCH).orElseThrow();
        assertFalse(learned.refused());
        assertTrue(learned.rps() > Pacer.START_RPS, "the pace grew: " + learned);

        Pacer next = new Pacer(0, clock, learned);
        assertEquals(learned.rps(), next.rate(), 0.001, "the next run resumes the slow start there");
        Pacer unpaced = new Pacer(0, clock, PaceMemory.Learned.unrefused(Double.POSITIVE_INFINITY, Instant.EPOCH));
        assertTrue(Double.isInfinite(unpaced.rate()), "a run that ended unpaced starts unpaced");
        unpaced.answered(unpaced.acquire(), 429);
        assertTrue(Double.isFinite(unpaced.rate()) && unpaced.rate() >= Pacer.MIN_RPS, "a refusal paces it again: " + unpaced.rate());
    }

    @Test
    void aRefusedInstanceStartsAtItsRefusedPaceAndARefusalStillCutsIt() throws InterruptedException {
        Pacer first = new Pacer(0, clock);
        first.answered(first.acquire(), 200);
        first.answered(first.acquire(), 429);
        PaceMemory.Learned learned = first.learned(Instant.EPOCH).orElseThrow();
        assertTrue(learned.refused());
        assertEquals(Pacer.START_RPS / 2, learned.rps(), 0.001, "the slow start halved on the refusal");

        Pacer next = new Pacer(0, clock, learned);
        assertEquals(Pacer.START_RPS / 2, next.rate(), 0.001, "no slow start against a known limit");
        next.answered(next.acquire(), 429);
        assertEquals(Pacer.START_RPS / 2 * Pacer.DECREASE, next.rate(), 0.001, "cut as any later refusal");
        Pacer capped = new Pacer(Double.POSITIVE_INFINITY, clock, learned);
        assertTrue(Double.isInfinite(capped.rate()), "--max-rps unpaced ignores the memory");
        assertEquals(Optional.empty(), capped.learned(Instant.EPOCH), "and teaches nothing");
    }

    @Test
    void theFileHoldsATimeAWordAndARateAndOnlyARecentReadableOneIsTrusted(@TempDir Path dir) throws Exception {
        PaceMemory memory = PaceMemory.in(dir);
        String url = "https://Acme.Qualytics.io/api";
        Instant now = Instant.parse("2026-12-07T12:00:00Z");
        memory.remember(url, PaceMemory.Learned.refusedAt(9.24, now));
        Path file = memory.file(url);
        assertEquals("acme.qualytics.io_443", file.getFileName().toString());
        String line = Files.readString(file);
        assertTrue(LINE.matcher(line).matches(), line);
        assertEquals("v1 " + now.getEpochSecond() + " refused 9.2\n", line);
        assertEquals(Optional.of(PaceMemory.Learned.refusedAt(9.2, now)), memory.recall(url, now.plusSeconds(60)));
        assertEquals(Optional.of(PaceMemory.Learned.refusedAt(9.2, now)), memory.recall(url, now.plus(Duration.ofHours(24)).plusSeconds(5)),
                "a daily job, a little more than a day later, still finds it");
        assertEquals(Optional.empty(), memory.recall(url, now.plus(PaceMemory.TRUSTED_FOR).plusSeconds(1)), "too old: slow start");
        assertEquals(Optional.empty(), memory.recall("https://other.qualytics.io", now), "one file per instance");

        memory.remember(url, PaceMemory.Learned.unrefused(Double.POSITIVE_INFINITY, now));
        assertEquals("v1 " + now.getEpochSecond() + " unrefused inf\n", Files.readString(file));
        try (var left = Files.list(dir)) {
            assertEquals(1, left.count(), "no temporary file left beside it");
        }
        for (String foreign : new String[] {"", "garbage", "v1 x unrefused inf", "v2 " + now.getEpochSecond() + " unrefused inf",
                "v1 " + now.getEpochSecond() + " refused inf", "v1 " + now.getEpochSecond() + " refused 0.1",
                "v1 " + now.plusSeconds(3600).getEpochSecond() + " unrefused inf"}) {
            Files.writeString(file, foreign);
            assertEquals(Optional.empty(), memory.recall(url, now), "not trusted: '" + foreign + "'");
        }
        Files.writeString(dir.resolve("blocker"), "x");
        PaceMemory.in(dir.resolve("blocker")).remember(url, PaceMemory.Learned.unrefused(40, now)); // cannot write: no failure
    }

    @Test
    void theEnvironmentChoosesTheFolderAndCanSwitchItOff(@TempDir Path dir) {
        String url = "http://127.0.0.1:8080";
        PaceMemory fromXdg = PaceMemory.fromEnvironment(Map.of("XDG_STATE_HOME", dir.toString())::get);
        assertEquals(dir.resolve("qualytics-drift/pace/127.0.0.1_8080"), fromXdg.file(url));
        PaceMemory off = PaceMemory.fromEnvironment(Map.of("XDG_STATE_HOME", dir.toString(), PaceMemory.SWITCH_VARIABLE, "off")::get);
        off.remember(url, PaceMemory.Learned.unrefused(80, Instant.now()));
        assertFalse(Files.exists(dir.resolve("qualytics-drift")), "switched off: nothing written");
        assertEquals(Optional.empty(), off.recall(url, Instant.now()));
        PaceMemory relative = PaceMemory.fromEnvironment(Map.of("XDG_STATE_HOME", "relative/dir")::get);
        assertTrue(relative.file(url).isAbsolute(), "a relative XDG_STATE_HOME is ignored, as the spec says");
    }

    @Test
    void aClientLeavesWhatItLearnedAndTheNextClientOfThatInstanceStartsThere(@TempDir Path dir) {
        try (Sandbox sandbox = Sandbox.start(TenantSpec.small(), SandboxOptions.defaults().withPort(0))) {
            PaceMemory memory = PaceMemory.in(dir);
            try (QualyticsClient first = client(sandbox, memory, Log.silent())) {
                for (int i = 0; i < 30; i++) { // 10 at 20/s, then 40/s: the pace doubles at least once
                    first.datastores();
                }
            }
            String line = read(memory.file(sandbox.url()));
            Matcher learned = LINE.matcher(line);
            assertTrue(learned.matches() && learned.group(1).equals("unrefused"), line);
            assertFalse(line.contains(sandbox.token()), "no token in the memory");

            StringWriter err = new StringWriter();
            try (QualyticsClient next = client(sandbox, memory, new Log(new PrintWriter(err, true), false, true))) {
                next.datastores();
                assertEquals(Double.parseDouble(learned.group(2)), next.stats().pace(), 0.001, "started where the last run ended");
            }
            assertTrue(err.toString().contains("pacing: starting at " + Math.round(Double.parseDouble(learned.group(2))) + "/s"), err.toString());
        }
    }

    @Test
    void againstARateLimitTheNextClientStartsAtTheRefusedPaceNotFromTheSlowStart(@TempDir Path dir) {
        try (Sandbox sandbox = Sandbox.start(TenantSpec.small(), SandboxOptions.defaults().withPort(0), InstanceOptions.defaults().withIngress(5, 0, 0))) {
            PaceMemory memory = PaceMemory.in(dir);
            try (QualyticsClient first = client(sandbox, memory, Log.silent())) {
                for (int i = 0; i < 12; i++) {
                    first.datastores();
                }
            }
            assertTrue(sandbox.stats().status(429) > 0, "the 5/s ingress refused the 20/s start");
            String line = read(memory.file(sandbox.url()));
            Matcher learned = LINE.matcher(line);
            assertTrue(learned.matches() && learned.group(1).equals("refused"), line);
            double rps = Double.parseDouble(learned.group(2));
            assertTrue(rps < Pacer.START_RPS, "the refused pace is below the start rate: " + line);
            try (QualyticsClient next = client(sandbox, memory, Log.silent())) {
                next.datastores();
                assertTrue(next.stats().pace() <= rps + 0.05, "started at the refused pace, not at 20/s: " + next.stats().pace());
            }
        }
    }

    @Test
    void theScriptsUseTheMemoryOfTheirEnvironment(@TempDir Path dir) throws Exception {
        try (Sandbox sandbox = Sandbox.start(TenantSpec.small(), SandboxOptions.defaults().withPort(0))) {
            Map<String, String> env = Map.of("XDG_STATE_HOME", dir.resolve("state").toString(), PaceMemory.SWITCH_VARIABLE, "on");
            File out = dir.resolve("out.txt").toFile();
            String[] args = {"--url", sandbox.url(), "--token", sandbox.token(), "--all-datastores", "--folder",
                    dir.resolve("export").toString(), "--verbose"};
            ChildJvm first = ChildJvm.run("ExportCommand", out, env, args);
            assertEquals(0, first.exitCode(), first.toString());
            Path file = dir.resolve("state/qualytics-drift/pace").resolve(PaceMemory.in(Path.of("/")).file(sandbox.url()).getFileName());
            assertTrue(Files.exists(file), "the export left its memory:\n" + first);
            ChildJvm second = ChildJvm.run("ExportCommand", out, env, args);
            assertEquals(0, second.exitCode(), second.toString());
            assertTrue(second.err().contains("pacing: starting "), second.toString());
            assertFalse(Files.readString(file).contains(sandbox.token()));
        }
    }

    private static QualyticsClient client(Sandbox sandbox, PaceMemory memory, Log log) {
        return new QualyticsClient(new ServerConfig(sandbox.url(), sandbox.token(), Duration.ofSeconds(10)),
                ClientSettings.defaults(log).withPaceMemory(memory));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new AssertionError("no memory at " + file, e);
        }
    }
}
