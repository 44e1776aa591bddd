package qdrift.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An HTTP error the sandbox answers with {@code {"detail": "..."}}, as the real API does; a refused query parameter
 * gets FastAPI's validation shape instead: {@code {"detail": [{"loc": ["query", name], "msg": ..., "type": ...}]}}.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String queryParameter;
    private final String type;

    public ApiError(int status, String detail) {
        this(status, detail, null, null);
    }

    private ApiError(int status, String detail, String queryParameter, String type) {
        super(detail);
        this.status = status;
        this.queryParameter = queryParameter;
        this.type = type;
    }

    public int status() {
        return status;
    }

    /** The answer's body. */
    ObjectNode body() {
        ObjectNode body = SandboxJson.object();
        if (queryParameter == null) {
            return body.put("detail", getMessage());
        }
        ObjectNode problem = body.putArray("detail").addObject();
        problem.putArray("loc").add("query").add(queryParameter);
        problem.put("msg", getMessage()).put("type", type);
        return body;
    }

    static ApiError notFound(Kind kind, long id) {
        return new ApiError(404, kind.label().substring(0, 1).toUpperCase() + kind.label().substring(1) + " " + id + " not found");
    }

    static ApiError unprocessable(String detail) {
        return new ApiError(422, detail);
    }

    /** 422 for one query parameter, e.g. invalidQuery("size", "ensure this value is less than or equal to 100", "value_error.number.not_le"). */
    static ApiError invalidQuery(String parameter, String message, String type) {
        return new ApiError(422, message, parameter, type);
    }
}
