package qdrift.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault knobs hit exactly the Nth request, can be set at runtime over HTTP, and the stats count what happened. */
class SandboxFaultsTest {
    private Sandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(TenantSpec.of(3, 20, 10), SandboxOptions.defaults().withRateLimit(3, "0"));
        http = SandboxHttp.of(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void everyThirdRequestIsRateLimitedWithRetryAfterAndCounted() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            SandboxHttp.Reply reply = http.get("/api/quality-checks/" + sandbox.state().ids(Kind.CHECK).get(0));
            statuses.add(reply.status());
            if (reply.status() == 429) {
                assertEquals("0", reply.header("Retry-After"), "the Retry-After knob");
                assertTrue(reply.json().has("detail"));
            }
        }
        assertEquals(List.of(200, 200, 429, 200, 200, 429, 200), statuses);
        assertEquals(7, sandbox.stats().total());
        assertEquals(7, sandbox.stats().count("GET /api/quality-checks/{id}"));
        assertEquals(2, sandbox.stats().status(429));

        JsonNode stats = http.getJson("/_sandbox/stats");
        assertEquals(7, stats.get("total").asInt(), "/_sandbox calls need no token and are not counted: " + stats);
        assertEquals(7, stats.get("by_path").get("GET /api/quality-checks/{id}").asInt(), stats::toString);
        http.send("POST", "/_sandbox/stats/reset", null);
        assertEquals(0, sandbox.stats().total());
    }

    @Test
    void aFailPathCanCarryItsStatusSoOneDatastoreIsForbidden() {
        sandbox.configure(o -> o.withRateLimit(0, "0").withFailPath("403:^/api/datastores/10$"));
        SandboxHttp.Reply forbidden = http.get("/api/datastores/10");
        assertEquals(403, forbidden.status(), forbidden::toString);
        assertEquals(200, http.get("/api/datastores/11").status(), "the other datastores answer");
        sandbox.configure(o -> o.withFailPath("/api/datastores/11"));
        assertEquals(500, http.get("/api/datastores/11").status(), "without a status: 500");
    }

    @Test
    void knobsChangeAtRuntimeThroughSandboxConfig() {
        SandboxHttp.Reply reply = new SandboxHttp(sandbox.url(), null).send("POST", "/_sandbox/config",
                "{\"rate_limit_every\": 0, \"error_every\": 2, \"fail_path\": \"/api/teams\"}");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("***", reply.json().get("token").asText(), "the token is never shown");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(http.get("/api/status").status());
        }
        assertEquals(List.of(200, 500, 200, 502, 200, 503), statuses, "5xx every 2nd request, in turn");
        assertEquals(500, http.get("/api/teams").status(), "a failing path fails whatever the count (7th request)");
        assertEquals(500, http.get("/api/teams").status(), "and keeps failing (8th request)");
        assertEquals(422, http.send("POST", "/_sandbox/config", "{\"no_such_knob\": 1}").status());
    }

    @Test
    void theUpgradeFieldKnobPutsOneNewFieldOnEveryCheckAndNothingElse() {
        sandbox.configure(o -> o.withRateLimit(0, "1"));
        SandboxHttp.Reply reply = new SandboxHttp(sandbox.url(), null).send("POST", "/_sandbox/config",
                "{\"upgrade_field\": \"is_monitored\"}");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("is_monitored", sandbox.options().upgradeField());
        JsonNode checks = http.getJson("/api/quality-checks?size=100");
        assertTrue(checks.get("items").size() > 0, checks::toString);
        checks.get("items").forEach(check -> assertEquals(false, check.get("is_monitored").asBoolean(true), check::toString));
        JsonNode containers = http.getJson("/api/containers?size=100");
        containers.get("items").forEach(container -> assertTrue(!container.has("is_monitored"), container::toString));
        long id = checks.get("items").get(0).get("id").asLong();
        assertTrue(!sandbox.state().get(qdrift.sandbox.Kind.CHECK, id).has("is_monitored"), "the stored check is untouched");
        new SandboxHttp(sandbox.url(), null).send("POST", "/_sandbox/config", "{\"upgrade_field\": null}");
        assertTrue(!http.getJson("/api/quality-checks/" + id).has("is_monitored"), "off again");
    }

    @Test
    void aDroppedConnectionGivesNoResponseAtAll() throws java.io.IOException {
        sandbox.configure(o -> o.withRateLimit(0, "1").withDropEvery(2));
        assertEquals("HTTP/1.1 200 OK", rawGet("/api/status"));
        assertEquals("", rawGet("/api/status"), "the second request's socket is closed with nothing written");
        assertEquals("HTTP/1.1 200 OK", rawGet("/api/status"));
        assertEquals(1, sandbox.stats().status(0), "the drop is counted as status 0");
    }

    /** One GET on a fresh socket (no client retries): the status line, or "" when the server closed without answering. */
    private String rawGet(String path) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", sandbox.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + sandbox.token()
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return answer.isEmpty() ? "" : answer.lines().findFirst().orElse("");
        }
    }

    @Test
    void anOlderServerClampsThePageSize() {
        sandbox.configure(o -> o.withRateLimit(0, "1").withLegacyShapes(true).withMaxPageSize(5));
        JsonNode page = http.getJson("/api/quality-checks?size=100&archived=include");
        assertEquals(5, page.get("size").asInt());
        assertEquals(5, page.get("items").size());
    }
}
