package qdrift.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which outcomes deserve another try and how long to wait first: 429, 502, 503, 504 and dropped connections are
 * retried with exponential backoff and full jitter (or exactly what Retry-After asks); a 500 is a server bug and
 * gets one retry only. Bounded by a number of retries and by total time.
 */
final class RetryPolicy {
    private static final Set<Integer> TRANSIENT = Set.of(429, 502, 503, 504);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final int maxRetries;
    private final Duration maxRetryTime;
    private final Duration backoffBase;

    RetryPolicy(int maxRetries, Duration maxRetryTime, Duration backoffBase) {
        this.maxRetries = maxRetries;
        this.maxRetryTime = maxRetryTime;
        this.backoffBase = backoffBase;
    }

    /** The wait before try number {@code tries + 1}, or empty when the outcome of try {@code tries} is final. */
    Optional<Duration> delayAfter(Attempt attempt, int tries, Duration elapsed) {
        if (!worthRetrying(attempt, tries) || tries > maxRetries) {
            return Optional.empty();
        }
        Duration delay = retryAfter(attempt.retryAfter(), Instant.now()).orElseGet(() -> backoff(tries));
        if (elapsed.plus(delay).compareTo(maxRetryTime) > 0) {
            return Optional.empty();
        }
        return Optional.of(delay);
    }

    private static boolean worthRetrying(Attempt attempt, int tries) {
        if (!attempt.answered()) {
            return attempt.problem().retryable();
        }
        return TRANSIENT.contains(attempt.status()) || (attempt.status() == 500 && tries == 1);
    }

    /** Full jitter: uniformly between 0 and base * 2^(tries-1), capped. */
    private Duration backoff(int tries) {
        long ceiling = backoffBase.toMillis() << Math.min(tries - 1, 20);
        long capped = Math.min(ceiling, MAX_BACKOFF.toMillis());
        return Duration.ofMillis(capped <= 0 ? 0 : ThreadLocalRandom.current().nextLong(capped + 1));
    }

    /** Retry-After as seconds ("0", "2", "1.5") or as an HTTP date; empty when absent or unreadable. */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        try {
            double seconds = Double.parseDouble(value);
            if (seconds >= 0 && Double.isFinite(seconds)) {
                return Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
            }
            return Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
