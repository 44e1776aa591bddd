package qdrift.api;

import java.time.Duration;
import qdrift.cli.Failure;
import qdrift.cli.Log;

/**
 * How hard the client works: requests in flight at once, page size asked for, the retry budget
 * (at most {@code maxRetries} retries and {@code maxRetryTime} in total, backoff starting at {@code backoffBase}),
 * measured on {@code clock}, and {@code maxRps}, a fixed cap on requests per second (0: none; the client paces itself
 * anyway when the server answers 429 or 503, see Pacer).
 */
public record ClientSettings(int concurrency, int pageSize, int maxRetries, Duration maxRetryTime, Duration backoffBase, Log log,
                             RetryClock clock, double maxRps, PaceMemory paceMemory) {
    public static final int DEFAULT_CONCURRENCY = 8;
    public static final int DEFAULT_PAGE_SIZE = 100;
    /** The largest page a real list serves: it answers 422 above it (it does not clamp), so the client never asks more. */
    public static final int MAX_PAGE_SIZE = 100;
    /** The README's "about a minute" of retries for 429/502/503/504 and dropped connections. */
    public static final Duration DEFAULT_RETRY_BUDGET = Duration.ofSeconds(60);

    public ClientSettings {
        if (concurrency < 1) {
            throw Failure.usage("concurrency must be at least 1, not " + concurrency);
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw Failure.usage("page size must be between 1 and " + MAX_PAGE_SIZE + " (the API refuses larger pages), not " + pageSize);
        }
        if (maxRetries < 0 || maxRetryTime.isNegative() || backoffBase.isNegative()) {
            throw Failure.usage("retry limits must not be negative");
        }
        if (maxRps < 0 || Double.isNaN(maxRps)) { // infinite: never paced (a measuring switch)
            throw Failure.usage("--max-rps must be a positive number of requests per second, or 0 for no cap, not " + maxRps);
        }
        if (log == null) {
            log = Log.silent();
        }
        if (clock == null) {
            clock = RetryClock.SYSTEM;
        }
        if (paceMemory == null) {
            paceMemory = PaceMemory.none();
        }
    }

    public ClientSettings(int concurrency, int pageSize, int maxRetries, Duration maxRetryTime, Duration backoffBase, Log log) {
        this(concurrency, pageSize, maxRetries, maxRetryTime, backoffBase, log, RetryClock.SYSTEM, 0, PaceMemory.none());
    }

    /**
     * Retries until about a minute has passed, backoff from 0.5 s capped at 10 s. The count is only a backstop: high
     * enough for the paced retries of a rate limit (the pacer's slots start at a tenth of a second) to fill the minute.
     */
    public static ClientSettings defaults(Log log) {
        return new ClientSettings(DEFAULT_CONCURRENCY, DEFAULT_PAGE_SIZE, 100, DEFAULT_RETRY_BUDGET, Duration.ofMillis(500), log);
    }

    public ClientSettings withConcurrency(int value) {
        return new ClientSettings(value, pageSize, maxRetries, maxRetryTime, backoffBase, log, clock, maxRps, paceMemory);
    }

    public ClientSettings withPageSize(int value) {
        return new ClientSettings(concurrency, value, maxRetries, maxRetryTime, backoffBase, log, clock, maxRps, paceMemory);
    }

    public ClientSettings withRetries(int max, Duration maxTime, Duration base) {
        return new ClientSettings(concurrency, pageSize, max, maxTime, base, log, clock, maxRps, paceMemory);
    }

    public ClientSettings withClock(RetryClock value) {
        return new ClientSettings(concurrency, pageSize, maxRetries, maxRetryTime, backoffBase, log, value, maxRps, paceMemory);
    }

    /** A fixed cap of {@code value} requests per second (0: none). */
    public ClientSettings withMaxRps(double value) {
        return new ClientSettings(concurrency, pageSize, maxRetries, maxRetryTime, backoffBase, log, clock, value, paceMemory);
    }

    /** Start where the last run against the same instance ended, and leave what this one learns ({@link PaceMemory}). */
    public ClientSettings withPaceMemory(PaceMemory value) {
        return new ClientSettings(concurrency, pageSize, maxRetries, maxRetryTime, backoffBase, log, clock, maxRps, value);
    }
}
