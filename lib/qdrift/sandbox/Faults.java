package qdrift.sandbox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The trouble the fault knobs inject into the Nth /api request, before anything else happens to it. */
final class Faults {
    /** "403:REGEX": the paths matching REGEX fail with that status instead of 500. */
    private static final Pattern WITH_STATUS = Pattern.compile("([1-5]\\d\\d):(.*)", Pattern.DOTALL);
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
        if (options.failPath() != null && !options.failPath().isBlank()) {
            Matcher withStatus = WITH_STATUS.matcher(options.failPath());
            int status = withStatus.matches() ? Integer.parseInt(withStatus.group(1)) : 500;
            String regex = withStatus.matches() ? withStatus.group(2) : options.failPath();
            if (Pattern.compile(regex).matcher(path).find()) {
                return ApiResponse.error(status, status == 403 ? "Forbidden: not a member of this datastore's team"
                        : status == 404 ? "Not Found" : status == 500 ? "Internal Server Error" : "HTTP " + status);
            }
        }
        return null;
    }
}
