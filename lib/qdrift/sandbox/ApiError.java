package qdrift.sandbox;

/** An HTTP error the sandbox answers with {@code {"detail": "..."}}, as the real API does. */
public final class ApiError extends RuntimeException {
    private final int status;

    public ApiError(int status, String detail) {
        super(detail);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static ApiError notFound(Kind kind, long id) {
        return new ApiError(404, kind.label().substring(0, 1).toUpperCase() + kind.label().substring(1) + " " + id + " not found");
    }

    static ApiError unprocessable(String detail) {
        return new ApiError(422, detail);
    }
}
