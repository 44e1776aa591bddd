package qdrift.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Log;

class RetryTest {
    private static final String DATASTORE = "/api/datastores/42";
    private static final String BODY = "{\"id\":42,\"name\":\"prod-warehouse\"}";
    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance().options(options().dynamicPort()).build();

    /** The first {@code times} requests get {@code failure}, every later one the datastore. */
    private void failingFirst(int times, ResponseDefinitionBuilder failure) {
        String state = Scenario.STARTED;
        for (int i = 1; i <= times; i++) {
            String next = "failed " + i;
            server.stubFor(get(urlPathEqualTo(DATASTORE)).inScenario("flaky").whenScenarioStateIs(state)
                    .willSetStateTo(next).willReturn(failure));
            state = next;
        }
        server.stubFor(get(urlPathEqualTo(DATASTORE)).inScenario("flaky").whenScenarioStateIs(state).willReturn(okJson(BODY)));
    }

    @Test
    void rateLimitedWithRetryAfterThenServedSucceedsAndCountsTheRetry() {
        failingFirst(1, aResponse().withStatus(429).withHeader("Retry-After", "0.05").withBody("{\"detail\":\"slow down\"}"));
        try (QualyticsClient client = TestApi.client(server.baseUrl())) {
            assertEquals("prod-warehouse", client.datastore(42).get("name").asText());
            RequestStats stats = client.stats();
            assertEquals(2, stats.requests(), stats.toString());
            assertEquals(1, stats.retries(), stats.toString());
            assertEquals(1, stats.withStatus(429), stats.toString());
            assertEquals(1, stats.withStatus(200), stats.toString());
        }
    }

    @Test
    @qdrift.testing.Fault(group = "network")
    void connectionsResetByThePeerAreRetried() {
        // three resets: the JDK's HTTP client silently retries a GET once by itself, so one reset alone would never reach us
        failingFirst(3, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        try (QualyticsClient client = TestApi.client(server.baseUrl())) {
            assertEquals(42, client.datastore(42).get("id").asLong());
            assertTrue(client.stats().retries() >= 1, client.stats().toString());
            assertTrue(client.stats().connectionFailures() >= 1, client.stats().toString());
        }
    }

    @Test
    void aPersistent503FailsWithTheApiExitCodeAfterBoundedRetries() {
        server.stubFor(get(urlPathEqualTo("/api/quality-checks")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"detail\":\"maintenance\"}")));
        try (QualyticsClient client = TestApi.client(server.baseUrl())) { // quickRetries: 3 retries
            Failure failure = TestApi.failureOf(() -> client.qualityChecks(42));
            assertEquals(ExitCode.API, failure.exitCode());
            assertEquals("server error 503 on GET /api/quality-checks (after 4 tries; server said: maintenance):"
                    + " try again later or check the Qualytics status page", failure.getMessage());
        }
        server.verify(4, getRequestedFor(urlPathEqualTo("/api/quality-checks")));
    }

    @Test
    @qdrift.testing.Fault(group = "http")
    void a500IsAServerBugAndIsRetriedOnlyOnce() {
        server.stubFor(get(urlPathEqualTo(DATASTORE)).willReturn(aResponse().withStatus(500).withBody("{\"detail\":\"boom\"}")));
        try (QualyticsClient client = TestApi.client(server.baseUrl())) {
            Failure failure = TestApi.failureOf(() -> client.datastore(42));
            assertEquals(ExitCode.API, failure.exitCode());
            assertTrue(failure.getMessage().startsWith("server error 500 on GET /api/datastores/42 (after 2 tries; server said: boom)"), failure.getMessage());
        }
        server.verify(2, getRequestedFor(urlPathEqualTo(DATASTORE)));
    }

