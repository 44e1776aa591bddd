package qdrift.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import qdrift.api.ApiOperations;
import qdrift.api.ApiOperations.Operation;
import qdrift.api.ApiOperations.Param;

/**
 * Holds a server's OpenAPI document against {@link ApiOperations#ALL}: every operation this tool sends must be there
 * (method and path, path parameter names aside), with every query parameter it sends, and each value it sends must fit
 * the parameter's schema (an enum that lacks "include", a size above the maximum, a non-integer id). A refused value
 * with an accepted fallback is a note, not a problem: the client falls back.
 */
final class OpenApiCompatibility {
    /** One operation the server cannot serve as sent, and what breaks. */
    record Problem(Operation operation, String what) {
        @Override
        public String toString() {
            return operation.name() + " " + what + " (used by " + operation.use().scripts() + ")";
        }
    }

    record Result(List<Problem> problems, List<String> notes, int checked) {
    }

    private final JsonNode document;

    OpenApiCompatibility(JsonNode document) {
        if (document == null || !document.path("paths").isObject() || document.path("paths").isEmpty()) {
            throw new IllegalArgumentException("the document has no paths: it is not an OpenAPI document");
        }
        this.document = document;
    }

    Result check(List<Operation> operations) {
        Map<String, Map<String, JsonNode>> byShape = new HashMap<>();
        document.get("paths").properties().forEach(path -> {
            Map<String, JsonNode> methods = byShape.computeIfAbsent(ApiOperations.shape(path.getKey()), k -> new HashMap<>());
            path.getValue().properties().forEach(method -> methods.put(method.getKey().toUpperCase(Locale.ROOT), method.getValue()));
        });
        List<Problem> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Operation operation : operations) {
            Map<String, JsonNode> methods = byShape.get(operation.pathShape());
            if (methods == null) {
                problems.add(new Problem(operation, "is missing: the server has no such path"));
                continue;
            }
            JsonNode served = methods.get(operation.method());
            if (served == null) {
                java.util.Set<String> verbs = new java.util.TreeSet<>(methods.keySet());
                verbs.retainAll(java.util.Set.of("GET", "PUT", "POST", "PATCH", "DELETE"));
                problems.add(new Problem(operation, "is missing: the path has only " + (verbs.isEmpty() ? "no operation" : String.join(", ", verbs))));
                continue;
            }
            for (Param param : operation.query()) {
                JsonNode declared = queryParameter(served, methods.get("PARAMETERS"), param.name());
                if (declared == null) {
                    problems.add(new Problem(operation, "lacks the query parameter " + param.name()));
                    continue;
                }
                String refusal = refusal(declared.path("schema"), param.sample());
                if (refusal == null) {
                    continue;
                }
                String fallback = param.fallbacks().stream().filter(value -> refusal(declared.path("schema"), value) == null).findFirst().orElse(null);
                if (fallback != null) {
                    notes.add(operation.name() + ": " + param.name() + "=" + param.sample() + " " + refusal + "; the tool falls back to "
                            + param.name() + "=" + fallback);
                } else {
                    problems.add(new Problem(operation, "refuses " + param.name() + "=" + param.sample() + ": " + refusal));
                }
            }
        }
        return new Result(problems, notes, operations.size());
    }

    /** The operation's query parameter of that name (parameters of the path item count too), or null. */
    private JsonNode queryParameter(JsonNode operation, JsonNode pathParameters, String name) {
        List<JsonNode> all = new ArrayList<>();
        operation.path("parameters").forEach(all::add);
        if (pathParameters != null) {
            pathParameters.forEach(all::add);
        }
        for (JsonNode parameter : all) {
            JsonNode resolved = resolve(parameter);
            if (name.equals(resolved.path("name").asText()) && "query".equals(resolved.path("in").asText())) {
                return resolved;
            }
        }
        return null;
    }

    /** Why the schema refuses the value, or null when it accepts it (or says too little to tell). */
    private String refusal(JsonNode schema, String value) {
        JsonNode resolved = resolve(schema);
        for (String combinator : List.of("anyOf", "oneOf")) {
            if (resolved.path(combinator).isArray()) {
                List<String> reasons = new ArrayList<>();
                for (JsonNode option : resolved.get(combinator)) {
                    String reason = refusal(option, value);
                    if (reason == null) {
                        return null;
                    }
                    reasons.add(reason);
                }
                return reasons.stream().filter(r -> !r.equals("is not null")).findFirst().orElse(reasons.isEmpty() ? null : reasons.get(0));
            }
        }
        if (resolved.path("allOf").isArray()) {
            for (JsonNode part : resolved.get("allOf")) {
                String reason = refusal(part, value);
                if (reason != null) {
                    return reason;
                }
            }
        }
        if (resolved.path("enum").isArray()) {
            List<String> allowed = new ArrayList<>();
            resolved.get("enum").forEach(v -> allowed.add(v.asText()));
            if (!allowed.contains(value)) {
                return "not one of " + allowed;
            }
        }
        String type = resolved.path("type").asText("");
        switch (type) {
            case "null" -> {
                return "is not null";
            }
            case "integer", "number" -> {
                double number;
                try {
                    number = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    return "is not a number";
                }
                if (resolved.has("maximum") && number > resolved.get("maximum").asDouble()) {
                    return "is above the maximum " + resolved.get("maximum").asText();
                }
                if (resolved.has("minimum") && number < resolved.get("minimum").asDouble()) {
                    return "is below the minimum " + resolved.get("minimum").asText();
                }
            }
            case "boolean" -> {
                if (!value.equals("true") && !value.equals("false")) {
                    return "is not a boolean";
                }
            }
            default -> {
                // string, or a schema that says nothing more: accepted
            }
        }
        return null;
    }

    /** Follows a local $ref ("#/components/schemas/X"); anything else is returned as is. */
    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; hops < 10 && current.has("$ref"); hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                return current;
            }
            JsonNode target = document.at(ref.substring(1));
            if (target.isMissingNode()) {
                return current;
            }
            current = target;
        }
        return current;
    }
}
