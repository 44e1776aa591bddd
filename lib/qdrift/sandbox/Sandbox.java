//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * A stateful fake of the Qualytics API on 127.0.0.1, for the demo, end-to-end tests and benchmarks.
 * {@code try (Sandbox sandbox = Sandbox.start(TenantSpec.small(), SandboxOptions.defaults())) { ... sandbox.url() ... }}
 */
public final class Sandbox implements AutoCloseable {
    private static final ObjectMapper OPTIONS_JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    private final TenantState state;
    private final ApiRoutes routes;
    private final RequestStats stats = new RequestStats();
    private final AtomicReference<SandboxOptions> options;
    private final AtomicReference<InstanceOptions> instance;
    private final Ingress ingress = new Ingress();
    private final HttpServer server;
    private final ExecutorService executor;

    static {
        // The JDK server writes headers and body in separate packets: with Nagle's algorithm on, every keep-alive
        // answer stalls ~40 ms on the client's delayed ACK, which no real server does. Read once per JVM.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private Sandbox(TenantState state, SandboxOptions options, InstanceOptions instance) throws IOException {
        this.state = state;
        this.routes = new ApiRoutes(state);
        this.options = new AtomicReference<>(options);
        this.instance = new AtomicReference<>(instance);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 256);
        this.executor = Executors.newFixedThreadPool(16, runnable -> {
            Thread thread = new Thread(runnable, "sandbox-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Generates the tenant and serves it; port 0 in the options picks a free port. */
    public static Sandbox start(TenantSpec spec, SandboxOptions options) {
        return start(spec, options, InstanceOptions.defaults());
    }

    /** As above, behind an ingress and with a token user as {@code instance} says. */
    public static Sandbox start(TenantSpec spec, SandboxOptions options, InstanceOptions instance) {
        try {
            return new Sandbox(TenantGenerator.generate(spec), options, instance);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + options.port() + ": " + e.getMessage(), e);
        }
    }

    public static Sandbox start(TenantSpec spec) {
        return start(spec, SandboxOptions.defaults());
    }

    /** The instance URL, e.g. http://127.0.0.1:41234 (the API is under /api). */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String token() {
        return options.get().token();
    }

    public TenantState state() {
        return state;
    }

    public RequestStats stats() {
        return stats;
    }

    public SandboxOptions options() {
        return options.get();
    }

    /** Changes knobs while serving, e.g. {@code sandbox.configure(o -> o.withRateLimit(3, "0"))}. */
    public void configure(UnaryOperator<SandboxOptions> change) {
        options.updateAndGet(change);
    }

    public InstanceOptions instance() {
        return instance.get();
    }

    /** Changes the ingress limits, the token's user or the OpenAPI document while serving. */
    public void configureInstance(UnaryOperator<InstanceOptions> change) {
        instance.updateAndGet(change);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- HTTP ----

    private void handle(HttpExchange exchange) {
        try (exchange) {
            ApiRequest request = read(exchange);
            ApiResponse response;
            if (request.path().startsWith("/_sandbox")) {
                response = safely(() -> control(request));
            } else {
                Ingress.Verdict verdict = ingress.admit(instance.get());
                if (verdict != Ingress.Verdict.PASS) {
                    refuse(exchange, request, verdict);
                    return;
                }
                try {
                    response = api(request, exchange.getRequestHeaders().getFirst("Authorization"));
                } finally {
                    ingress.done();
                }
            }
            write(exchange, response);
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
    }

    private ApiResponse api(ApiRequest request, String authorization) {
        SandboxOptions current = options.get();
        long number = stats.arrived(request.method(), request.template());
        stats.queried(request.method(), request.template(), request.query());
        long writeNumber = RequestStats.isWrite(request.method()) ? stats.writeArrived() : 0;
        ApiResponse response = serve(request, authorization, current, number, writeNumber);
        stats.answered(response.drop() ? 0 : response.status());
        return response;
    }

    private ApiResponse serve(ApiRequest request, String authorization, SandboxOptions current, long number, long writeNumber) {
        if (current.latencyMs() > 0) {
            try {
                Thread.sleep(current.latencyMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ApiResponse.dropped();
            }
        }
        ApiResponse fault = Faults.of(number, request.path(), current);
        if (fault != null) {
            return fault;
        }
        if (request.method().equals("GET") && request.path().equals("/api/status")) {
            return ApiResponse.ok(SandboxJson.object().put("database_connection", "OK").put("rabbitmq_connection", "OK"));
        }
        if (request.method().equals("GET") && request.path().equals("/api/openapi.json")) {
            return ApiResponse.ok(OpenApiDocument.of(instance.get()));
        }
        String token = bearer(authorization);
        boolean readOnly = current.readOnlyToken() != null && token.equals(current.readOnlyToken());
        if (current.expiredToken() || !(token.equals(current.token()) || readOnly)) {
            return ApiResponse.error(401, "Could not validate credentials");
        }
        if (request.method().equals("GET") && request.path().equals("/api/users/me")) {
            return ApiResponse.ok(CurrentUser.of(instance.get(), readOnly, state.teams()));
        }
        if (!request.path().startsWith("/api/")) {
            return ApiResponse.error(404, "Not Found");
        }
        boolean write = writeNumber > 0;
        if (write && readOnly) {
            return ApiResponse.error(403, "Forbidden: " + request.method() + " " + request.template()
                    + " needs " + writeRole(request.path()) + "; this token may only read");
        }
        if (write && writeNumber == current.failWriteAt()) {
            return ApiResponse.error(500, "Internal Server Error");
        }
        ApiResponse response = safely(() -> routes.handle(request, ApiRoutes.ListRules.of(current, instance.get())));
        if (write && response.status() / 100 == 2) {
            stats.written(request.method());
            if (writeNumber == current.lostWriteAt()) {
                return ApiResponse.dropped(); // applied, but the client never hears so
            }
        }
        if (response.status() == 200 && response.body() != null) {
            return ApiResponse.ok(shape(request, response.body(), current, number));
        }
        return response;
    }

    /** The token of an "Authorization: Bearer <token>" header (scheme case-insensitive), or "" when there is none. */
    private static String bearer(String authorization) {
        if (authorization == null) {
            return "";
        }
        String trimmed = authorization.trim();
        return trimmed.regionMatches(true, 0, "Bearer ", 0, 7) ? trimmed.substring(7).trim() : "";
    }

    private JsonNode shape(ApiRequest request, JsonNode body, SandboxOptions current, long number) {
        if (!current.checkEditors() && request.path().startsWith("/api/quality-checks")) {
            // the contract's servers name no editor on checks; the sandbox remembers one for --check-editors
            resources(body).forEach(check -> check.remove(List.of("last_editor", "last_editor_id")));
        }
        if (current.legacyShapes()) {
            LegacyShapes.apply(body, id -> state.nameOf(Kind.CONNECTION, id));
        }
        if (current.churn()) {
            resources(body).forEach(resource -> ServerState.churn(resource, number));
        }
        if (current.upgradeField() != null) {
            resources(body).stream().filter(r -> r.has("rule_type") || r.has("rule"))
                    .forEach(check -> check.put(current.upgradeField(), false));
        }
        return current.randomOrder() ? new Scrambler(number * 7919 + System.nanoTime()).scramble(body, body.isArray()) : body;
    }

    /** The role or team permission a write to this path needs on a real server (user guide, security pages). */
    private static String writeRole(String path) {
        if (path.startsWith("/api/connections") || path.matches("/api/datastores/[^/]+/enrichment.*")) {
            return "the Manager or Admin role";
        }
        return path.startsWith("/api/quality-checks") ? "team permission Author or Editor" : "team permission Editor";
    }

    /** The resource objects of a body: each page item, each array element, or the body itself. */
    private static List<ObjectNode> resources(JsonNode body) {
        List<ObjectNode> resources = new ArrayList<>();
        JsonNode list = body.has("items") ? body.get("items") : body;
        if (list.isArray()) {
            list.forEach(item -> {
                if (item instanceof ObjectNode object) {
                    resources.add(object);
                }
            });
        } else if (list instanceof ObjectNode object) {
            resources.add(object);
        }
        return resources;
    }

    private static ApiResponse safely(java.util.function.Supplier<ApiResponse> action) {
        try {
            return action.get();
        } catch (ApiError e) {
            return ApiResponse.json(e.status(), e.body());
        } catch (RuntimeException e) {
            System.err.println("sandbox: internal error: " + e);
            return ApiResponse.error(500, "sandbox internal error: " + e.getClass().getSimpleName());
        }
    }

    private ApiResponse control(ApiRequest request) {
        String path = request.path().replaceAll("/+$", "");
        switch (request.method() + " " + path) {
            case "GET /_sandbox/stats":
                return ApiResponse.ok(stats.toJson());
            case "POST /_sandbox/stats/reset":
                stats.reset();
                return ApiResponse.ok(stats.toJson());
            case "GET /_sandbox/config":
                return ApiResponse.ok(optionsJson(options.get()));
            case "POST /_sandbox/config":
                ObjectNode patch = SandboxJson.parseObject(request.body());
                patch.remove("port");
                SandboxOptions updated = options.updateAndGet(current -> merge(current, patch));
                return ApiResponse.ok(optionsJson(updated));
            default:
                return ApiResponse.error(404, "Not Found: /_sandbox has GET stats, POST stats/reset, GET and POST config");
        }
    }

    private static SandboxOptions merge(SandboxOptions current, ObjectNode patch) {
        ObjectNode tree = OPTIONS_JSON.valueToTree(current);
        tree.setAll(patch);
        try {
            return OPTIONS_JSON.treeToValue(tree, SandboxOptions.class);
        } catch (IOException | IllegalArgumentException e) {
            throw ApiError.unprocessable("bad sandbox config: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static ObjectNode optionsJson(SandboxOptions current) {
        ObjectNode tree = OPTIONS_JSON.valueToTree(current);
        tree.put("token", "***");
        if (current.readOnlyToken() != null) {
            tree.put("read_only_token", "***");
        }
        return tree;
    }

    /**
     * The ingress's refusal, before the API sees the request: nginx's HTML page, 429 without Retry-After past the rate
     * or 503 past the connection limit. Counted like any answer.
     */
    private void refuse(HttpExchange exchange, ApiRequest request, Ingress.Verdict verdict) throws IOException {
        stats.arrived(request.method(), request.template());
        int status = verdict == Ingress.Verdict.TOO_MANY_REQUESTS ? 429 : 503;
        stats.answered(status);
        String title = status == 429 ? "429 Too Many Requests" : "503 Service Temporarily Unavailable";
        byte[] bytes = ("<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static ApiRequest read(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
        }
        return new ApiRequest(exchange.getRequestMethod().toUpperCase(), exchange.getRequestURI().getPath(), query, body);
    }

    private static void write(HttpExchange exchange, ApiResponse response) throws IOException {
        if (response.drop()) {
            return; // closing the exchange before any header closes the socket: the client sees no response at all
        }
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (response.body() == null) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] bytes = SandboxJson.MAPPER.writeValueAsBytes(response.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
