package qdrift.api;

/**
 * The outcome of sending one request once: either an HTTP answer (status, body and the headers that matter)
 * or the exception that kept it from getting one (then status is 0).
 */
record Attempt(int status, String body, String contentType, String retryAfter, Exception error) {
    static Attempt answered(int status, String body, String contentType, String retryAfter) {
        return new Attempt(status, body == null ? "" : body, contentType == null ? "" : contentType, retryAfter, null);
    }

    static Attempt failed(Exception error) {
        return new Attempt(0, "", "", null, error);
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
