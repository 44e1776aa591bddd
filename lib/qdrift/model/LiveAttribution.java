//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * Who last changed a resource and when, as the live response says it: {@code last_editor} (containers and computed
 * fields; newer servers send it on checks too) and {@code last_updated} (checks, datastores, some containers).
 * Read from the raw JSON beside the canonical form and never written to a file: it is server state.
 * changedBy is null when the server names no editor; changedAt is an ISO-8601 instant (as the server sent it when it
 * cannot be parsed), or null; inferred says the check was created by profiling ({@code inferred: true}).
 */
public record LiveAttribution(String changedBy, String changedAt, boolean inferred) {
    public static final LiveAttribution NONE = new LiveAttribution(null, null, false);
    /** Where yyyy-MM-ddTHH:mm:ssZ has its digits. */
    private static final int[] DIGITS = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};

    /** The attribution the raw API JSON of one resource carries (NONE when it carries none). */
    public static LiveAttribution of(JsonNode raw) {
        if (raw == null || !raw.isObject()) {
            return NONE;
        }
        String editor = editor(raw.get("last_editor"));
        if (editor == null) {
            Long id = RawJson.asLong(raw.get("last_editor_id"));
            editor = id == null ? null : "user " + id;
        }
        String at = instant(raw.get("last_updated"));
        boolean inferred = raw.path("inferred").asBoolean(false);
        return editor == null && at == null && !inferred ? NONE : new LiveAttribution(editor, at, inferred);
    }

    public boolean isEmpty() {
        return changedBy == null && changedAt == null;
    }

    /** {id, name}, {name}, {username}, {email}, {id} or a plain string: the most readable name in it. */
    private static String editor(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText().isBlank() ? null : value.asText().strip();
        }
        if (value.isObject()) {
            for (String key : new String[] {"name", "full_name", "username", "user_name", "email"}) {
                if (value.path(key).isTextual() && !value.path(key).asText().isBlank()) {
                    return value.path(key).asText().strip();
                }
            }
            Long id = RawJson.asLong(value.get("id"));
            return id == null ? null : "user " + id;
        }
        return null;
    }

    private static String instant(JsonNode value) {
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            return null;
        }
        String text = value.asText().strip();
        if (isPlainUtcSecond(text)) {
            return text; // what Instant.parse(text).toString() gives back, without the formatter (once per resource)
        }
        return parsed(text);
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ssZ} with a real date, hours 00-23 and seconds 00-59: the form servers send, which an
     * Instant prints back unchanged. Anything else (fractions, offsets, 24:00, leap seconds) goes through the parsers.
     */
    static boolean isPlainUtcSecond(String text) {
        if (text.length() != 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != 'Z') {
            return false;
        }
        for (int i : DIGITS) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        int year = Integer.parseInt(text, 0, 4, 10);
        int month = Integer.parseInt(text, 5, 7, 10);
        int day = Integer.parseInt(text, 8, 10, 10);
        if (Integer.parseInt(text, 11, 13, 10) > 23 || Integer.parseInt(text, 14, 16, 10) > 59
                || Integer.parseInt(text, 17, 19, 10) > 59 || month < 1 || month > 12 || day < 1) {
            return false;
        }
        return day <= YearMonth.of(year, month).lengthOfMonth();
    }

    private static String parsed(String text) {
        try {
            return Instant.parse(text).toString();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant().toString();
            } catch (DateTimeParseException notOffset) {
                try {
                    return java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC).toString();
                } catch (DateTimeParseException notLocal) {
                    return text;
                }
            }
        }
    }
}
