package qdrift.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Who and when, from every shape a server sends last_editor and last_updated in. */
class LiveAttributionTest {
    static LiveAttribution of(String json) throws Exception {
        JsonNode raw = new ObjectMapper().readTree(json.replace('\'', '"'));
        return LiveAttribution.of(raw);
    }

    @Test
    void readsTheEditorFromAnObjectAStringOrAnIdAndNormalisesTheTime() throws Exception {
        assertEquals(new LiveAttribution("admin", "2026-11-02T14:20:11Z", false),
                of("{'last_editor': {'id': 6, 'name': 'admin'}, 'last_updated': '2026-11-02T14:20:11Z'}"));
        assertEquals(new LiveAttribution("Zoë Analyst", null, false), of("{'last_editor': 'Zoë Analyst'}"));
        assertEquals(new LiveAttribution("dana@acme.example", null, false), of("{'last_editor': {'email': 'dana@acme.example'}}"));
        assertEquals(new LiveAttribution("user 7", null, false), of("{'last_editor': {'id': 7}}"));
        assertEquals(new LiveAttribution("user 7", null, false), of("{'last_editor': null, 'last_editor_id': 7}"));
        assertEquals(new LiveAttribution(null, "2026-11-20T08:13:02.118Z", false), of("{'last_updated': '2026-11-20T08:13:02.118Z'}"));
        assertEquals(new LiveAttribution(null, "2026-11-20T07:13:02Z", false), of("{'last_updated': '2026-11-20T08:13:02+01:00'}"));
        assertEquals(new LiveAttribution(null, "2026-11-20T08:13:02Z", false), of("{'last_updated': '2026-11-20T08:13:02'}"));
        assertEquals(new LiveAttribution(null, "yesterday", false), of("{'last_updated': 'yesterday'}"));
        assertEquals(new LiveAttribution(null, null, true), of("{'inferred': true, 'last_editor': null}"));
        assertEquals(LiveAttribution.NONE, of("{'last_editor': '  ', 'last_updated': null, 'inferred': false}"));
    }

    /** The shortcut for the servers' usual form gives what the JDK's parse-and-print gives, and is taken only for it. */
    @Test
    void thePlainUtcSecondShortcutAgreesWithTheJdk() throws Exception {
        String[] samples = {"2025-06-12T16:09:53Z", "2024-02-29T23:59:59Z", "2023-02-29T10:00:00Z", "2025-04-31T10:00:00Z",
            "2025-06-12T24:00:00Z", "2025-06-12T23:59:60Z", "2025-06-12T23:60:00Z", "2025-13-01T00:00:00Z",
            "2025-00-10T00:00:00Z", "2025-06-00T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
            "2025-06-12t16:09:53Z", "2025-06-12T16:09:53z", "2025-06-12T16:09:5aZ", "+2025-06-12T16:09:53Z",
            "2025-06-12T16:09:53.5Z", "1900-02-29T00:00:00Z", "2000-02-29T00:00:00Z"};
        for (String sample : samples) {
            String jdk;
            try {
                jdk = java.time.Instant.parse(sample).toString();
            } catch (java.time.format.DateTimeParseException e) {
                jdk = null;
            }
            boolean shortcut = LiveAttribution.isPlainUtcSecond(sample);
            if (shortcut) {
                assertEquals(sample, jdk, sample + ": the shortcut keeps a text the JDK prints differently");
            }
            assertEquals(jdk == null ? sample : jdk, of("{'last_updated': '" + sample + "'}").changedAt(), sample);
        }
        assertEquals(true, LiveAttribution.isPlainUtcSecond("2025-06-12T16:09:53Z"));
        assertEquals(false, LiveAttribution.isPlainUtcSecond("2025-06-12T24:00:00Z"));
    }
}
