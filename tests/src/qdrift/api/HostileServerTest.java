package qdrift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qdrift.cli.Cli;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.ServerConfig;
import qdrift.testing.Fault;

/** Servers that misbehave on purpose, on loopback: redirecting elsewhere, stalling, trickling, and tokens no header can carry. */
class HostileServerTest {
    private static final String BODY = "{\"id\":42,\"name\":\"prod-warehouse\"}";
    private final List<AutoCloseable> servers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    /** A loopback HTTP server; its handler sees every exchange; it records the Authorization headers it was sent. */
    private HttpServer server(List<String> authorizations, Consumer<HttpExchange> handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            handler.accept(exchange);
            exchange.close();
        });
        server.start();
        servers.add(() -> server.stop(0));
        return server;
    }

    private static void answer(HttpExchange exchange, int status, String location, String body) {
        try {
            if (location != null) {
                exchange.getResponseHeaders().add("Location", location);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static QualyticsClient client(String url, String token, Duration timeout) {
        return new QualyticsClient(new ServerConfig(url, token, timeout), TestApi.quickRetries(qdrift.cli.Log.silent()));
    }

    @Test
    @Fault(group = "http")
    void aRedirectToAnotherHostIsRefusedNamingBothAndTheTokenStaysHome() throws IOException {
        List<String> elsewhere = new CopyOnWriteArrayList<>();
        HttpServer other = server(elsewhere, exchange -> answer(exchange, 200, null, BODY));
        String target = "http://127.0.0.1:" + other.getAddress().getPort() + "/api/datastores/42?sig=secret";
        List<String> home = new CopyOnWriteArrayList<>();
        HttpServer api = server(home, exchange -> answer(exchange, 302, target, ""));
        String url = "http://localhost:" + api.getAddress().getPort();

        Failure failure;
        try (QualyticsClient client = client(url, TestApi.TOKEN, Duration.ofSeconds(5))) {
            failure = TestApi.failureOf(() -> client.datastore(42));
        }

        assertEquals(ExitCode.API, failure.exitCode(), failure.getMessage());
        assertEquals("localhost:" + api.getAddress().getPort() + " redirected GET /api/datastores/42 (HTTP 302) to 127.0.0.1:"
                + other.getAddress().getPort() + " (http://127.0.0.1:" + other.getAddress().getPort() + "/api/datastores/42):"
                + " not followed, so the token is not sent there; if the instance moved, pass its new address with --url",
                failure.getMessage());
        assertEquals(List.of(), elsewhere, "the other host must get no request at all, let alone the token");
        assertEquals(List.of("Bearer " + TestApi.TOKEN), home, "one try: a refused redirect is not retried");
    }

    @Test
    @Fault(group = "http")
    void aRedirectWithinTheSameOriginIsFollowedWithTheToken() throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer api = server(seen, exchange -> {
            if (exchange.getRequestURI().getPath().equals("/api/datastores/42")) {
                answer(exchange, 307, "/v2/api/datastores/42", "");
            } else {
                answer(exchange, 200, null, BODY);
            }
        });
        try (QualyticsClient client = client("http://localhost:" + api.getAddress().getPort(), TestApi.TOKEN, Duration.ofSeconds(5))) {
            assertEquals("prod-warehouse", client.datastore(42).path("name").asText());
        }
        assertEquals(List.of("Bearer " + TestApi.TOKEN, "Bearer " + TestApi.TOKEN), seen);
    }

    @Test
    @Fault(group = "http")
    void aRedirectLoopOnTheSameHostEndsAfterFiveHops() throws IOException {
        AtomicInteger hops = new AtomicInteger();
        HttpServer api = server(new CopyOnWriteArrayList<>(), exchange -> answer(exchange, 302, "/api/loop/" + hops.incrementAndGet(), ""));
        try (QualyticsClient client = client("http://localhost:" + api.getAddress().getPort(), TestApi.TOKEN, Duration.ofSeconds(5))) {
            Failure failure = TestApi.failureOf(client::status);
            assertEquals(ExitCode.API, failure.exitCode());
            assertTrue(failure.getMessage().contains("redirected GET /api/status more than 5 times"), failure.getMessage());
        }
        assertEquals(6, hops.get());
    }

    @Test
    @Fault(group = "input")
    void aTokenWithALineBreakOrCjkIsRefusedBeforeAnyRequestAndNeverPrinted() throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer api = server(seen, exchange -> answer(exchange, 200, null, BODY));
        String url = "http://localhost:" + api.getAddress().getPort();
        for (String token : List.of(TestApi.TOKEN + "\nX-Injected: yes", "qdrift-トークン-secret-value")) {
            Failure failure = TestApi.failureOf(() -> client(url, token, Duration.ofSeconds(5)).close());
            assertEquals(ExitCode.AUTH, failure.exitCode(), failure.getMessage());
            assertTrue(failure.getMessage().startsWith("the API token holds a "), failure.getMessage());
            StringWriter err = new StringWriter();
            int code = Cli.report(failure, new PrintWriter(err), true); // what --verbose prints
            assertEquals(4, code);
            assertFalse(err.toString().contains(token.substring(0, 12)), "the token leaked into:\n" + err);
            assertFalse(err.toString().contains("secret-value"), "the token leaked into:\n" + err);
        }
        assertEquals(List.of(), seen, "no request with a token a header cannot carry");
    }

    /** A raw socket server: accepts, reads the request, then lets {@code talk} write whatever it likes, slowly. */
    private int rawServer(SocketTalk talk) throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        servers.add(socket);
        Thread thread = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    readHeaders(client.getInputStream());
                    talk.talk(client.getOutputStream());
                } catch (IOException | InterruptedException closed) {
                    return;
                }
            }
        }, "hostile-server");
        thread.setDaemon(true);
        thread.start();
        return socket.getLocalPort();
    }

    interface SocketTalk {
        void talk(OutputStream out) throws IOException, InterruptedException;
    }

    private static void readHeaders(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int b; matched < end.length && (b = in.read()) >= 0; ) {
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
    }

    private static byte[] headers(int contentLength) {
        return ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + contentLength + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private void assertCutOffWithinTheTimeout(int port) {
        long started = System.nanoTime();
        Failure failure;
        try (QualyticsClient client = client("http://127.0.0.1:" + port, TestApi.TOKEN, Duration.ofMillis(1500))) {
            failure = TestApi.failureOf(() -> client.datastore(42));
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(ExitCode.API, failure.exitCode(), failure.getMessage());
        assertEquals("no answer from 127.0.0.1:" + port + " within 1.5 s on GET /api/datastores/42: raise --timeout (or QUALYTICS_TIMEOUT)",
                failure.getMessage());
        assertTrue(millis < 4000, "took " + millis + " ms for a 1.5 s timeout");
    }

    @Test
    @Fault(group = "network")
    void aServerThatTricklesTheBodyAByteASecondIsCutOffByTheTimeout() throws IOException {
        int port = rawServer(out -> {
            out.write(headers(BODY.length()));
            out.flush();
            for (byte b : BODY.getBytes(StandardCharsets.US_ASCII)) {
                out.write(b);
                out.flush();
                Thread.sleep(1000);
            }
        });
        assertCutOffWithinTheTimeout(port);
    }

    @Test
    @Fault(group = "network")
    void aServerThatSendsHeadersThenStallsIsCutOffByTheTimeout() throws IOException {
        int port = rawServer(out -> {
            out.write(headers(BODY.length()));
            out.write(BODY.substring(0, 5).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(30_000);
        });
        assertCutOffWithinTheTimeout(port);
    }
}
