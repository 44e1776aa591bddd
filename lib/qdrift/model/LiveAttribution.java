//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
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
