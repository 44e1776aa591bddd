package qdrift.api;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Spaces the requests to one instance so an ingress rate limit (nginx: N requests/s per IP, a small burst, 429 with
 * no Retry-After; 503 past its connection count) is met rather than hit. Thread-safe; every request takes a slot
 * ({@link #reserve}) and reports its answer ({@link #answered}).
 * <ul>
 *   <li>Unpaced at first: a server that never refuses keeps the client's full speed.</li>
 *   <li>The first 429 or 503 sets the pace to the rate the server let through in the last second (at least
 *       {@value #MIN_RPS}/s), which then grows quickly (about 15% a second) until the next refusal.</li>
 *   <li>Each later refusal cuts the pace to {@value #DECREASE} of itself; while none comes, the pace grows slowly
 *       ({@value #GROWTH} of itself a second), so it settles just under the limit with a refusal every few hundred
 *       requests. A refusal of a request sent before the last cut says nothing new and is not counted.</li>
 *   <li>After {@value #QUIET_SECONDS} s without a refusal the fast growth resumes; past {@value #UNPACED_ABOVE}/s the
 *       pace is dropped altogether.</li>
 *   <li>{@code maxRps} (--max-rps, 0: none) caps the pace whatever the server says.</li>
 * </ul>
 */
final class Pacer {
    static final double MIN_RPS = 1;
    static final double DECREASE = 0.8;
    static final double GROWTH = 0.02;
    static final double FAST_GROWTH = 0.15;
    static final double QUIET_SECONDS = 30;
    static final double UNPACED_ABOVE = 2_000;
    private static final long SECOND = 1_000_000_000L;

    private final double maxRps;
    private final RetryClock clock;
    private final ArrayDeque<Long> recentSuccesses = new ArrayDeque<>();
    private double adaptive = Double.POSITIVE_INFINITY;
    private boolean fastGrowth = true;
    private long lastCut = Long.MIN_VALUE;
    private long lastRefusal = Long.MIN_VALUE;
    private long lastGrowth;
    private long nextSlot = Long.MIN_VALUE;
    private long refusals;

    Pacer(double maxRps, RetryClock clock) {
        if (maxRps < 0 || Double.isNaN(maxRps)) {
            throw new IllegalArgumentException("maxRps must not be negative");
        }
        this.maxRps = maxRps;
        this.clock = clock;
    }

    /** Waits for the next slot; returns the time the request is sent, to hand back to {@link #answered}. */
    long acquire() throws InterruptedException {
        Duration wait = reserve();
        if (!wait.isZero()) {
            clock.sleep(wait);
        }
        return clock.nanoTime();
    }

    /** Takes the next slot and returns how long to wait for it (zero when unpaced or when the slot is now). */
    synchronized Duration reserve() {
        double rate = rate();
        if (Double.isInfinite(rate)) {
            return Duration.ZERO;
        }
        long now = clock.nanoTime();
        long slot = Math.max(now, nextSlot);
        nextSlot = slot + interval(rate);
        return Duration.ofNanos(slot - now);
    }

    /**
     * Learns from the answer to a request sent at {@code sentAt} (status 0: no answer). Returns true when this
     * answer made the client start pacing, so the caller can say so once.
     */
    synchronized boolean answered(long sentAt, int status) {
        long now = clock.nanoTime();
        if (status == 429 || status == 503) {
            return refused(sentAt, now);
        }
        if (status > 0 && status < 500) {
            succeeded(now);
        }
        return false;
    }

    /** The current pace in requests per second (infinite: unpaced). */
    synchronized double rate() {
        return maxRps > 0 ? Math.min(maxRps, adaptive) : adaptive;
    }

    /** 429s and 503s counted so far (those sent before a cut are not). */
    synchronized long refusals() {
        return refusals;
    }

    private boolean refused(long sentAt, long now) {
        lastRefusal = now;
        if (sentAt <= lastCut) {
            return false;
        }
        refusals++;
        boolean first = Double.isInfinite(adaptive);
        if (first) {
            forgetBefore(now - SECOND);
            adaptive = Math.max(MIN_RPS, recentSuccesses.size());
            fastGrowth = true;
        } else {
            adaptive = Math.max(MIN_RPS, adaptive * DECREASE);
            fastGrowth = false;
        }
        lastCut = now;
        lastGrowth = now;
        // let the server's bucket drain a little before the next request
        nextSlot = Math.max(nextSlot, now + interval(rate()));
        return first;
    }

    private void succeeded(long now) {
        recentSuccesses.addLast(now);
        forgetBefore(now - SECOND);
        if (Double.isInfinite(adaptive)) {
            return;
        }
        if (!fastGrowth && lastRefusal != Long.MIN_VALUE && now - lastRefusal > QUIET_SECONDS * SECOND) {
            fastGrowth = true;
        }
        double seconds = (now - lastGrowth) / 1e9;
        lastGrowth = now;
        adaptive *= Math.exp((fastGrowth ? FAST_GROWTH : GROWTH) * seconds);
        if (adaptive > UNPACED_ABOVE) {
            adaptive = Double.POSITIVE_INFINITY;
        }
    }

    private void forgetBefore(long cutoff) {
        while (!recentSuccesses.isEmpty() && recentSuccesses.peekFirst() < cutoff) {
            recentSuccesses.removeFirst();
        }
        while (recentSuccesses.size() > 100_000) {
            recentSuccesses.removeFirst();
        }
    }

    private static long interval(double rate) {
        return (long) (SECOND / rate);
    }
}
