package qdrift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JwtTest {
    @Test
    void theExpClaimIsReadWithoutCheckingTheSignature() {
        Instant exp = Instant.parse("2026-11-20T10:00:00Z");
        assertEquals(Optional.of(exp), Jwt.expiry(TestApi.jwt(exp)));
        assertEquals("2026-11-20T10:00Z", Jwt.format(exp));
    }

    @Test
    void tokensThatAreNotJwtsHaveNoKnownExpiry() {
        assertEquals(Optional.empty(), Jwt.expiry("opaque-api-token-1234"));
        assertEquals(Optional.empty(), Jwt.expiry("a.b.c"));
        assertEquals(Optional.empty(), Jwt.expiry("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig"), "a JWT without exp");
        assertEquals(Optional.empty(), Jwt.expiry(""));
        assertEquals(Optional.empty(), Jwt.expiry(null));
    }
}