    @Test
    @qdrift.testing.Fault(group = "http")
    void aRetryAfterBeyondTheRetryBudgetFailsAtOnceSayingHowLongTheServerWants() {
        server.stubFor(get(urlPathEqualTo(DATASTORE)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
        try (QualyticsClient client = TestApi.client(server.baseUrl())) {
            Failure failure = TestApi.failureOf(() -> client.datastore(42));
            assertEquals(ExitCode.API, failure.exitCode());
            assertTrue(failure.getMessage().contains("rate limited") && failure.getMessage().contains("3600 s"), failure.getMessage());
        }
        server.verify(1, getRequestedFor(urlPathEqualTo(DATASTORE)));
    }

    @Test
    @qdrift.testing.Fault(group = "http")
    void clientErrorsOtherThanRateLimitsAreNeverRetried() {
        server.stubFor(get(urlPathEqualTo(DATASTORE)).willReturn(aResponse().withStatus(422)
                .withBody("{\"detail\":[{\"loc\":[\"query\",\"size\"],\"msg\":\"ensure this value is less than 500\"}]}")));
        try (QualyticsClient client = TestApi.client(server.baseUrl(), TestApi.quickRetries(Log.silent()))) {
            Failure failure = TestApi.failureOf(() -> client.datastore(42));
            assertTrue(failure.getMessage().contains("HTTP 422") && failure.getMessage().contains("ensure this value is less than 500"),
                    failure.getMessage());
        }
        server.verify(1, getRequestedFor(urlPathEqualTo(DATASTORE)));
    }

    /** A clock whose sleeps pass at once but count: a minute of retries takes milliseconds. */
    static final class FakeClock implements RetryClock {
        final java.util.List<Duration> sleeps = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public long nanoTime() {
            return nanos.get();
        }

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
            nanos.addAndGet(duration.toNanos());
        }

        Duration slept() {
            return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
        }
    }

    /** The budget is a minute; a paced retry may pass it by one slot of the pacer at its slowest (1 request/s). */
    private static final Duration WITHIN_THE_MINUTE = Duration.ofSeconds(61);

    private static QualyticsClient withDefaultBudget(FakeClock clock) {
        return TestApi.client(server.baseUrl(), ClientSettings.defaults(Log.silent()).withClock(clock));
    }

    @Test
    @qdrift.testing.Fault(group = "http")
    void aPersistent503IsRetriedForAboutAMinuteWithCappedBackoffThenFails() {
        server.stubFor(get(urlPathEqualTo(DATASTORE)).willReturn(aResponse().withStatus(503).withBody("{\"detail\":\"maintenance\"}")));
        FakeClock clock = new FakeClock();
        Failure failure;
        try (QualyticsClient client = withDefaultBudget(clock)) {
            failure = TestApi.failureOf(() -> client.datastore(42));
        }
        int tries = clock.sleeps.size() + 1;
        assertEquals(ExitCode.API, failure.exitCode());
        assertEquals("server error 503 on GET /api/datastores/42 (after " + tries + " tries; server said: maintenance):"
                + " try again later or check the Qualytics status page", failure.getMessage());
        assertTrue(clock.slept().compareTo(Duration.ofSeconds(50)) >= 0 && clock.slept().compareTo(WITHIN_THE_MINUTE) <= 0,
                "about a minute of retries, not " + clock.slept() + " " + clock.sleeps);
        assertTrue(clock.sleeps.stream().allMatch(d -> d.compareTo(Duration.ofSeconds(10)) <= 0), "backoff capped at 10 s: " + clock.sleeps);
        server.verify(tries, getRequestedFor(urlPathEqualTo(DATASTORE)));
    }

    @Test
    @qdrift.testing.Fault(group = "http")
    void a429WithoutRetryAfterIsRetriedForAboutAMinuteAndSaysNothingOfAWait() {
        server.stubFor(get(urlPathEqualTo(DATASTORE)).willReturn(aResponse().withStatus(429)));
        FakeClock clock = new FakeClock();
        Failure failure;
        try (QualyticsClient client = withDefaultBudget(clock)) {
            failure = TestApi.failureOf(() -> client.datastore(42));
        }
        assertEquals("rate limited by localhost:" + server.getPort() + " on GET /api/datastores/42 (after " + (clock.sleeps.size() + 1)
                + " tries): try again later", failure.getMessage().replace("127.0.0.1", "localhost"));
        assertTrue(clock.slept().compareTo(Duration.ofSeconds(50)) >= 0 && clock.slept().compareTo(WITHIN_THE_MINUTE) <= 0,
                "about a minute of retries, not " + clock.slept());
    }

    @Test
    @qdrift.testing.Fault(group = "http")
    void a429RetryAfterIsWaitedExactlyUntilTheMinuteIsSpent() {
        server.stubFor(get(urlPathEqualTo(DATASTORE)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
        FakeClock clock = new FakeClock();
        Failure failure;
        try (QualyticsClient client = withDefaultBudget(clock)) {
            failure = TestApi.failureOf(() -> client.datastore(42));
        }
        assertEquals(java.util.Collections.nCopies(8, Duration.ofSeconds(7)), clock.sleeps, "8 waits of 7 s fit in the minute, a 9th does not");
        assertTrue(failure.getMessage().contains("(after 9 tries; it asked to wait 7 s)"), failure.getMessage());
    }
}
