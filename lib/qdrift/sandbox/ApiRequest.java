package qdrift.sandbox;

import java.util.List;
import java.util.Map;

/** One HTTP request as the routes see it: path without query, decoded query parameters (repeatable), raw body. */
record ApiRequest(String method, String path, Map<String, List<String>> query, String body) {
    String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** Values of a repeatable parameter, also given comma-separated; aliases are read too (datastore_id for datastore). */
    List<String> params(String... names) {
        List<String> values = new java.util.ArrayList<>();
        for (String name : names) {
            for (String value : query.getOrDefault(name, List.of())) {
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        values.add(part.trim());
                    }
                }
            }
        }
        return values;
    }

    /** The path with numeric segments as {id}: /api/quality-checks/{id}. */
    String template() {
        return path.replaceAll("/\\d+(?=/|$)", "/{id}");
    }
}
