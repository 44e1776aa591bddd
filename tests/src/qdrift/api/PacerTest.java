package qdrift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pacer on a fake clock: unpaced until refused, then near the server's rate, and a fixed cap when asked. */
class PacerTest {
    private final RetryTest.FakeClock clock = new RetryTest.FakeClock();

    @Test
    void aServerThatNeverRefusesIsNeverPaced() throws InterruptedException {
        Pacer pacer = new Pacer(0, clock);
        for (int i = 0; i < 10_000; i++) {
            pacer.answered(pacer.acquire(), 200);
        }
        assertTrue(Double.isInfinite(pacer.rate()));
        assertTrue(clock.sleeps.isEmpty(), "no wait at all: " + clock.sleeps.size());
    }

    @Test
    void aFixedCapSpacesRequestsEvenly() throws InterruptedException {
        Pacer pacer = new Pacer(10, clock);
        long start = clock.nanoTime();
        for (int i = 0; i < 101; i++) {
            pacer.answered(pacer.acquire(), 200);
        }
        assertEquals(Duration.ofSeconds(10), Duration.ofNanos(clock.nanoTime() - start), "101 requests at 10/s take 10 s");
    }

    @Test
    void theFirstRefusalPacesAtWhatTheServerLetThroughAndLaterOnesCutIt() throws InterruptedException {
        Pacer pacer = new Pacer(0, clock);
        for (int i = 0; i < 12; i++) {
            pacer.answered(pacer.acquire(), 200);
            clock.sleep(Duration.ofMillis(80));
        }
        long sent = pacer.acquire();
        assertTrue(pacer.answered(sent, 429), "the first refusal starts the pacing");
        assertEquals(12, pacer.rate(), 0.01, "the successes of the last second");
        assertFalse(pacer.answered(sent, 429), "a refusal of a request sent before the cut counts for nothing");
        assertEquals(12, pacer.rate(), 0.01);
        assertEquals(1, pacer.refusals());
        pacer.answered(pacer.acquire(), 503);
        assertEquals(12 * Pacer.DECREASE, pacer.rate(), 0.1, "503 slows down like 429");
    }

    @Test
    void againstALimitOfTenPerSecondThePaceSettlesJustUnderItWithFewRefusals() throws InterruptedException {
        Pacer pacer = new Pacer(0, clock);
        // nginx's leaky bucket: 10/s, burst 2
        double excess = 0;
        long last = clock.nanoTime();
        int refused = 0;
        int sent = 0;
        long start = clock.nanoTime();
        int ok = 0;
        while (ok < 3_000) {
            long at = pacer.acquire();
            double candidate = Math.max(0, excess + 1 - 10 * (at - last) / 1e9);
            sent++;
            if (sent > 1 && candidate > 2) {
                refused++;
                pacer.answered(at, 429);
            } else {
                excess = candidate;
                last = at;
                ok++;
                pacer.answered(at, 200);
            }
            clock.sleep(Duration.ofMillis(1));
        }
        double seconds = (clock.nanoTime() - start) / 1e9;
        assertTrue(refused <= 0.02 * sent, refused + " refused of " + sent);
        assertTrue(seconds <= 1.2 * sent / 10.0, seconds + " s for " + sent + " requests");
    }
}
