package qdrift.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What stands in front of the API (an ingress that rate-limits) and the endpoints doctor reads: status, users/me, openapi.json. */
class SandboxInstanceTest {
    private static Sandbox sandbox;
    private static SandboxHttp http;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(TenantSpec.small(), SandboxOptions.defaults().withReadOnlyToken("reader-token"));
        http = SandboxHttp.of(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void statusIsPublicAndHasTheRealBody() {
        SandboxHttp.Reply reply = http.withToken(null).get("/api/status");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("OK", reply.json().get("database_connection").asText());
        assertEquals("OK", reply.json().get("rabbitmq_connection").asText());
        assertEquals(401, http.withToken(null).get("/api/teams").status(), "other endpoints still need the token");
    }

    @Test
    void usersMeNamesTheTokensUserRoleAndTeams() {
        JsonNode me = http.getJson("/api/users/me");
        assertEquals("Admin", me.get("role").asText());
        assertFalse(me.get("name").asText().isBlank());
        assertTrue(me.get("email").asText().contains("@"));
        assertTrue(me.get("teams").size() > 0, me::toString);
        assertEquals("Editor", me.get("teams").get(0).get("permission").asText());

        JsonNode reader = http.withToken("reader-token").getJson("/api/users/me");
        assertEquals("Member", reader.get("role").asText(), "the read-only token is a Member's");
        assertEquals("Viewer", reader.get("teams").get(0).get("permission").asText());
        assertEquals(401, http.withToken("wrong").get("/api/users/me").status());

        sandbox.configureInstance(i -> i.withUser("Manager", "Author"));
        try {
            JsonNode manager = http.getJson("/api/users/me");
            assertEquals("Manager", manager.get("role").asText());
            assertEquals("Author", manager.get("teams").get(0).get("permission").asText());
        } finally {
            sandbox.configureInstance(i -> i.withUser(null, null));
        }
    }

    @Test
    void openApiListsTheServedOperationsWithTheirQueryParametersAndCanLackOne() {
        JsonNode doc = http.withToken(null).getJson("/api/openapi.json");
        JsonNode checks = doc.get("paths").get("/api/quality-checks").get("get");
        List<String> names = new ArrayList<>();
        checks.get("parameters").forEach(p -> names.add(p.get("name").asText()));
        assertTrue(names.containsAll(List.of("datastore", "archived", "page", "size")), names::toString);
        JsonNode size = null;
        for (JsonNode p : checks.get("parameters")) {
            if (p.get("name").asText().equals("size")) {
                size = p.get("schema");
            }
        }
        assertEquals(100, size.get("maximum").asInt());
        assertTrue(doc.get("paths").get("/api/containers/listing").has("get"));

        sandbox.configureInstance(i -> i.withMissingOperation("GET /api/containers/listing"));
        try {
            assertNull(http.getJson("/api/openapi.json").get("paths").get("/api/containers/listing"));
            assertEquals(200, http.get("/api/containers/listing?datastore=" + sandbox.state().busiestDatastoreId()).status(),
                    "only the document lacks it");
        } finally {
            sandbox.configureInstance(i -> i.withMissingOperation(null));
        }
    }

    @Test
    void theIngressLetsTheBurstThroughThenAnswers429WithoutRetryAfter() throws InterruptedException {
        sandbox.configureInstance(i -> i.withIngress(2, 2, 0));
        try {
            List<Integer> statuses = new ArrayList<>();
            SandboxHttp.Reply refused = null;
            for (int i = 0; i < 5; i++) {
                SandboxHttp.Reply reply = http.get("/api/teams");
                statuses.add(reply.status());
                if (reply.status() == 429) {
                    refused = reply;
                }
            }
            assertEquals(List.of(200, 200, 200, 429, 429), statuses, "a burst of 2 lets 3 through at once");
            assertNull(refused.header("Retry-After"), "nginx sends no Retry-After");
            assertTrue(refused.raw().body().contains("429 Too Many Requests"), refused::toString);
            Thread.sleep(600);
            assertEquals(200, http.get("/api/teams").status(), "the rate drains the excess (2 per second)");
        } finally {
            sandbox.configureInstance(i -> i.withIngress(0, 0, 0));
        }
    }

    @Test
    void theIngressAnswers503PastItsConnectionLimit() throws Exception {
        sandbox.configureInstance(i -> i.withIngress(0, 0, 1));
        sandbox.configure(o -> o.withLatencyMs(300));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                answers.add(pool.submit(() -> http.get("/api/teams").status()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses::toString);
            assertEquals(2, statuses.stream().filter(s -> s == 503).count(), statuses::toString);
        } finally {
            pool.shutdownNow();
            sandbox.configure(o -> o.withLatencyMs(0));
            sandbox.configureInstance(i -> i.withIngress(0, 0, 0));
        }
    }

    @Test
    void theLeakyBucketFollowsNginx() {
        AtomicLong now = new AtomicLong();
        Ingress ingress = new Ingress(now::get);
        InstanceOptions tenPerSecond = InstanceOptions.defaults().withIngress(10, 0, 0);
        assertEquals(Ingress.Verdict.PASS, ingress.admit(tenPerSecond));
        assertEquals(Ingress.Verdict.TOO_MANY_REQUESTS, ingress.admit(tenPerSecond), "no burst: a second request at once is refused");
        now.addAndGet(50_000_000);
        assertEquals(Ingress.Verdict.TOO_MANY_REQUESTS, ingress.admit(tenPerSecond), "50 ms later: still too soon at 10/s");
        now.addAndGet(50_000_000);
        assertEquals(Ingress.Verdict.PASS, ingress.admit(tenPerSecond), "100 ms after the last one that passed");
        for (int i = 0; i < 100; i++) {
            now.addAndGet(100_000_000);
            assertEquals(Ingress.Verdict.PASS, ingress.admit(tenPerSecond), "exactly at the rate, every request passes");
        }
    }
}
