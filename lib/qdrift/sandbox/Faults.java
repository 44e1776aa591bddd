package qdrift.sandbox;

import java.util.regex.Pattern;

/** The trouble the fault knobs inject into the Nth /api request, before anything else happens to it. */
final class Faults {
    private Faults() {
    }

    /** The fault for request number n of this path, or null when it is served normally. */
    static ApiResponse of(long n, String path, SandboxOptions options) {
        if (options.dropEvery() > 0 && n % options.dropEvery() == 0) {
            return ApiResponse.dropped();
        }
        if (options.rateLimitEvery() > 0 && n % options.rateLimitEvery() == 0) {
            return ApiResponse.error(429, "Too many requests: retry later").withHeader("Retry-After", options.retryAfter());
        }
        if (options.errorEvery() > 0 && n % options.errorEvery() == 0) {
            int turn = (int) ((n / options.errorEvery() - 1) % options.errorStatuses().size());
            int status = options.errorStatuses().get(turn);
            return ApiResponse.error(status, status == 500 ? "Internal Server Error" : status == 502 ? "Bad Gateway" : "Service Unavailable");
        }
        if (options.failPath() != null && !options.failPath().isBlank() && Pattern.compile(options.failPath()).matcher(path).find()) {
            return ApiResponse.error(500, "Internal Server Error");
        }
        return null;
    }
}
