package qdrift.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.cli.ServerConfig;

/** Shared fixtures for the API client tests: tokens, settings with quick retries, page bodies. */
final class TestApi {
    /** A JWT valid for another day, with a recognisable payload so a leak would be obvious. */
    static final String TOKEN = jwt(Instant.now().plus(Duration.ofDays(1)));

    private TestApi() {
    }

    static String jwt(Instant expiry) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"sub\":\"drift-bot\",\"exp\":" + expiry.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".c2VjcmV0LXNpZ25hdHVyZS1kby1ub3QtbGVhaw";
    }

    /** Default limits but millisecond backoff, so retry tests take no time. */
    static ClientSettings quickRetries(Log log) {
        return ClientSettings.defaults(log).withRetries(3, Duration.ofSeconds(20), Duration.ofMillis(1));
    }

    static QualyticsClient client(String url, ClientSettings settings) {
        return new QualyticsClient(new ServerConfig(url, TOKEN, Duration.ofSeconds(10)), settings);
    }

    static QualyticsClient client(String url) {
        return client(url, quickRetries(Log.silent()));
    }

    /** A page body: items {"id": n, "name": "item-n"} for the given ids. */
    static String page(List<Integer> ids, long total, int page, int size) {
        String items = ids.stream().map(id -> "{\"id\":" + id + ",\"name\":\"item-" + id + "\"}").collect(Collectors.joining(","));
        return "{\"items\":[" + items + "],\"total\":" + total + ",\"page\":" + page + ",\"size\":" + size + "}";
    }

    static List<Integer> range(int fromInclusive, int toInclusive) {
        return java.util.stream.IntStream.rangeClosed(fromInclusive, toInclusive).boxed().toList();
    }

    /** Runs a call expected to fail and returns its Failure, so tests can look at code and message. */
    static Failure failureOf(Runnable call) {
        try {
            call.run();
        } catch (Failure failure) {
            return failure;
        }
        throw new AssertionError("expected a Failure, but the call succeeded");
    }
}
