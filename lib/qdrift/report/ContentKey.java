//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A body's values as one string, for telling whether two bodies hold the same content: keys sorted, a key whose
 * value is null, [] or {} left out (export format 2 writes them, format 1 and servers may not), numbers by value.
 */
final class ContentKey {
    private ContentKey() {
    }

    /** The key of body without the top-level keys in skip. */
    static String of(JsonNode body, Set<String> skip) {
        StringBuilder out = new StringBuilder();
        if (body != null && body.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            body.properties().forEach(e -> {
                if (!skip.contains(e.getKey())) {
                    fields.put(e.getKey(), e.getValue());
                }
            });
            object(fields, out);
        } else {
            value(body, out);
        }
        return out.toString();
    }

    static boolean isEmpty(JsonNode value) {
        return JsonValues.isAbsent(value) || (value.isContainerNode() && value.isEmpty());
    }

    private static void object(Map<String, JsonNode> fields, StringBuilder out) {
        out.append('{');
        fields.forEach((key, value) -> {
            if (!isEmpty(value)) {
                out.append(quote(key)).append(':');
                value(value, out);
                out.append(',');
            }
        });
        out.append('}');
    }

    private static void value(JsonNode value, StringBuilder out) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            out.append("null");
        } else if (value.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            value.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
            object(fields, out);
        } else if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> {
                StringBuilder one = new StringBuilder();
                value(item, one);
                items.add(one.toString());
            });
            out.append('[').append(String.join(",", items)).append(']');
        } else if (value.isNumber()) {
            out.append(value.decimalValue().stripTrailingZeros().toPlainString());
        } else if (value.isTextual()) {
            out.append(quote(value.asText()));
        } else {
            out.append(value.asText());
        }
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
