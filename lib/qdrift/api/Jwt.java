//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads the {@code exp} claim of a JWT locally, without checking the signature: only to fail fast with a clear
 * message. Tokens that are not JWTs (or carry no exp, or an exp outside years 1970-9999) simply have no known expiry.
 */
public final class Jwt {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** 9999-12-31T23:59:59Z: beyond it an exp is malformed (and would print as a nine-digit year). */
    private static final double LATEST_PLAUSIBLE_EXP = 253_402_300_799d;
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

    private Jwt() {
    }

    public static Optional<Instant> expiry(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(stripPadding(parts[1]));
            JsonNode exp = MAPPER.readTree(new String(payload, StandardCharsets.UTF_8)).path("exp");
            if (!exp.isNumber()) {
                return Optional.empty();
            }
            double seconds = exp.asDouble();
            if (!(seconds >= 0 && seconds <= LATEST_PLAUSIBLE_EXP)) {
                return Optional.empty(); // an exp before 1970 or after 9999 is junk, not a date to show
            }
            return Optional.of(Instant.ofEpochMilli((long) (seconds * 1000)));
        } catch (Exception notAJwt) {
            return Optional.empty();
        }
    }

    /** UTC to the minute, as messages show it: 2026-11-20T10:00Z. */
    public static String format(Instant instant) {
        return MINUTES.format(instant);
    }

    private static String stripPadding(String part) {
        int end = part.length();
        while (end > 0 && part.charAt(end - 1) == '=') {
            end--;
        }
        return part.substring(0, end);
    }
}
