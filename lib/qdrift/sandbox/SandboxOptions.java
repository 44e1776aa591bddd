package qdrift.sandbox;

import java.util.List;

/**
 * How the sandbox behaves: shapes, churn and fault knobs. Settable at start and at runtime with
 * {@code POST /_sandbox/config} (JSON, snake_case keys, only the keys to change). Zero means "off" for every "every N".
 *
 * @param port          0 picks a free port (start time only)
 * @param token         the one bearer token accepted on /api
 * @param legacyShapes  answer like an older server (embedded connection, tags as names, ...) and take its lenient
 *                      write bodies (extra keys, a null description); off, POST and PUT are as strict as the 2025 models
 * @param churn         server-state fields (scores, counts, last_asserted, metrics) change on every request
 * @param latencyMs     sleep before answering each /api request
 * @param randomOrder   shuffle the items of each page and the keys of every JSON object
 * @param rateLimitEvery every Nth /api request gets 429 with Retry-After
 * @param retryAfter    the Retry-After value, in seconds (fractions allowed, e.g. "0" or "0.05", for fast tests)
 * @param errorEvery    every Nth /api request gets the next status of errorStatuses
 * @param errorStatuses the 5xx statuses served in turn by errorEvery
 * @param dropEvery     every Nth /api request has its connection closed without a response
 * @param maxPageSize   the server clamps {@code size} to this (0: no clamp)
 * @param failPath      a regular expression: /api paths that match always fail with 500, or with STATUS given as
 *                      "STATUS:REGEX" (e.g. "403:^/api/datastores/3$"; null: off)
 * @param expiredToken  every /api request gets 401, as with an expired token
 * @param readOnlyToken a second bearer token that can read but gets 403 on every write, as a Member or Reporter
 *                      token does (null: none)
 * @param failWriteAt   the Nth write request (POST, PUT, PATCH, DELETE on /api, counted since the last stats reset)
 *                      gets 500 and changes nothing (0: off)
 * @param lostWriteAt   the Nth write request is applied, then its connection is closed unanswered (0: off)
 * @param upgradeField  a field every check in every response carries with the value false, as after a Qualytics
 *                      upgrade that adds one (null: off)
 * @param checkEditors  answer like a newer server that also names a check's last editor ({@code last_editor} on checks)
 */
