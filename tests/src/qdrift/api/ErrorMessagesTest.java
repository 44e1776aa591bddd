package qdrift.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.cli.ServerConfig;

class ErrorMessagesTest {
    private static WireMockServer server;
    private static String host;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        host = "localhost:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private static void assertFailure(ExitCode code, String expectedMessage, Failure failure) {
        assertEquals(code, failure.exitCode(), "exit code of: " + failure.getMessage());
        assertEquals(expectedMessage, failure.getMessage());
        assertFalse(failure.getMessage().contains(TestApi.TOKEN), "the token leaked into: " + failure.getMessage());
    }

    @Test
    @qdrift.testing.Fault(group = "input")
    void anExpiredTokenFailsBeforeAnyRequest() {
        String expired = TestApi.jwt(Instant.parse("2025-11-20T10:00:00Z"));
        Failure failure = TestApi.failureOf(() -> new QualyticsClient(
                new ServerConfig(server.baseUrl(), expired, Duration.ofSeconds(5)), ClientSettings.defaults(Log.silent())).close());
        assertEquals(ExitCode.AUTH, failure.exitCode());
        assertTrue(failure.getMessage().startsWith("token expired on 2025-11-20T10:00Z: get a new one"), failure.getMessage());
        assertEquals(0, server.findAll(anyRequestedFor(anyUrl())).size(), "no request may be sent with an expired token");
    }

    @Test
    @qdrift.testing.Fault(group = "input")
    void aJwtWithAnAbsurdExpIsNoKnownExpiryAndTheServerJudgesIt() {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String absurd = b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "."
                + b64.encodeToString("{\"exp\":-9223372036854775}".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".sig";
        assertEquals(java.util.Optional.empty(), Jwt.expiry(absurd));
        server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(401).withBody("{\"detail\":\"Invalid token\"}")));
        try (QualyticsClient client = new QualyticsClient(new ServerConfig(server.baseUrl(), absurd, Duration.ofSeconds(5)),
                TestApi.quickRetries(Log.silent()))) {
            Failure failure = TestApi.failureOf(client::status);
            assertFailure(ExitCode.AUTH, "token rejected or expired (server said: Invalid token): get a new token for " + host
                    + " and set QUALYTICS_TOKEN (or use --token-file)", failure);
        }
    }

    @Test
    @qdrift.testing.Fault(group = "http")
    void aRejectedTokenIsAnAuthFailureNamingItsExpiryButNeverTheToken() {
        server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(401)
                .withBody("{\"detail\":\"Could not validate credentials for " + TestApi.TOKEN + "\"}")));
        try (QualyticsClient client = TestApi.client(server.baseUrl())) {
            Failure failure = TestApi.failureOf(client::status);
            assertEquals(ExitCode.AUTH, failure.exitCode());
            assertEquals("token rejected or expired (expires at " + Jwt.format(Jwt.expiry(TestApi.TOKEN).orElseThrow())
                    + "; server said: Could not validate credentials for ***): get a new token for " + host
                    + " and set QUALYTICS_TOKEN (or use --token-file)", failure.getMessage());
            assertFalse(failure.getMessage().contains(TestApi.TOKEN), "the token leaked into: " + failure.getMessage());
        }
    }

    @Test
    @qdrift.testing.Fault(group = "http")
    void aForbiddenAnswerSaysWhichRolesAreNeeded() {
        server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(403).withBody("{\"detail\":\"Not enough permissions\"}")));
        try (QualyticsClient client = TestApi.client(server.baseUrl())) {
            assertFailure(ExitCode.AUTH, "permission denied on GET /api/quality-checks (server said: Not enough permissions):"
                    + " needs the Member role and Reporter on the datastore's team", TestApi.failureOf(() -> client.qualityChecks(42)));
        }
    }

    @Test
    @qdrift.testing.Fault(group = "http")
    void anUnknownDatastoreNamesTheIdAndTheOption() {
        server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(404).withBody("{\"detail\":\"Datastore not found\"}")));
        try (QualyticsClient client = TestApi.client(server.baseUrl())) {
            String expected = "no datastore 42 at " + host + ": check --datastore-id (server said: Datastore not found)";
            assertFailure(ExitCode.API, expected, TestApi.failureOf(() -> client.datastore(42)));
            assertFailure(ExitCode.API, expected, TestApi.failureOf(() -> client.containerListing(42)));
            assertFailure(ExitCode.API, "no container 7 at " + host + " (deleted while reading?): retry (server said: Datastore not found)",
                    TestApi.failureOf(() -> client.containerDetails(java.util.List.of(7L))));
        }
    }

    @Test
    @qdrift.testing.Fault(group = "http")
    void anHtmlPageFromAProxyIsCalledOutAsNotJson() {
        server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<html><body>Please sign in</body></html>")));
        try (QualyticsClient client = TestApi.client(server.baseUrl())) {
            assertFailure(ExitCode.API, "unexpected non-JSON answer from " + host + " on GET /api/datastores/42 (HTTP 200, text/html):"
                    + " is the URL right, or is a proxy in the way?", TestApi.failureOf(() -> client.datastore(42)));
        }
        server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(404).withBody("<html><h1>Not Found</h1></html>")));
        try (QualyticsClient client = TestApi.client(server.baseUrl())) {
            Failure failure = TestApi.failureOf(() -> client.datastore(42));
            assertTrue(failure.getMessage().startsWith("unexpected non-JSON answer"), "an HTML 404 is no proof the datastore is missing: "
                    + failure.getMessage());
        }
    }

    @Test
    @qdrift.testing.Fault(group = "network")
    void aClosedPortMeansCannotConnect() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (QualyticsClient client = TestApi.client("http://127.0.0.1:" + port)) {
            assertFailure(ExitCode.API, "cannot connect to 127.0.0.1:" + port + ": is the URL right?", TestApi.failureOf(client::status));
        }
    }

    @Test
    @qdrift.testing.Fault(group = "network")
    void anUnknownHostSaysToCheckTheUrl() {
        try (QualyticsClient client = TestApi.client("https://qdrift-no-such-host.invalid")) {
            assertFailure(ExitCode.API, "unknown host qdrift-no-such-host.invalid: check the spelling of --url", TestApi.failureOf(client::status));
        }
    }

    @Test
    @qdrift.testing.Fault(group = "network")
    void tlsAgainstAPlainHttpPortIsATlsFailure() {
        try (QualyticsClient client = TestApi.client("https://localhost:" + server.port())) {
            Failure failure = TestApi.failureOf(client::status);
            assertEquals(ExitCode.API, failure.exitCode());
            assertTrue(failure.getMessage().startsWith("TLS failure talking to " + host + ": "), failure.getMessage());
            assertFalse(failure.getMessage().contains("javax.net"), "the JDK's reason, without wrapper class names: " + failure.getMessage());
        }
    }

    @Test
    @qdrift.testing.Fault(group = "network")
    void aServerThatAnswersTooLateTimesOutWithAHintToRaiseTheTimeout() {
        server.stubFor(get(anyUrl()).willReturn(okJson("{}").withFixedDelay(2500)));
        try (QualyticsClient client = new QualyticsClient(new ServerConfig(server.baseUrl(), TestApi.TOKEN, Duration.ofSeconds(1)),
                TestApi.quickRetries(Log.silent()))) {
            assertFailure(ExitCode.API, "no answer from " + host + " within 1 s on GET /api/status: raise --timeout (or QUALYTICS_TIMEOUT)",
                    TestApi.failureOf(client::status));
        }
    }

    @Test
    @qdrift.testing.Fault(group = "http")
    void verboseLogsShowRequestsButNeverTheToken() {
        server.stubFor(get(urlPathEqualTo("/api/datastores/42")).willReturn(okJson("{\"id\":42}")));
        server.stubFor(get(urlPathEqualTo("/api/connections/1")).willReturn(aResponse().withStatus(401)));
        StringWriter log = new StringWriter();
        ServerConfig config = new ServerConfig(server.baseUrl(), TestApi.TOKEN, Duration.ofSeconds(5));
        try (QualyticsClient client = new QualyticsClient(config, TestApi.quickRetries(new Log(new PrintWriter(log), false, true)))) {
            client.datastore(42);
            Failure failure = TestApi.failureOf(() -> client.connection(1));
            assertFalse(failure.getMessage().contains(TestApi.TOKEN), failure.getMessage());
            assertFalse(client.toString().contains(TestApi.TOKEN), client.toString());
        }
        assertTrue(log.toString().contains("GET /api/datastores/42 -> 200"), "verbose log should trace requests:\n" + log);
        assertTrue(log.toString().contains("GET /api/connections/1 -> 401"), "verbose log should trace requests:\n" + log);
        assertFalse(log.toString().contains(TestApi.TOKEN), "the token leaked into the verbose log:\n" + log);
        assertFalse(config.toString().contains(TestApi.TOKEN), config.toString());
    }
}
