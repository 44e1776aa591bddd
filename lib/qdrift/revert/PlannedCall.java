package qdrift.revert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One HTTP call of a plan, exactly as apply sends it: method, path below the instance URL ("/api/quality-checks/7"),
 * query parameters and JSON body. Two kinds of value are filled in only when the call is sent: an id known after an
 * earlier call of the same apply, written {@code {"$ref": "<file>"}} (the file whose resource that call creates), and a
 * secret, written as its {@code ${PLACEHOLDER}} and read from the environment (so no secret is ever in a plan).
 */
public record PlannedCall(String method, String path, Map<String, Object> query, JsonNode body) {
    public PlannedCall {
        query = query == null ? Map.of() : Map.copyOf(query);
    }

    /** "PUT /api/quality-checks/7?archive=true" as the text plan shows it. */
    public String describe() {
        StringBuilder text = new StringBuilder(method).append(' ').append(path);
        if (!query.isEmpty()) {
            text.append('?');
            new java.util.TreeMap<>(query).forEach((k, v) -> text.append(k).append('=').append(v).append('&'));
            text.setLength(text.length() - 1);
        }
        return text.toString();
    }
}
