package qdrift.notify;

import java.time.Duration;

/**
 * How hard an HTTP destination is tried: attempts in all, the first backoff (doubled each time), the longest
 * Retry-After honoured (a longer one fails at once rather than blocking cron), and the per-request timeout.
 */
public record RetryPolicy(int attempts, Duration firstBackoff, Duration maxRetryAfter, Duration timeout) {
    public static RetryPolicy standard(Duration timeout) {
        return new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(60), timeout);
    }

    Duration backoff(int failedAttempts) {
        return firstBackoff.multipliedBy(1L << Math.min(failedAttempts - 1, 10));
    }
}
