package qdrift.api;

import java.time.Duration;
import qdrift.cli.Failure;
import qdrift.cli.Log;

/**
 * How hard the client works: requests in flight at once, page size asked for, and the retry budget
 * (at most {@code maxRetries} retries and {@code maxRetryTime} in total, backoff starting at {@code backoffBase}).
 */
public record ClientSettings(int concurrency, int pageSize, int maxRetries, Duration maxRetryTime, Duration backoffBase, Log log) {
    public static final int DEFAULT_CONCURRENCY = 8;
    public static final int DEFAULT_PAGE_SIZE = 100;

    public ClientSettings {
        if (concurrency < 1) {
            throw Failure.usage("concurrency must be at least 1, not " + concurrency);
        }
        if (pageSize < 1) {
            throw Failure.usage("page size must be at least 1, not " + pageSize);
        }
        if (maxRetries < 0 || maxRetryTime.isNegative() || backoffBase.isNegative()) {
            throw Failure.usage("retry limits must not be negative");
        }
        if (log == null) {
            log = Log.silent();
        }
    }

    public static ClientSettings defaults(Log log) {
        return new ClientSettings(DEFAULT_CONCURRENCY, DEFAULT_PAGE_SIZE, 6, Duration.ofSeconds(60), Duration.ofMillis(200), log);
    }

    public ClientSettings withConcurrency(int value) {
        return new ClientSettings(value, pageSize, maxRetries, maxRetryTime, backoffBase, log);
    }

    public ClientSettings withPageSize(int value) {
        return new ClientSettings(concurrency, value, maxRetries, maxRetryTime, backoffBase, log);
    }

    public ClientSettings withRetries(int max, Duration maxTime, Duration base) {
        return new ClientSettings(concurrency, pageSize, max, maxTime, base, log);
    }
}
