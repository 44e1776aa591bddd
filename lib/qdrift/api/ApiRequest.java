package qdrift.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One GET against the API: the path below /api, its query parameters, and the message a 404 deserves
 * ("no datastore 42 at acme.qualytics.io: check --datastore-id").
 */
record ApiRequest(String path, Map<String, Object> query, String notFoundMessage) {
    ApiRequest {
        query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    static ApiRequest of(String path, String notFoundMessage) {
        return new ApiRequest(path, Map.of(), notFoundMessage);
    }

    ApiRequest with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(query);
        more.put(name, value);
        return new ApiRequest(path, more, notFoundMessage);
    }

    /** "/api/quality-checks": how messages name the endpoint (no query, so never anything secret). */
    String endpoint() {
        return "/api" + path;
    }

    /** "/api/quality-checks?datastore=42&page=2": for debug logs. */
    String endpointWithQuery() {
        if (query.isEmpty()) {
            return endpoint();
        }
        return endpoint() + "?" + query.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }
}
