package qdrift.api;

import java.nio.charset.StandardCharsets;

/**
 * The outcome of sending one request once: either an HTTP answer (status, body bytes and the headers that matter)
 * or the exception that kept it from getting one (then status is 0). The body stays bytes: a successful answer is
 * parsed from them (no String decoded and read again char by char); only messages decode it ({@link #body}).
 */
record Attempt(int status, byte[] content, String contentType, String retryAfter, Exception error) {
    private static final byte[] NONE = new byte[0];

    static Attempt answered(int status, byte[] content, String contentType, String retryAfter) {
        return new Attempt(status, content == null ? NONE : content, contentType == null ? "" : contentType, retryAfter, null);
    }

    static Attempt failed(Exception error) {
        return new Attempt(0, NONE, "", null, error);
    }

    /** The body as text (UTF-8, what the API sends), for messages and checks of an error's shape. */
    String body() {
        return new String(content, StandardCharsets.UTF_8);
    }

    boolean answered() {
        return error == null;
    }

    boolean succeeded() {
        return answered() && status >= 200 && status < 300;
    }

    ConnectionProblem problem() {
        return ConnectionProblem.of(error);
    }
}
