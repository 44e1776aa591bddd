package qdrift.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static qdrift.testing.PyYaml.plain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.testing.PyYaml;

class CanonicalYamlTest {
    /** Every string a YAML 1.1 reader would misread if written plain. */
    static final List<String> HOSTILE = List.of("yes", "no", "on", "off", "y", "n", "Y", "N", "true", "False",
            "null", "NULL", "~", "2024-01-15", "2024-01-15T10:00:00Z", "1e3", "0x1F", "012", "0o17", "0b101",
            "1_000", "1:30", ".inf", "-.inf", ".NaN", "+1", "-1", "1.5", ": x", "#x", "- x", "@x", "`x", "!x", "&x",
            "*x", "%x", "{x", "[x", "'x", "\"x", "|x", ">x", "?x", ",x", "=", "<<", " lead", "trail ", "", " ",
            "a: b", "a #b", "a:", "\t", "tab\tinside", "日本語", "emoji 😀", "back\\slash", "${PROD_PG_PASSWORD}",
            "SELECT *\nFROM orders\nWHERE status = 'active'", "line\n", "two\n\n", "\nleading", "  indented\nx",
            "trailing \nspace", "cr\r\nlf", "a\rb", "nel\u0085x", "ls\u2028x", "zero\u0000x", "bom\ufeffx",
            "del\u007fx", "multi\n  indented\n\ttabbed\n", "x\n ");

    @Test
    void hostileStringsAreQuotedAndReadBackExactly() {
        for (String text : HOSTILE) {
            ObjectNode value = CanonicalValues.nodes().objectNode().put("v", text).put(text, "key");
            byte[] yaml = CanonicalYaml.write(value);
            assertEquals(value, CanonicalYaml.read(yaml), "Jackson misread " + show(text) + " from:\n" + utf8(yaml));
            Object loaded = new org.yaml.snakeyaml.Yaml().load(utf8(yaml));
            assertEquals(Map.of("v", text, text, "key"), loaded, "SnakeYAML misread " + show(text) + " from:\n"
                    + utf8(yaml));
        }
    }

    @Test
    void theFileFormatIsFixed() {
        ObjectNode value = (ObjectNode) Examples.json("""
                {'query': 'SELECT *\\nFROM orders\\nWHERE a = 1', 'b': [3, 1, 2], 'a': {'z': 1.0, 'x': 0.98},
                 'long': '%s', 'flag': true}""".formatted("x".repeat(300)));
        String yaml = utf8(CanonicalYaml.write(value));
        assertEquals("""
                a:
                  x: 0.98
                  z: 1
                b:
                  - 3
                  - 1
                  - 2
                flag: true
                long: %s
                query: |-
                  SELECT *
                  FROM orders
                  WHERE a = 1
                """.formatted("x".repeat(300)), yaml);
        assertFalse(yaml.startsWith("---"));
        assertFalse(yaml.contains("\r"));
    }

    @Test
    void numbersAreWrittenByValue() {
        for (String same : List.of("1", "1.0", "1.00", "1e0")) {
            assertEquals("v: 1\n", utf8(CanonicalYaml.write(parse("{\"v\": " + same + "}"))), same);
        }
        assertEquals("v: 0.98\n", utf8(CanonicalYaml.write(parse("{\"v\": 0.980}"))));
        assertEquals("v: 123456789012345678901234567890\n",
                utf8(CanonicalYaml.write(parse("{\"v\": 123456789012345678901234567890}"))));
        assertEquals("v: 1000\n", utf8(CanonicalYaml.write(parse("{\"v\": 1e3}"))));
        assertEquals("\"n\": 1\n", utf8(CanonicalYaml.write(parse("{\"n\": 1}"))), "YAML 1.1 reads a plain n as false");
    }

    @Test
    void writingTwiceGivesTheSameBytesWhateverTheKeyOrder() {
        JsonNode one = parse("{\"b\": {\"d\": 1, \"c\": [\"x\"]}, \"a\": \"v\"}");
        JsonNode other = parse("{\"a\": \"v\", \"b\": {\"c\": [\"x\"], \"d\": 1.0}}");
        assertArrayEquals(CanonicalYaml.write(one), CanonicalYaml.write(other));
    }

    @Test
    void malformedYamlIsAnIoFailureNamingTheFile() {
        Failure failure = assertThrows(Failure.class, () -> CanonicalYaml.read(
                "a: [unclosed\n".getBytes(StandardCharsets.UTF_8), "datastores/x/_datastore.yaml"));
        assertEquals(ExitCode.IO, failure.exitCode());
        assertTrue(failure.getMessage().startsWith("datastores/x/_datastore.yaml is not valid YAML: "),
                failure.getMessage());
        assertThrows(Failure.class, () -> CanonicalYaml.read("a: 1\na: 2\n".getBytes(StandardCharsets.UTF_8)),
                "duplicate keys are malformed");
    }

    @Test
    void thousandsOfGeneratedValuesReadBackExactlyWithJacksonAndSnakeYaml() {
        RandomValues random = new RandomValues(20261127L);
        org.yaml.snakeyaml.Yaml snakeYaml = new org.yaml.snakeyaml.Yaml();
        for (int i = 0; i < 2000; i++) {
            JsonNode expected = CanonicalValues.normalizeObject(random.object(0));
            byte[] yaml = CanonicalYaml.write(expected);
            String text = utf8(yaml);
            assertEquals(expected, CanonicalYaml.read(yaml), "Jackson, value #" + i + ":\n" + text);
            assertTrue(text.endsWith("\n") && !text.endsWith("\n\n"), "one trailing newline, value #" + i);
            assertEquals(plain(expected), plainSnake(snakeYaml.load(text)),
                    "SnakeYAML, value #" + i + ":\n" + text);
        }
    }

    @Test
    void generatedValuesReadBackExactlyWithPyYaml(@TempDir Path dir) throws Exception {
        assumeTrue(PyYaml.available(), "python3 with PyYAML is not installed: PyYAML part skipped");
        RandomValues random = new RandomValues(42L);
        List<JsonNode> expected = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            JsonNode value = CanonicalValues.normalizeObject(random.object(0));
            expected.add(value);
            names.add(String.format("%05d.yaml", i));
            Files.write(dir.resolve(names.get(i)), CanonicalYaml.write(value));
        }
        List<JsonNode> loaded = PyYaml.load(dir, names, dir);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(plain(expected.get(i)), plain(loaded.get(i)), "PyYAML, value #" + i + ":\n"
                    + utf8(CanonicalYaml.write(expected.get(i))));
        }
    }

    static Object plainSnake(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new java.util.TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), plainSnake(v)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CanonicalYamlTest::plainSnake).toList();
        }
        if (value instanceof Number number) {
            return PyYaml.stripped(new BigDecimal(number.toString()));
        }
        return value;
    }

    private static JsonNode parse(String json) {
        try {
            return new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String show(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c)
                : String.valueOf((char) c)));
        return out.append('"').toString();
    }
}
