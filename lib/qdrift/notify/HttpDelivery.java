package qdrift.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import qdrift.cli.Log;

/**
 * POSTs JSON to one destination with bounded retries: 429 (honouring Retry-After), 5xx and connection errors are
 * retried with doubling backoff; any other non-2xx fails at once. The URL is a secret: it appears in no message.
 */
public final class HttpDelivery {
    private final HttpClient client;
    private final RetryPolicy policy;
    private final NotifyRuntime.Sleeper sleeper;
    private final Log log;

    public HttpDelivery(RetryPolicy policy, NotifyRuntime.Sleeper sleeper, Log log) {
        this.client = HttpClient.newBuilder().connectTimeout(policy.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        this.policy = policy;
        this.sleeper = sleeper;
        this.log = log;
    }

    /** A response the destination gave: status and body (Slack answers in plain text, PagerDuty in JSON). */
    public record Response(int status, String body) {
    }

    /** Returns the 2xx response, or throws a DeliveryFailure whose message starts with the destination name. */
    public Response post(String destination, Secret url, String json, Map<String, String> headers) {
        URI uri;
        try {
            uri = URI.create(url.value());
        } catch (IllegalArgumentException e) {
            throw new DeliveryFailure(destination + ": the configured URL is not a valid URL");
        }
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
            throw new DeliveryFailure(destination + ": the configured URL is not an http(s) URL");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(policy.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "qualytics-drift")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(builder::header);
        HttpRequest request = builder.build();
        int lastStatus = 0;
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            String problem;
            try {
                HttpResponse<String> response = withinDeadline(client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
                int status = response.statusCode();
                lastStatus = status;
                log.debug(destination + ": POST attempt " + attempt + " answered " + status);
                if (status / 100 == 2) {
                    return new Response(status, response.body());
                }
                problem = status + " " + url.redact(Clip.to(response.body().strip(), 200));
                if (status == 429) {
                    Optional<Duration> retryAfter = retryAfter(response);
                    if (retryAfter.isPresent() && retryAfter.get().compareTo(policy.maxRetryAfter()) > 0) {
                        throw new DeliveryFailure(destination + ": rate limited (429), asked to retry after "
                                + retryAfter.get().toSeconds() + "s: try again later", status);
                    }
                    wait = retryAfter.orElse(policy.backoff(attempt));
                } else if (status >= 500) {
                    wait = policy.backoff(attempt);
                } else {
                    throw new DeliveryFailure(destination + ": " + problem, status);
                }
            } catch (IOException e) {
                lastStatus = 0;
                problem = e instanceof java.net.http.HttpTimeoutException
                        ? "no complete answer within " + policy.timeout().toSeconds() + " s"
                        : "cannot connect (" + e.getClass().getSimpleName() + ")";
                log.debug(destination + ": POST attempt " + attempt + " failed: " + problem);
                wait = policy.backoff(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeliveryFailure(destination + ": interrupted");
            }
            if (attempt >= policy.attempts()) {
                throw new DeliveryFailure(destination + ": " + problem + " (gave up after " + attempt + " attempts)", lastStatus);
            }
            log.debug(destination + ": retrying in " + wait.toMillis() + " ms");
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeliveryFailure(destination + ": interrupted");
            }
        }
    }

    /** The whole answer, body included, within the timeout: a destination that stalls or trickles is cut off. */
    private HttpResponse<String> withinDeadline(java.util.concurrent.CompletableFuture<HttpResponse<String>> answer)
            throws IOException, InterruptedException {
        try {
            return answer.get(policy.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            answer.cancel(true);
            throw new java.net.http.HttpTimeoutException("no complete answer");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        }
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
