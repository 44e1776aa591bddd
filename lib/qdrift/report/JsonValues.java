//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Comparator;

/** Small value helpers for canonical bodies: equality with numbers by value, and readings that tolerate shapes. */
final class JsonValues {
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private JsonValues() {
    }

    static boolean equal(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals(NUMBERS_BY_VALUE, b);
    }

    static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** A number, or a numeric string; null otherwise. */
    static BigDecimal number(JsonNode node) {
        if (isAbsent(node)) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** A text field, or the name of an embedded {id, name} object; null otherwise. */
    static String name(JsonNode node) {
        if (isAbsent(node)) {
            return null;
        }
        if (node.isObject()) {
            return node.hasNonNull("name") ? node.get("name").asText() : null;
        }
        return node.isValueNode() ? node.asText() : null;
    }

    /** The container a body names, under "container" or "container_name". */
    static String container(JsonNode body) {
        if (body == null) {
            return null;
        }
        String name = name(body.get("container"));
        return name != null ? name : name(body.get("container_name"));
    }
}
