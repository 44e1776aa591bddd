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
 * retried with capped exponential backoff and jitter (or exactly what Retry-After asks); a 500 is a server bug and
 * gets one retry only. Bounded by total time (the budget, about a minute by default: the last wait is cut to fit it,
 * and a Retry-After beyond what is left ends the retries at once) and, as a backstop, by a number of retries.
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
        Duration left = maxRetryTime.minus(elapsed);
        if (left.isNegative() || left.isZero()) {
            return Optional.empty();
        }
        Optional<Duration> asked = retryAfter(attempt.retryAfter(), Instant.now());
        if (asked.isPresent()) {
            return asked.filter(wait -> wait.compareTo(left) <= 0);
        }
        Duration delay = backoff(tries);
        return Optional.of(delay.compareTo(left) > 0 ? left : delay);
    }

    private static boolean worthRetrying(Attempt attempt, int tries) {
        if (!attempt.answered()) {
            return attempt.problem().retryable();
        }
        return TRANSIENT.contains(attempt.status()) || (attempt.status() == 500 && tries == 1);
    }

    /** Equal jitter: between half of and all of base * 2^(tries-1), capped at 10 s, so waits spread yet add up. */
    private Duration backoff(int tries) {
        long ceiling = backoffBase.toMillis() << Math.min(tries - 1, 20);
        long capped = Math.min(ceiling, MAX_BACKOFF.toMillis());
        if (capped <= 0) {
            return Duration.ZERO;
        }
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(capped - half + 1));
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
