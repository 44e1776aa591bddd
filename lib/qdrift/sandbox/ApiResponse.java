package qdrift.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** What the sandbox answers: a status, extra headers and a JSON body (null for none), or a dropped connection. */
record ApiResponse(int status, Map<String, String> headers, JsonNode body, boolean drop) {
    static ApiResponse json(int status, JsonNode body) {
        return new ApiResponse(status, Map.of(), body, false);
    }

    static ApiResponse ok(JsonNode body) {
        return json(200, body);
    }

    static ApiResponse noContent() {
        return new ApiResponse(204, Map.of(), null, false);
    }

    static ApiResponse error(int status, String detail) {
        return json(status, SandboxJson.object().put("detail", detail));
    }

    static ApiResponse dropped() {
        return new ApiResponse(0, Map.of(), null, true);
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put(name, value);
        return new ApiResponse(status, Map.copyOf(all), body, drop);
    }
}
