package qdrift.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;

/** Generates hostile JSON values from a fixed seed: random nesting, unicode, YAML-lookalike strings, numbers. */
final class RandomValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final int[][] CODE_POINT_RANGES = {{0x20, 0x7e}, {0x20, 0x7e}, {0x20, 0x7e}, {0x00, 0x1f},
            {0x7f, 0xff}, {0x3040, 0x30ff}, {0x4e00, 0x4e80}, {0x1f600, 0x1f64f}, {0x2028, 0x2029}, {0xfeff, 0xfeff}};
    private final Random random;

    RandomValues(long seed) {
        this.random = new Random(seed);
    }

    ObjectNode object(int depth) {
        ObjectNode object = NODES.objectNode();
        int size = 1 + random.nextInt(depth == 0 ? 6 : 4);
        for (int i = 0; i < size; i++) {
            object.set(string(), value(depth + 1));
        }
        return object;
    }

    JsonNode value(int depth) {
        int kind = random.nextInt(depth >= 3 ? 5 : 8);
        return switch (kind) {
            case 0, 1 -> NODES.textNode(string());
            case 2 -> number();
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.nullNode();
            case 5 -> array(depth);
            default -> object(depth);
        };
    }

    private ArrayNode array(int depth) {
        ArrayNode array = NODES.arrayNode();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            array.add(value(depth + 1));
        }
        return array;
    }

    /** Integers of every size; decimals with at most 15 significant digits (what a double holds exactly). */
    private JsonNode number() {
        return switch (random.nextInt(5)) {
            case 0 -> NODES.numberNode(random.nextInt(2000) - 1000);
            case 1 -> NODES.numberNode(random.nextLong());
            case 2 -> NODES.numberNode(new BigInteger(100, random).negate());
            default -> NODES.numberNode(BigDecimal.valueOf(random.nextLong() % 1_000_000_000_000L,
                    random.nextInt(12) - 2));
        };
    }

    String string() {
        if (random.nextInt(3) == 0) {
            String hostile = CanonicalYamlTest.HOSTILE.get(random.nextInt(CanonicalYamlTest.HOSTILE.size()));
            return random.nextBoolean() ? hostile : hostile + string(random.nextInt(3));
        }
        return string(random.nextInt(12));
    }

    private String string(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (random.nextInt(8) == 0) {
                text.append(" \n\t:#-'\"".charAt(random.nextInt(8)));
                continue;
            }
            int[] range = CODE_POINT_RANGES[random.nextInt(CODE_POINT_RANGES.length)];
            text.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
        }
        return text.toString();
    }
}
