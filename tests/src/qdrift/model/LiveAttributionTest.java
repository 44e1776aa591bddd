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
}
