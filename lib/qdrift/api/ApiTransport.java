//DEPS com.konghq:unirest-java-core:4.4.5
//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import kong.unirest.core.HttpResponse;
import kong.unirest.core.Unirest;
import kong.unirest.core.UnirestException;
import kong.unirest.core.UnirestInstance;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.cli.Version;

/**
 * Sends GETs to one instance and returns parsed JSON, or throws the Failure a user can act on.
 * Owns a private unirest instance, the bound on requests in flight, the retry loop and the counters.
 * Thread-safe. The token goes into the Authorization header and nowhere else.
 */
final class ApiTransport implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String baseUrl;
    private final String authorization;
    private final UnirestInstance http;
    private final Semaphore inFlight;
    private final RetryPolicy retryPolicy;
    private final ApiErrors errors;
    private final Log log;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong connectionFailures = new AtomicLong();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

    ApiTransport(String baseUrl, String token, Duration timeout, ClientSettings settings, ApiErrors errors) {
        this.baseUrl = baseUrl;
        this.authorization = "Bearer " + token;
        this.errors = errors;
        this.log = settings.log();
        this.inFlight = new Semaphore(settings.concurrency());
        this.retryPolicy = new RetryPolicy(settings.maxRetries(), settings.maxRetryTime(), settings.backoffBase());
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        this.http = Unirest.spawnInstance();
        http.config()
                .connectTimeout(timeoutMillis)
                .requestTimeout(timeoutMillis)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(true);
    }

    /** The parsed JSON body of a successful GET, after retries; a Failure otherwise. */
    JsonNode get(ApiRequest request) {
        long started = System.nanoTime();
        for (int tries = 1; ; tries++) {
            Attempt attempt = sendOnce(request);
            if (attempt.succeeded()) {
                return parse(request, attempt);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            var delay = retryPolicy.delayAfter(attempt, tries, elapsed);
            if (delay.isEmpty()) {
                throw errors.of(request, attempt, tries);
            }
            retries.incrementAndGet();
            log.debug("retrying GET " + request.endpoint() + " in " + delay.get().toMillis() + " ms (" + outcome(attempt) + ")");
            sleep(delay.get(), request);
        }
    }

    /**
     * One write (POST, PUT, PATCH or DELETE) with a JSON body (null for none); the parsed answer, or null when the server
     * answered without a body. A refused request (429) is sent again whatever the method; a PUT or DELETE, being
     * idempotent, is also sent again after a dropped connection or a 502/503/504; a POST never is (and neither is
     * anything after a 500): then the outcome is unknown and {@link WriteUncertain} says so. A DELETE that finds the
     * resource gone after such a retry has done its job.
     */
    JsonNode write(String method, ApiRequest request, String jsonBody) {
        boolean idempotent = method.equals("PUT") || method.equals("DELETE");
        long started = System.nanoTime();
        for (int tries = 1; ; tries++) {
            Attempt attempt = sendOnce(method, request, jsonBody);
            if (attempt.succeeded()) {
                return attempt.body().isBlank() ? null : parse(request, attempt);
            }
            if (tries > 1 && method.equals("DELETE") && attempt.answered() && attempt.status() == 404) {
                return null;
            }
            boolean safe = attempt.answered() ? attempt.status() == 429 || (idempotent && Set.of(502, 503, 504).contains(attempt.status()))
                    : idempotent && attempt.problem().retryable();
            var delay = safe ? retryPolicy.delayAfter(attempt, tries, Duration.ofNanos(System.nanoTime() - started))
                    : java.util.Optional.<Duration>empty();
            if (delay.isEmpty()) {
                throw errors.ofWrite(method, request, attempt, tries);
            }
            retries.incrementAndGet();
            log.debug("retrying " + method + " " + request.endpoint() + " in " + delay.get().toMillis() + " ms (" + outcome(attempt) + ")");
            sleep(delay.get(), request);
        }
    }

    RequestStats stats() {
        Map<Integer, Long> statuses = new java.util.TreeMap<>();
        byStatus.forEach((status, count) -> statuses.put(status, count.sum()));
        return new RequestStats(requests.get(), retries.get(), connectionFailures.get(), statuses);
    }

    private Attempt sendOnce(ApiRequest request) {
        return sendOnce("GET", request, null);
    }

    private Attempt sendOnce(String method, ApiRequest request, String jsonBody) {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.failed(e);
        }
        long started = System.nanoTime();
        Attempt attempt;
        try {
            requests.incrementAndGet();
            var call = http.request(method, baseUrl + request.endpoint())
                    .header("Authorization", authorization)
                    .header("Accept", "application/json")
                    .header("User-Agent", Version.TOOL.replace(' ', '/'))
                    .queryString(request.query());
            HttpResponse<String> response = jsonBody == null ? call.asString()
                    : call.header("Content-Type", "application/json").body(jsonBody).asString();
            attempt = Attempt.answered(response.getStatus(), response.getBody(),
                    response.getHeaders().getFirst("Content-Type"), response.getHeaders().getFirst("Retry-After"));
            byStatus.computeIfAbsent(response.getStatus(), s -> new LongAdder()).increment();
        } catch (UnirestException e) {
            // unirest wraps the java.net.http exception (refused, reset, timeout, TLS) in a UnirestException
            connectionFailures.incrementAndGet();
            attempt = Attempt.failed(e);
        } finally {
            inFlight.release();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.debug(method + " " + request.endpointWithQuery() + " -> " + outcome(attempt) + " in " + millis + " ms");
        return attempt;
    }

    private JsonNode parse(ApiRequest request, Attempt attempt) {
        try {
            JsonNode json = MAPPER.readTree(attempt.body());
            if (json == null || json.isMissingNode()) {
                throw errors.nonJson(request, attempt);
            }
            return json;
        } catch (JsonProcessingException e) {
            throw errors.nonJson(request, attempt);
        }
    }

    private static String outcome(Attempt attempt) {
        return attempt.answered() ? String.valueOf(attempt.status()) : attempt.problem().name().toLowerCase().replace('_', ' ');
    }

    private static void sleep(Duration delay, ApiRequest request) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(ExitCode.API, "interrupted while waiting to retry GET " + request.endpoint(), e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