public record SandboxOptions(int port, String token, boolean legacyShapes, boolean churn, long latencyMs,
                             boolean randomOrder, int rateLimitEvery, String retryAfter, int errorEvery,
                             List<Integer> errorStatuses, int dropEvery, int maxPageSize, String failPath,
                             boolean expiredToken, String readOnlyToken, int failWriteAt, int lostWriteAt,
                             String upgradeField, boolean checkEditors) {
    public static final String DEFAULT_TOKEN = "sandbox-token";

    public SandboxOptions {
        token = token == null || token.isBlank() ? DEFAULT_TOKEN : token;
        retryAfter = retryAfter == null || retryAfter.isBlank() ? "1" : retryAfter.trim();
        errorStatuses = errorStatuses == null || errorStatuses.isEmpty() ? List.of(500, 502, 503) : List.copyOf(errorStatuses);
        readOnlyToken = readOnlyToken == null || readOnlyToken.isBlank() ? null : readOnlyToken;
        upgradeField = upgradeField == null || upgradeField.isBlank() ? null : upgradeField.trim();
        if (readOnlyToken != null && readOnlyToken.equals(token)) {
            throw new IllegalArgumentException("the read-only token must differ from the token");
        }
        if (port < 0 || latencyMs < 0 || rateLimitEvery < 0 || errorEvery < 0 || dropEvery < 0 || maxPageSize < 0
                || failWriteAt < 0 || lostWriteAt < 0) {
            throw new IllegalArgumentException("port, latency and every-N knobs must not be negative");
        }
    }

    /** A well-behaved server on a free port with the default token. */
    public static SandboxOptions defaults() {
        return new SandboxOptions(0, DEFAULT_TOKEN, false, false, 0, false, 0, "1", 0, null, 0, 0, null, false, null, 0, 0, null, false);
    }

    public SandboxOptions withPort(int value) {
        return new SandboxOptions(value, token, legacyShapes, churn, latencyMs, randomOrder, rateLimitEvery, retryAfter,
                errorEvery, errorStatuses, dropEvery, maxPageSize, failPath, expiredToken, readOnlyToken, failWriteAt, lostWriteAt, upgradeField, checkEditors);
    }

    public SandboxOptions withToken(String value) {
        return new SandboxOptions(port, value, legacyShapes, churn, latencyMs, randomOrder, rateLimitEvery, retryAfter,
                errorEvery, errorStatuses, dropEvery, maxPageSize, failPath, expiredToken, readOnlyToken, failWriteAt, lostWriteAt, upgradeField, checkEditors);
    }

    public SandboxOptions withLegacyShapes(boolean value) {
        return new SandboxOptions(port, token, value, churn, latencyMs, randomOrder, rateLimitEvery, retryAfter,
                errorEvery, errorStatuses, dropEvery, maxPageSize, failPath, expiredToken, readOnlyToken, failWriteAt, lostWriteAt, upgradeField, checkEditors);
    }

    public SandboxOptions withChurn(boolean value) {
        return new SandboxOptions(port, token, legacyShapes, value, latencyMs, randomOrder, rateLimitEvery, retryAfter,
                errorEvery, errorStatuses, dropEvery, maxPageSize, failPath, expiredToken, readOnlyToken, failWriteAt, lostWriteAt, upgradeField, checkEditors);
    }

    public SandboxOptions withRandomOrder(boolean value) {
        return new SandboxOptions(port, token, legacyShapes, churn, latencyMs, value, rateLimitEvery, retryAfter,
                errorEvery, errorStatuses, dropEvery, maxPageSize, failPath, expiredToken, readOnlyToken, failWriteAt, lostWriteAt, upgradeField, checkEditors);
    }

    public SandboxOptions withRateLimit(int every, String retryAfterSeconds) {
        return new SandboxOptions(port, token, legacyShapes, churn, latencyMs, randomOrder, every, retryAfterSeconds,
                errorEvery, errorStatuses, dropEvery, maxPageSize, failPath, expiredToken, readOnlyToken, failWriteAt, lostWriteAt, upgradeField, checkEditors);
    }

    public SandboxOptions withErrors(int every, List<Integer> statuses) {
        return new SandboxOptions(port, token, legacyShapes, churn, latencyMs, randomOrder, rateLimitEvery, retryAfter,
                every, statuses, dropEvery, maxPageSize, failPath, expiredToken, readOnlyToken, failWriteAt, lostWriteAt, upgradeField, checkEditors);
    }

    public SandboxOptions withDropEvery(int every) {
        return new SandboxOptions(port, token, legacyShapes, churn, latencyMs, randomOrder, rateLimitEvery, retryAfter,
                errorEvery, errorStatuses, every, maxPageSize, failPath, expiredToken, readOnlyToken, failWriteAt, lostWriteAt, upgradeField, checkEditors);
    }

    public SandboxOptions withMaxPageSize(int value) {
        return new SandboxOptions(port, token, legacyShapes, churn, latencyMs, randomOrder, rateLimitEvery, retryAfter,
                errorEvery, errorStatuses, dropEvery, value, failPath, expiredToken, readOnlyToken, failWriteAt, lostWriteAt, upgradeField, checkEditors);
    }

    public SandboxOptions withFailPath(String regex) {
        return new SandboxOptions(port, token, legacyShapes, churn, latencyMs, randomOrder, rateLimitEvery, retryAfter,
                errorEvery, errorStatuses, dropEvery, maxPageSize, regex, expiredToken, readOnlyToken, failWriteAt, lostWriteAt, upgradeField, checkEditors);
    }

    public SandboxOptions withLatencyMs(long value) {
        return new SandboxOptions(port, token, legacyShapes, churn, value, randomOrder, rateLimitEvery, retryAfter,
                errorEvery, errorStatuses, dropEvery, maxPageSize, failPath, expiredToken, readOnlyToken, failWriteAt, lostWriteAt, upgradeField, checkEditors);
    }

    public SandboxOptions withExpiredToken(boolean value) {
        return new SandboxOptions(port, token, legacyShapes, churn, latencyMs, randomOrder, rateLimitEvery, retryAfter,
                errorEvery, errorStatuses, dropEvery, maxPageSize, failPath, value, readOnlyToken, failWriteAt, lostWriteAt, upgradeField, checkEditors);
    }

    public SandboxOptions withReadOnlyToken(String value) {
        return new SandboxOptions(port, token, legacyShapes, churn, latencyMs, randomOrder, rateLimitEvery, retryAfter,
                errorEvery, errorStatuses, dropEvery, maxPageSize, failPath, expiredToken, value, failWriteAt, lostWriteAt, upgradeField, checkEditors);
    }

    public SandboxOptions withFailWriteAt(int n) {
        return new SandboxOptions(port, token, legacyShapes, churn, latencyMs, randomOrder, rateLimitEvery, retryAfter,
                errorEvery, errorStatuses, dropEvery, maxPageSize, failPath, expiredToken, readOnlyToken, n, lostWriteAt, upgradeField, checkEditors);
    }

    public SandboxOptions withLostWriteAt(int n) {
        return new SandboxOptions(port, token, legacyShapes, churn, latencyMs, randomOrder, rateLimitEvery, retryAfter,
                errorEvery, errorStatuses, dropEvery, maxPageSize, failPath, expiredToken, readOnlyToken, failWriteAt, n, upgradeField, checkEditors);
    }

    public SandboxOptions withUpgradeField(String field) {
        return new SandboxOptions(port, token, legacyShapes, churn, latencyMs, randomOrder, rateLimitEvery, retryAfter,
                errorEvery, errorStatuses, dropEvery, maxPageSize, failPath, expiredToken, readOnlyToken, failWriteAt,
                lostWriteAt, field, checkEditors);
    }

    public SandboxOptions withCheckEditors(boolean value) {
        return new SandboxOptions(port, token, legacyShapes, churn, latencyMs, randomOrder, rateLimitEvery, retryAfter,
                errorEvery, errorStatuses, dropEvery, maxPageSize, failPath, expiredToken, readOnlyToken, failWriteAt,
                lostWriteAt, upgradeField, value);
    }

    @Override
    public String toString() {
        return "SandboxOptions[port=" + port + ", token=***, legacyShapes=" + legacyShapes + ", churn=" + churn
                + ", latencyMs=" + latencyMs + ", randomOrder=" + randomOrder + ", rateLimitEvery=" + rateLimitEvery
                + ", retryAfter=" + retryAfter + ", errorEvery=" + errorEvery + ", errorStatuses=" + errorStatuses
                + ", dropEvery=" + dropEvery + ", maxPageSize=" + maxPageSize + ", failPath=" + failPath
                + ", expiredToken=" + expiredToken + ", readOnlyToken=" + (readOnlyToken == null ? "none" : "***")
                + ", failWriteAt=" + failWriteAt + ", lostWriteAt=" + lostWriteAt + ", upgradeField=" + upgradeField
                + ", checkEditors=" + checkEditors + "]";
    }
}
