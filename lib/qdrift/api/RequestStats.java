package qdrift.api;

import java.util.Map;

/**
 * What a client did so far: HTTP requests sent (retries included), how many of them were retries,
 * how many got no HTTP answer at all (refused, dropped, timed out), and the answers by status code.
 */
public record RequestStats(long requests, long retries, long connectionFailures, Map<Integer, Long> byStatus) {
    public RequestStats {
        byStatus = Map.copyOf(byStatus);
    }

    public long withStatus(int status) {
        return byStatus.getOrDefault(status, 0L);
    }
}
