//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The one normal form of a value, so that the shapes different server versions send write the same bytes:
 * object keys sorted; null members, empty lists and empty maps dropped (recursively, so a map holding only nulls
 * disappears too); numbers by value ({@code 1}, {@code 1.0}, {@code 1.00} are all the integer 1; {@code 0.98} stays
 * 0.98; big integers exact). Strings are never touched. Elements of lists keep their order and position.
 */
public final class CanonicalValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private CanonicalValues() {
    }

    public static JsonNodeFactory nodes() {
        return NODES;
    }

    /** A normalised deep copy of an object (an absent or empty result is an empty object). */
    public static ObjectNode normalizeObject(JsonNode value) {
        JsonNode normal = value == null ? null : normalize(value);
        return normal instanceof ObjectNode object ? object : NODES.objectNode();
    }

    /** A normalised deep copy; null when the value itself is null, empty or missing (meaning: leave it out). */
    public static JsonNode normalize(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isObject()) {
            ObjectNode sorted = NODES.objectNode();
            List<String> keys = new ArrayList<>();
            value.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            for (String key : keys) {
                JsonNode member = normalize(value.get(key));
                if (member != null) {
                    sorted.set(key, member);
                }
            }
            return sorted.isEmpty() ? null : sorted;
        }
        if (value.isArray()) {
            if (value.isEmpty()) {
                return null;
            }
            ArrayNode list = NODES.arrayNode();
            for (JsonNode element : value) {
                JsonNode normal = normalizeElement(element);
                list.add(normal);
            }
            return list;
        }
        if (value.isNumber()) {
            return number(value);
        }
        return value.deepCopy();
    }

    private static JsonNode normalizeElement(JsonNode element) {
        if (element.isObject()) {
            JsonNode normal = normalize(element);
            return normal != null ? normal : NODES.objectNode();
        }
        if (element.isArray()) {
            JsonNode normal = normalize(element);
            return normal != null ? normal : NODES.arrayNode();
        }
        JsonNode normal = normalize(element);
        return normal != null ? normal : NODES.nullNode();
    }

    /** One node type per value: integers as long (or BigInteger beyond), fractions as stripped BigDecimal. */
    public static JsonNode number(JsonNode value) {
        BigDecimal decimal;
        if (value.isIntegralNumber()) {
            decimal = new BigDecimal(value.bigIntegerValue());
        } else if (value.isDouble() || value.isFloat()) {
            double d = value.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return NODES.textNode(Double.toString(d));
            }
            decimal = new BigDecimal(Double.toString(d));
        } else {
            decimal = value.decimalValue();
        }
        return number(decimal);
    }

    public static JsonNode number(BigDecimal decimal) {
        BigDecimal stripped = decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            BigInteger integer = stripped.toBigIntegerExact();
            if (integer.compareTo(LONG_MIN) >= 0 && integer.compareTo(LONG_MAX) <= 0) {
                return NODES.numberNode(integer.longValue());
            }
            return NODES.numberNode(integer);
        }
        return NODES.numberNode(stripped);
    }
}
