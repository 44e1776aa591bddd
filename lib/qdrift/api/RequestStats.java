package qdrift.api;

import java.util.Map;

/**
 * What a client did so far: HTTP requests sent (retries included), how many of them were retries,
 * how many got no HTTP answer at all (refused, dropped, timed out), the answers by status code, and the pace it
 * ended at in requests per second (infinite: it never had to pace itself).
 */
public record RequestStats(long requests, long retries, long connectionFailures, Map<Integer, Long> byStatus, double pace) {
    public RequestStats {
        byStatus = Map.copyOf(byStatus);
    }

    public RequestStats(long requests, long retries, long connectionFailures, Map<Integer, Long> byStatus) {
        this(requests, retries, connectionFailures, byStatus, Double.POSITIVE_INFINITY);
    }

    public long withStatus(int status) {
        return byStatus.getOrDefault(status, 0L);
    }
}
