package qdrift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

/**
 * The pacer on a fake clock: a slow start that an unrefused client leaves within seconds, then AIMD near the
 * server's rate, and a fixed cap when asked.
 */
class PacerTest {
    private final RetryTest.FakeClock clock = new RetryTest.FakeClock();

    @Test
    void aServerThatNeverRefusesIsQuicklyUnpaced() throws InterruptedException {
        Pacer pacer = new Pacer(0, clock);
        long start = clock.nanoTime();
        int sent = 0;
        while (!Double.isInfinite(pacer.rate())) {
            pacer.answered(pacer.acquire(), 200);
            sent++;
        }
        double seconds = (clock.nanoTime() - start) / 1e9;
        // 20/s doubling every 0.5 s passes 2,000/s after seven doublings
        assertTrue(seconds <= 7 * Pacer.DOUBLING_SECONDS + 0.1, "unpaced after " + seconds + " s");
        assertTrue(sent < 1_500, sent + " requests paced");
        int sleepsBefore = clock.sleeps.size();
        for (int i = 0; i < 10_000; i++) {
            pacer.answered(pacer.acquire(), 200);
        }
        assertEquals(sleepsBefore, clock.sleeps.size(), "no wait once unpaced");
        assertEquals(0, pacer.refusals());
    }

    @Test
    void theFirstRequestsGoOutAtTheStartRateAndThePaceDoublesWhileNothingIsRefused() throws InterruptedException {
        Pacer pacer = new Pacer(0, clock);
        assertEquals(Pacer.START_RPS, pacer.rate(), 0.001);
        long start = clock.nanoTime();
        int n = (int) (Pacer.START_RPS * Pacer.DOUBLING_SECONDS);
        for (int i = 0; i < n; i++) {
            pacer.answered(pacer.acquire(), 200);
        }
        assertEquals(Duration.ofMillis(50L * (n - 1)), Duration.ofNanos(clock.nanoTime() - start), n + " requests at 20/s: 50 ms apart");
        assertEquals(Pacer.START_RPS, pacer.rate(), 0.001, "not yet doubled");
        pacer.answered(pacer.acquire(), 200);
        assertEquals(2 * Pacer.START_RPS, pacer.rate(), 0.001, "doubled after half a second");
    }

    @Test
    void aRefusalDuringTheSlowStartHalvesThePaceAndLaterOnesCutIt() throws InterruptedException {
        Pacer pacer = new Pacer(0, clock);
        for (int i = 0; i < 11; i++) {
            pacer.answered(pacer.acquire(), 200);
        }
        assertEquals(40, pacer.rate(), 0.001);
        long sent = pacer.acquire();
        assertTrue(pacer.answered(sent, 429), "the first refusal is reported once");
        assertEquals(20, pacer.rate(), 0.001, "halved");
        assertFalse(pacer.answered(sent, 429), "a refusal of a request sent before the cut counts for nothing");
        assertEquals(20, pacer.rate(), 0.001);
        assertEquals(1, pacer.refusals());
        pacer.answered(pacer.acquire(), 503);
        assertEquals(20 * Pacer.DECREASE, pacer.rate(), 0.05, "503 slows down like 429");
        assertFalse(pacer.answered(pacer.acquire(), 429), "only the first refusal is reported");
        assertEquals(3, pacer.refusals());
    }

    @Test
    void aRefusalOnceUnpacedPacesAtWhatTheServerLetThroughInTheLastSecond() throws InterruptedException {
        Pacer pacer = new Pacer(0, clock);
        while (!Double.isInfinite(pacer.rate())) {
            pacer.answered(pacer.acquire(), 200);
        }
        clock.sleep(Duration.ofSeconds(2));
        for (int i = 0; i < 12; i++) {
            pacer.answered(pacer.acquire(), 200);
            clock.sleep(Duration.ofMillis(80));
        }
        assertTrue(pacer.answered(pacer.acquire(), 429));
        assertEquals(12, pacer.rate(), 0.01, "the successes of the last second");
    }

    @Test
    void aCutDelaysARequestThatWasAlreadyWaitingForItsSlot() {
        Pacer pacer = new Pacer(0, clock);
        assertEquals(Duration.ZERO, pacer.takeSlotOrWait());
        long first = clock.nanoTime();
        Duration wait = pacer.takeSlotOrWait();
        assertEquals(Duration.ofMillis(50), wait, "the next slot at 20/s");
        clock.sleep(Duration.ofMillis(10));
        pacer.answered(first, 429); // while the second request sleeps
        clock.sleep(wait.minusMillis(10));
        assertEquals(10, pacer.rate(), 0.001, "halved from the start rate");
        assertEquals(Duration.ofMillis(60), pacer.takeSlotOrWait(), "awake at its old slot, it waits until 100 ms after the cut");
    }

    /**
     * The export's shape against nginx's leaky bucket (10/s, burst 2): 8 requests in flight, 20 ms to answer, a
     * refused read sent again when the pacer gives it a slot. Few refusals, and close to the limit's speed.
     */
    @Test
    void eightInFlightAgainstTenPerSecondGetFewRefusals() {
        Pacer pacer = new Pacer(0, clock);
        long latency = Duration.ofMillis(20).toNanos();
        PriorityQueue<long[]> ready = new PriorityQueue<>((x, y) -> Long.compare(x[0], y[0]));
        for (int i = 0; i < 8; i++) {
            ready.add(new long[] {0, -1}); // {time, sent at: -1 waiting for a slot}
        }
        double excess = 0;
        long last = 0;
        boolean started = false;
        int sent = 0;
        int refused = 0;
        int ok = 0;
        while (ok < 600) {
            long[] worker = ready.poll();
            clock.sleep(Duration.ofNanos(worker[0] - clock.nanoTime()));
            long now = clock.nanoTime();
            if (worker[1] < 0) {
                Duration wait = pacer.takeSlotOrWait();
                if (wait.isZero()) {
                    sent++;
                    ready.add(new long[] {now + latency, now});
                } else {
                    ready.add(new long[] {now + wait.toNanos(), -1});
                }
                continue;
            }
            long at = worker[1];
            double candidate = started ? Math.max(0, excess + 1 - 10 * (at - last) / 1e9) : 0;
            if (candidate > 2) {
                refused++;
                pacer.answered(at, 429);
            } else {
                excess = candidate;
                last = at;
                started = true;
                ok++;
                pacer.answered(at, 200);
            }
            ready.add(new long[] {now, -1});
        }
        double seconds = clock.nanoTime() / 1e9;
        assertTrue(refused <= 0.02 * sent, refused + " refused of " + sent);
        assertTrue(seconds <= 1.2 * sent / 10.0, seconds + " s for " + sent + " requests");
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
    void anInfiniteCapNeverPacesEvenWhenRefused() throws InterruptedException {
        Pacer pacer = new Pacer(Double.POSITIVE_INFINITY, clock);
        for (int i = 0; i < 100; i++) {
            assertFalse(pacer.answered(pacer.acquire(), i % 2 == 0 ? 429 : 200));
        }
        assertTrue(Double.isInfinite(pacer.rate()));
        assertTrue(clock.sleeps.isEmpty());
    }
}
