//DEPS com.konghq:unirest-java-core:4.4.5
//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import kong.unirest.core.FailedResponse;
import kong.unirest.core.HttpResponse;
import kong.unirest.core.Unirest;
import kong.unirest.core.UnirestException;
import kong.unirest.core.UnirestInstance;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.cli.Version;

/**
 * Sends GETs and writes to one instance and returns parsed JSON, or throws the Failure a user can act on.
 * Owns the GET path ({@link PlainGet}), a private unirest instance for writes, the bound on requests in flight, the
 * retry loop and the counters.
 * Thread-safe. The token goes into the Authorization header and nowhere else: redirects are followed here, not by
 * the HTTP client, and only for GETs within the instance's origin (scheme, host and port); one to another origin is a
 * failure, and a write is never redirected.
 * Each try has one deadline, --timeout, that covers the whole answer: a server that stalls is cut off like one that
 * never answers, and one that trickles a GET's body past the deadline at its next byte.
 */
final class ApiTransport implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 5;
    private static final String USER_AGENT = Version.TOOL.replace(' ', '/');

    private final String baseUrl;
    private final String authorization;
    private final Map<String, String> getHeaders;
    private final URI origin;
    private final Duration timeout;
    private final RetryClock clock;
    private final UnirestInstance http;
    private final PlainGet gets;
    private final Semaphore inFlight;
    private final RetryPolicy retryPolicy;
    private final Pacer pacer;
    private final PaceMemory paceMemory;
    private final java.util.concurrent.atomic.AtomicBoolean pacingSaid = new java.util.concurrent.atomic.AtomicBoolean();
    private final ApiErrors errors;
    private final Log log;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong connectionFailures = new AtomicLong();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

    ApiTransport(String baseUrl, String token, Duration timeout, ClientSettings settings, ApiErrors errors) {
        this.baseUrl = baseUrl;
        this.authorization = "Bearer " + ApiToken.requireHeaderSafe(token);
        this.getHeaders = Map.of("Authorization", authorization, "Accept", "application/json", "User-Agent", USER_AGENT);
        this.origin = URI.create(baseUrl);
        this.timeout = timeout;
        this.clock = settings.clock();
        this.errors = errors;
        this.log = settings.log();
        this.inFlight = new Semaphore(settings.concurrency());
        this.retryPolicy = new RetryPolicy(settings.maxRetries(), settings.maxRetryTime(), settings.backoffBase());
        this.paceMemory = settings.paceMemory();
        PaceMemory.Learned start = Double.isInfinite(settings.maxRps()) ? null // --max-rps unpaced: the memory plays no part
                : paceMemory.recall(baseUrl, java.time.Instant.now()).orElse(null);
        this.pacer = new Pacer(settings.maxRps(), settings.clock(), start);
        if (start != null) {
            log.debug("pacing: starting " + (Double.isInfinite(start.rps()) ? "unpaced" : String.format(java.util.Locale.ROOT, "at %.0f/s", start.rps()))
                    + ", as the run of " + start.at() + " against " + ApiUrl.hostOf(baseUrl) + " ended");
        }
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        this.gets = new PlainGet(timeout, settings.concurrency());
        this.http = Unirest.spawnInstance();
        http.config()
                .connectTimeout(timeoutMillis)
                .requestTimeout(timeoutMillis)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(false);
    }

    /** An answer shaped like the API's lists: what {@link #warmUpParsing} parses. */
    private static final String SAMPLE_ANSWER = "{\"total\":1,\"page\":1,\"size\":100,\"items\":[{\"id\":1,"
            + "\"name\":\"warm-up\",\"rule_type\":\"notNull\",\"coverage\":0.5,\"fields\":[\"a\"],\"properties\":null,"
            + "\"tags\":[{\"name\":\"t\"}],\"active\":true,\"created\":\"2024-01-15T10:00:00Z\"}]}";

    /** Parses a sample answer with the mapper every answer goes through (classes, deserializers), sending nothing. */
    static void warmUpParsing() {
        try {
            MAPPER.readTree(SAMPLE_ANSWER.getBytes(StandardCharsets.UTF_8)); // answers are parsed from bytes
        } catch (IOException e) {
            throw new IllegalStateException("the warm-up sample is not JSON", e);
        }
    }

    /**
     * Loads what the first GET would load (the JDK's HttpURLConnection and its URL handler), sending nothing and
     * opening no connection. Call it before the first request, never beside one. The write client (unirest) is built
     * on the first write only: reading runs never pay for it.
     */
    void warmUp() {
        gets.warmUp(baseUrl);
    }

    /** The parsed JSON body of a successful GET, after retries; a Failure otherwise. */
    JsonNode get(ApiRequest request) {
        long started = clock.nanoTime();
        for (int tries = 1; ; tries++) {
            Attempt attempt = sendOnce(request);
            if (attempt.succeeded()) {
                return parse(request, attempt);
            }
            Duration elapsed = Duration.ofNanos(clock.nanoTime() - started);
            var delay = retryPolicy.delayAfter(attempt, tries, elapsed).map(wait -> pacedRetry(attempt) ? Duration.ZERO : wait);
            if (delay.isEmpty()) {
                throw errors.of(request, attempt, tries);
            }
            retries.incrementAndGet();
            log.debug("retrying GET " + request.endpoint() + " in " + delay.get().toMillis() + " ms (" + outcome(attempt) + ")");
            sleep(clock, delay.get(), request);
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
        long started = clock.nanoTime();
        for (int tries = 1; ; tries++) {
            Attempt attempt = sendOnce(method, request, jsonBody);
            if (attempt.succeeded()) {
                return isBlank(attempt.content()) ? null : parse(request, attempt);
            }
            if (tries > 1 && method.equals("DELETE") && attempt.answered() && attempt.status() == 404) {
                return null;
            }
            boolean safe = attempt.answered() ? attempt.status() == 429 || (idempotent && Set.of(502, 503, 504).contains(attempt.status()))
                    : idempotent && attempt.problem().retryable();
            var delay = safe ? retryPolicy.delayAfter(attempt, tries, Duration.ofNanos(clock.nanoTime() - started))
                    : java.util.Optional.<Duration>empty();
            if (delay.isEmpty()) {
                throw errors.ofWrite(method, request, attempt, tries);
            }
            retries.incrementAndGet();
            log.debug("retrying " + method + " " + request.endpoint() + " in " + delay.get().toMillis() + " ms (" + outcome(attempt) + ")");
            sleep(clock, delay.get(), request);
        }
    }

    /**
     * A GET refused by a rate limit (429, or 503 past the ingress's connections) with no Retry-After is sent again as
     * soon as the pacer gives it a slot: the pacer has just slowed down, and its slot is the wait. Reads are
     * idempotent; writes keep the RetryPolicy's backoff.
     */
    private static boolean pacedRetry(Attempt attempt) {
        return attempt.answered() && (attempt.status() == 429 || attempt.status() == 503)
                && RetryPolicy.retryAfter(attempt.retryAfter(), java.time.Instant.now()).isEmpty();
    }

    RequestStats stats() {
        Map<Integer, Long> statuses = new java.util.TreeMap<>();
        byStatus.forEach((status, count) -> statuses.put(status, count.sum()));
        return new RequestStats(requests.get(), retries.get(), connectionFailures.get(), statuses, pacer.rate());
    }

    private Attempt sendOnce(ApiRequest request) {
        return sendOnce("GET", request, null);
    }

    private Attempt sendOnce(String method, ApiRequest request, String jsonBody) {
        long sentAt;
        try {
            sentAt = pacer.acquire();
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.failed(e);
        }
        long started = System.nanoTime();
        Attempt attempt;
        try {
            attempt = follow(method, request, jsonBody);
        } catch (UnirestException | ExecutionException | IOException e) {
            // a GET throws the socket's own IOException (refused, reset, timeout, TLS); unirest wraps a write's
            // java.net.http exception in a UnirestException
            connectionFailures.incrementAndGet();
            attempt = Attempt.failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            attempt = Attempt.failed(e);
        } finally {
            inFlight.release();
        }
        if (pacer.answered(sentAt, attempt.answered() ? attempt.status() : 0) && pacingSaid.compareAndSet(false, true)) {
            log.info(ApiUrl.hostOf(baseUrl) + " answered " + attempt.status() + " (rate limit): pacing requests, now at "
                    + String.format(java.util.Locale.ROOT, "%.0f", pacer.rate()) + "/s and adjusting (--max-rps N sets a fixed cap)");
        }
        if (log.isVerbose()) { // built only when shown: this runs for every request
            long millis = (System.nanoTime() - started) / 1_000_000;
            log.debug(method + " " + request.endpointWithQuery() + " -> " + outcome(attempt) + " in " + millis + " ms");
        }
        return attempt;
    }

    /**
     * Sends the request; a GET then follows same-origin redirects (the token stays within the instance's origin). A
     * write's redirect is its answer: it is never sent again elsewhere.
     */
    private Attempt follow(String method, ApiRequest request, String jsonBody)
            throws ExecutionException, InterruptedException, IOException {
        String url = baseUrl + request.endpoint();
        if (!method.equals("GET")) {
            return writeOnce(method, url, request, jsonBody);
        }
        boolean withQuery = true;
        for (int hops = 0; ; hops++) {
            requests.incrementAndGet();
            PlainGet.Answer answer = gets.send(url, withQuery ? request.query() : Map.of(), getHeaders);
            int status = answer.status();
            byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
            String location = answer.location();
            if (!REDIRECTS.contains(status) || location == null || location.isBlank()) {
                return Attempt.answered(status, answer.body(), answer.contentType(), answer.retryAfter());
            }
            URI from = URI.create(url);
            URI to = redirectTarget(request, from, location.strip());
            if (!sameOrigin(origin, to)) {
                throw errors.crossOriginRedirect(request, status, from, to);
            }
            if (hops >= MAX_REDIRECTS) {
                throw errors.tooManyRedirects(request, MAX_REDIRECTS);
            }
            log.debug("GET " + request.endpoint() + " -> " + status + ", following it to " + to.getRawPath() + " on the same host");
            url = to.toString();
            withQuery = false;
        }
    }

    /** One write through unirest, sent once: its answer, a redirect included, is what the server said. */
    private Attempt writeOnce(String method, String url, ApiRequest request, String jsonBody)
            throws ExecutionException, InterruptedException, HttpTimeoutException {
        requests.incrementAndGet();
        var call = http.request(method, url)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT)
                .queryString(request.query());
        HttpResponse<byte[]> response = withinDeadline(jsonBody == null ? call.asBytesAsync()
                : call.header("Content-Type", "application/json").body(jsonBody).asBytesAsync());
        if (response instanceof FailedResponse<byte[]> failed) {
            // an async call that got no answer completes with this stand-in (status 542) holding the exception
            Throwable cause = failed.getParsingError().map(Throwable::getCause).orElse(null);
            throw new UnirestException(cause);
        }
        int status = response.getStatus();
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        return Attempt.answered(status, response.getBody(),
                response.getHeaders().getFirst("Content-Type"), response.getHeaders().getFirst("Retry-After"));
    }

    /** The whole answer, body included, within --timeout; a stalled or trickling body is cut off and abandoned. */
    private HttpResponse<byte[]> withinDeadline(CompletableFuture<HttpResponse<byte[]>> answer)
            throws ExecutionException, InterruptedException, HttpTimeoutException {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + ApiErrors.seconds(timeout));
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        }
    }

    private URI redirectTarget(ApiRequest request, URI from, String location) {
        try {
            return from.resolve(new URI(location));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw errors.badRedirect(request, from);
        }
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(Objects.requireNonNullElse(b.getScheme(), ""))
                && a.getHost() != null && a.getHost().equalsIgnoreCase(Objects.requireNonNullElse(b.getHost(), ""))
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    private JsonNode parse(ApiRequest request, Attempt attempt) {
        try {
            JsonNode json = MAPPER.readTree(attempt.content());
            if (json == null || json.isMissingNode()) {
                throw errors.nonJson(request, attempt);
            }
            return json;
        } catch (IOException e) {
            throw errors.nonJson(request, attempt);
        }
    }

    /** No body, or only JSON whitespace: a write answered without content. */
    private static boolean isBlank(byte[] content) {
        for (byte b : content) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String outcome(Attempt attempt) {
        return attempt.answered() ? String.valueOf(attempt.status()) : attempt.problem().name().toLowerCase().replace('_', ' ');
    }

    private static void sleep(RetryClock clock, Duration delay, ApiRequest request) {
        if (delay.isZero()) {
            return; // a paced retry: the pacer's slot is the wait
        }
        try {
            clock.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(ExitCode.API, "interrupted while waiting to retry GET " + request.endpoint(), e);
        }
    }

    @Override
    public void close() {
        pacer.learned(java.time.Instant.now()).ifPresent(learned -> paceMemory.remember(baseUrl, learned));
        http.close();
    }
}
