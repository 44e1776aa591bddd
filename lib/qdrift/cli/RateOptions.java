package qdrift.cli;

import picocli.CommandLine.Option;

/**
 * --max-rps, the fixed cap on API requests per second: one option for every script that calls the API (mixed in by
 * {@link ServerOptions}, and by compare-envs.java, which reads two servers and caps each).
 */
public class RateOptions {
    @Option(names = "--max-rps", paramLabel = "N", defaultValue = "${env:QUALYTICS_MAX_RPS:-0}",
            description = "At most N API requests per second, per server (env QUALYTICS_MAX_RPS; default 0: no fixed cap, the client still starts gently and slows down by itself when the server answers 429 or 503).")
    public String maxRps;

    /**
     * --max-rps as a number (0: no cap); a usage failure when it is not a number of at least 0. The undocumented value
     * "unpaced" (infinite) turns the pacing off altogether, for bench/ratelimit.sh to compare against.
     */
    public double maxRps() {
        if (maxRps != null && maxRps.trim().equals("unpaced")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            double value = Double.parseDouble(maxRps == null ? "0" : maxRps.trim());
            if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw Failure.usage("--max-rps (or QUALYTICS_MAX_RPS) must be a number of requests per second (0: no cap), not '" + maxRps + "'");
        }
    }
}
