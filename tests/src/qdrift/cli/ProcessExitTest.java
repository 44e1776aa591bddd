package qdrift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The selector thread of a JDK HTTP client, which makes JDK 17's exit pause, is found by its name and stopped. */
class ProcessExitTest {

    @Test
    void aUsedHttpClientsSelectorThreadIsStoppedAndTheOthersAreLeftAlone() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        Thread bystander = new Thread(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException ignored) {
                // stopped by the test's clean-up
            }
        }, "bystander");
        bystander.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("ok", answer.body());
            // the facade's toString ends in the client's id, which names its selector thread
            Matcher id = Pattern.compile("\\((\\d+)\\)$").matcher(client.toString());
            assertTrue(id.find(), client.toString());
            String name = "HttpClient-" + id.group(1) + "-SelectorManager";
            Thread selector = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name))
                    .findFirst().orElseThrow();
            assertTrue(ProcessExit.isHttpSelector(selector));
            assertFalse(ProcessExit.isHttpSelector(bystander));

            List<Thread> alive = ProcessExit.stopThreads(t -> t.getName().equals(name), Duration.ofSeconds(5));

            assertEquals(List.of(), alive);
            assertFalse(selector.isAlive(), "the selector thread still runs");
            assertTrue(bystander.isAlive(), "a thread the filter did not pick was stopped");
        } finally {
            bystander.interrupt();
            server.stop(0);
        }
    }
}
