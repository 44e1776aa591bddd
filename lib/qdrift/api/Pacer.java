package qdrift.api;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Spaces the requests to one instance so an ingress rate limit (nginx: N requests/s per IP, a small burst, 429 with
 * no Retry-After; 503 past its connection count) is met rather than hit. Thread-safe; every request waits for its
 * slot ({@link #acquire}) and reports its answer ({@link #answered}).
 * <ul>
 *   <li>Slow start: the first requests go out at {@value #START_RPS}/s, and the pace doubles every
 *       {@value #DOUBLING_SECONDS} s while no refusal comes back; past {@value #UNPACED_ABOVE}/s it is dropped, so a
 *       server that never refuses keeps the client's full speed after a few seconds. A rate limit is thus found by a
 *       request or two, not by the dozen the export opens at once.</li>
 *   <li>A refusal (429 or 503) during the slow start halves the pace; one after it (the client unpaced) sets the pace
 *       to the rate the server let through in the last second (at least {@value #MIN_RPS}/s), which then grows quickly
 *       ({@value #FAST_GROWTH} of itself a second) until the next refusal.</li>
 *   <li>Each later refusal cuts the pace to {@value #DECREASE} of itself; while none comes, the pace grows slowly
 *       ({@value #GROWTH} of itself a second), so it settles just under the limit with a refusal every half minute
 *       or so. A refusal of a request sent before the last cut says nothing new and is not counted.</li>
 *   <li>After {@value #QUIET_SECONDS} s without a refusal the fast growth resumes; past {@value #UNPACED_ABOVE}/s the
 *       pace is dropped altogether.</li>
 *   <li>A request waiting for its slot looks again when it wakes: a cut in the meantime delays it too.</li>
 *   <li>{@code maxRps} (--max-rps, 0: none) caps the pace whatever the server says; infinite: never paced at all,
 *       not even after a refusal (a measuring switch, see bench/ratelimit.sh).</li>
 * </ul>
 */
final class Pacer {
    static final double START_RPS = 20;
    static final double DOUBLING_SECONDS = 0.5;
    static final double MIN_RPS = 1;
    static final double DECREASE = 0.8;
    static final double GROWTH = 0.01;
    static final double FAST_GROWTH = 0.15;
    static final double QUIET_SECONDS = 30;
    static final double UNPACED_ABOVE = 2_000;
    private static final long SECOND = 1_000_000_000L;

    private final double maxRps;
    private final RetryClock clock;
    private final ArrayDeque<Long> recentSuccesses = new ArrayDeque<>();
    private double adaptive = START_RPS;
    private boolean slowStart = true;
    private long lastDoubling = Long.MIN_VALUE;
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
        if (Double.isInfinite(maxRps)) {
            adaptive = Double.POSITIVE_INFINITY;
            slowStart = false;
        }
    }

    /**
     * A pacer that starts where an earlier run against the same instance ended ({@link PaceMemory}): a rate that went
     * through unrefused is where the slow start resumes (unpaced when the run ended unpaced); a refused one is the
     * pace to keep, growing slowly. null: the slow start from {@value #START_RPS}/s.
     */
    Pacer(double maxRps, RetryClock clock, PaceMemory.Learned start) {
        this(maxRps, clock);
        if (start == null || Double.isInfinite(maxRps)) {
            return;
        }
        if (start.refused()) {
            adaptive = Math.max(MIN_RPS, Math.min(UNPACED_ABOVE, start.rps()));
            slowStart = false;
            fastGrowth = false;
            lastRefusal = clock.nanoTime(); // as if just refused: fast growth resumes after a quiet spell
        } else if (start.rps() > UNPACED_ABOVE) {
            adaptive = Double.POSITIVE_INFINITY;
            slowStart = false;
        } else {
            adaptive = Math.max(START_RPS, start.rps());
        }
        lastGrowth = clock.nanoTime();
    }

    /**
     * What this run has to teach the next one: the pace it reached without a refusal (nothing when it never left the
     * start rate), or, after a refusal, the pace it settled at.
     */
    synchronized java.util.Optional<PaceMemory.Learned> learned(java.time.Instant now) {
        if (Double.isInfinite(maxRps)) {
            return java.util.Optional.empty();
        }
        if (refusals == 0) {
            return adaptive > START_RPS ? java.util.Optional.of(PaceMemory.Learned.unrefused(adaptive, now)) : java.util.Optional.empty();
        }
        return java.util.Optional.of(PaceMemory.Learned.refusedAt(Double.isInfinite(adaptive) ? UNPACED_ABOVE : adaptive, now));
    }

    /** Waits for a slot; returns the time the request is sent, to hand back to {@link #answered}. */
    long acquire() throws InterruptedException {
        while (true) {
            Duration wait = takeSlotOrWait();
            if (wait.isZero()) {
                return clock.nanoTime();
            }
            clock.sleep(wait);
        }
    }

    /** Takes the slot when it is due (zero) or says how long until the next one is. */
    synchronized Duration takeSlotOrWait() {
        long now = clock.nanoTime();
        if (lastDoubling == Long.MIN_VALUE) {
            lastDoubling = now;
        }
        double rate = rate();
        if (Double.isInfinite(rate)) {
            return Duration.ZERO;
        }
        if (now < nextSlot) {
            return Duration.ofNanos(nextSlot - now);
        }
        nextSlot = now + interval(rate);
        return Duration.ZERO;
    }

    /**
     * Learns from the answer to a request sent at {@code sentAt} (status 0: no answer). Returns true for the first
     * counted refusal, so the caller can say once that the server limits the rate.
     */
    synchronized boolean answered(long sentAt, int status) {
        if (Double.isInfinite(maxRps)) {
            return false;
        }
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
        if (slowStart) {
            adaptive = Math.max(MIN_RPS, adaptive / 2);
            slowStart = false;
            fastGrowth = false;
        } else if (Double.isInfinite(adaptive)) {
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
        return refusals == 1;
    }

    private void succeeded(long now) {
        recentSuccesses.addLast(now);
        forgetBefore(now - SECOND);
        if (slowStart) {
            if (now - lastDoubling >= DOUBLING_SECONDS * SECOND) {
                adaptive *= 2;
                lastDoubling = now;
                if (adaptive > UNPACED_ABOVE) {
                    adaptive = Double.POSITIVE_INFINITY;
                    slowStart = false;
                }
            }
            return;
        }
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
