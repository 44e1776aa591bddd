package qdrift.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One headless Chromium driven over its DevTools protocol (a loopback WebSocket), for what the command line cannot
 * do: emulate print media, then ask the rendered page a question (a JavaScript expression run by DevTools, not by the
 * page, which has no script). The same profile, flags and recording proxy as {@link Chromium}.
 */
public final class ChromiumDevTools implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

    public ChromiumDevTools(Chromium chromium, Path temp) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(chromium.command(temp, List.of("--remote-debugging-port=0", "about:blank")));
        command.removeIf(arg -> arg.startsWith("--virtual-time-budget"));
        process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            socket = connect(http());
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            stop();
            throw e;
        }
        call("Page.enable", JSON.createObjectNode());
        call("Page.setBypassCSP", JSON.createObjectNode().put("enabled", true));
    }

    private static HttpClient http() {
        return HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Waits for the DevTools port, finds the page target and opens its WebSocket. */
    private WebSocket connect(HttpClient http) throws IOException, InterruptedException {
        String browser = listening(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)));
        URI browserUri = URI.create(browser);
        String list = http.send(HttpRequest.newBuilder(URI.create("http://" + browserUri.getAuthority() + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String pageSocket = null;
        for (JsonNode target : JSON.readTree(list)) {
            if ("page".equals(target.path("type").asText())) {
                pageSocket = target.path("webSocketDebuggerUrl").asText();
            }
        }
        if (pageSocket == null) {
            fail("chromium has no page target: " + list);
        }
        return http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new Listener()).join();
    }

    private String listening(BufferedReader stderr) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline && (line = stderr.readLine()) != null) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> stderr.lines().forEach(l -> { }), "chromium-stderr");
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
            seen.append(line).append('\n');
        }
        fail("chromium did not open its DevTools port: " + seen);
        return null;
    }

    /** "screen" or "print": the media the next pages are laid out for. */
    public void emulateMedia(String media) {
        call("Emulation.setEmulatedMedia", JSON.createObjectNode().put("media", media));
    }

    /** Opens the page from disk and waits for its load event. */
    public void open(Path page) {
        loaded = new CompletableFuture<>();
        call("Page.navigate", JSON.createObjectNode().put("url", page.toUri().toString()));
        try {
            loaded.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            fail("the page did not load within 60 s: " + page);
        }
    }

    /** The value of a JavaScript expression in the open page (strings, numbers, booleans, arrays of them). */
    public JsonNode evaluate(String expression) {
        JsonNode result = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression).put("returnByValue", true));
        if (result.has("exceptionDetails")) {
            fail("the expression failed: " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    private JsonNode call(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(message.toString(), true).join();
        try {
            JsonNode reply = answer.get(60, TimeUnit.SECONDS);
            if (reply.has("error")) {
                fail(method + " failed: " + reply.path("error"));
            }
            return reply.path("result");
        } catch (Exception e) {
            fail(method + " got no answer: " + e);
            return null;
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> answer = pending.remove(message.path("id").asInt());
                        if (answer != null) {
                            answer.complete(message);
                        }
                    } else if ("Page.loadEventFired".equals(message.path("method").asText())) {
                        loaded.complete(null);
                    }
                } catch (IOException e) {
                    pending.values().forEach(f -> f.completeExceptionally(e));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.abort();
        stop();
    }

    /** Ends the Chromium this object started, and its helper processes. */
    private void stop() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
