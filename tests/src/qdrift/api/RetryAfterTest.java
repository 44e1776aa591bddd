package qdrift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void secondsMayBeWholeZeroOrFractional() {
        assertEquals(Optional.of(Duration.ofSeconds(2)), RetryPolicy.retryAfter("2", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryPolicy.retryAfter("0", NOW));
        assertEquals(Optional.of(Duration.ofMillis(1500)), RetryPolicy.retryAfter(" 1.5 ", NOW));
    }

    @Test
    void anHttpDateMeansWaitUntilThen() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryPolicy.retryAfter("Fri, 20 Nov 2026 10:00:30 GMT", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryPolicy.retryAfter("Fri, 20 Nov 2026 09:00:00 GMT", NOW), "a past date means now");
    }

    @Test
    void absentOrUnreadableMeansUseTheBackoff() {
        assertEquals(Optional.empty(), RetryPolicy.retryAfter(null, NOW));
        assertEquals(Optional.empty(), RetryPolicy.retryAfter("soon", NOW));
        assertEquals(Optional.empty(), RetryPolicy.retryAfter("-3", NOW));
    }
}
