package qdrift.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import qdrift.api.ClientSettings;
import qdrift.api.QualyticsClient;
import qdrift.cli.Log;
import qdrift.cli.ServerConfig;
import qdrift.export.Exporter;
import qdrift.export.SnapshotEntry;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.SandboxOptions;
import qdrift.sandbox.TenantSpec;

/**
 * The direct YAML writer (issue 18) against Jackson's YAML generator, the reference: for every value it takes, the
 * bytes are Jackson's exactly, and jackson-dataformat-yaml reads them back to the same tree; what it declines goes
 * to Jackson. Its subset must cover what the sandbox's resources hold, or rendering falls back to the slow path.
 */
class CanonicalEmitterTest {
    private static final JsonNodeFactory NODES = CanonicalValues.nodes();
    private static final ObjectMapper PLAIN_YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everySandboxResourceIsWrittenDirectlyAndByteForByteAsJacksonWritesIt() {
        try (Sandbox sandbox = Sandbox.start(new TenantSpec(TenantSpec.DEFAULT_SEED, 600, 80, 0.3, 0.5),
                SandboxOptions.defaults().withPort(0));
             QualyticsClient client = new QualyticsClient(new ServerConfig(sandbox.url(), sandbox.token(), Duration.ofSeconds(30)),
                     ClientSettings.defaults(Log.silent()))) {
            List<SnapshotEntry> entries = List.copyOf(new Exporter(client, Log.silent())
                    .export(new Exporter.Scope(List.of(), true, EnumSet.allOf(ResourceType.class))).snapshot().entries().values());
            int direct = 0;
            for (SnapshotEntry entry : entries) {
                ObjectNode full = WriteKeys.complete(entry.type(), entry.body());
                byte[] written = CanonicalEmitter.write(full);
                if (written != null) {
                    direct++;
                    same(full, written);
                }
                assertArrayEquals(CanonicalYaml.jackson(full), CanonicalYaml.writeResource(entry.type(), entry.body()));
            }
            assertTrue(entries.size() > 600, "checks, containers, datastores, connections: " + entries.size());
            assertEquals(entries.size(), direct, "every sandbox resource is in the direct writer's subset");
        }
    }

    @Test
    void generatedValuesAreWrittenAsJacksonWritesThem() {
        Random random = new Random(20261207L);
        int direct = 0;
        for (int i = 0; i < 5000; i++) {
            ObjectNode value = CanonicalValues.normalizeObject(object(random, 0));
            if (value.isEmpty()) {
                continue;
            }
            byte[] written = CanonicalEmitter.write(value);
            if (written != null) {
                direct++;
                same(value, written);
            }
        }
        // one declined string (a tab, a quoted letter beyond ASCII) sends the whole value to Jackson
        assertTrue(direct > 800, "a good share of the generated values is in the subset: " + direct);
    }

    @Test
    void theQuickQuotingRuleAgreesWithTheRegularExpressionOnOneLineTexts() {
        Random random = new Random(7L);
        List<String> texts = new java.util.ArrayList<>(CanonicalYamlTest.HOSTILE);
        for (int i = 0; i < 100_000; i++) {
            texts.add(string(random));
        }
        int compared = 0;
        for (String text : texts) {
            boolean oneLine = !text.isEmpty() && text.chars().allMatch(c -> c >= 0x20 && !(c >= 0x7f && c <= 0x9f)
                    && c != 0x2028 && c != 0x2029 && c != 0xfeff && c != 0xfffe && c != 0xffff);
            if (oneLine) {
                compared++;
                assertEquals(YamlQuoting.needsQuotes(text), YamlQuoting.needsQuotesOneLine(text), text);
            }
        }
        assertTrue(compared > 50_000, "compared " + compared);
    }

    @Test
    void hostileStringsAsValuesItemsKeysAndLines() {
        int direct = 0;
        for (String text : CanonicalYamlTest.HOSTILE) {
            List<ObjectNode> values = List.of(NODES.objectNode().put("v", text),
                    NODES.objectNode().set("list", NODES.arrayNode().add(text).add(NODES.objectNode().put("k", text))),
                    NODES.objectNode().put(text.isEmpty() ? "k" : text, "key"),
                    NODES.objectNode().put("v", text + "\nsecond line"),
                    NODES.objectNode().put("v", "first line\n" + text + "\n"));
            for (ObjectNode value : values) {
                ObjectNode normal = CanonicalValues.normalizeObject(value);
                byte[] written = CanonicalEmitter.write(normal);
                if (written != null) {
                    direct++;
                    same(normal, written);
                }
            }
        }
        assertTrue(direct > 250, "most hostile strings are in the subset: " + direct);
    }

    @Test
    void valuesOutsideTheSubsetAreLeftToJackson() {
        assertNull(CanonicalEmitter.write(NODES.objectNode()), "an empty root");
        assertNull(CanonicalEmitter.write(NODES.objectNode().put("tab", "a\tb")));
        assertNull(CanonicalEmitter.write(NODES.objectNode().put("v", "yes: 日本語")), "double-quoted beyond ASCII");
        assertNull(CanonicalEmitter.write(NODES.objectNode().put("v", "bom\ufeff")));
        assertNull(CanonicalEmitter.write(NODES.objectNode().put("v", "lone \ud800")));
        ObjectNode letters = NODES.objectNode().put("名前", "Café Über 😀").put("v", "multi\nlined é");
        same(letters, CanonicalEmitter.write(letters));
        assertNull(CanonicalEmitter.write(NODES.objectNode().put("x".repeat(100), 1)), "a long key");
        assertNull(CanonicalEmitter.write(NODES.objectNode().put("two\nlines", 1)), "a multi-line key");
        assertNull(CanonicalEmitter.write(NODES.objectNode().put("d", 1.5d)), "a double");
        ObjectNode ok = NODES.objectNode().put("x".repeat(99), "fine");
        same(ok, CanonicalEmitter.write(ok));
    }

    /** The direct bytes equal Jackson's, and read back (plain jackson-dataformat-yaml) to the value written. */
    private static void same(ObjectNode value, byte[] written) {
        byte[] reference = CanonicalYaml.jackson(value);
        assertArrayEquals(reference, written, () -> "Jackson:\n" + utf8(reference) + "direct:\n" + utf8(written));
        try {
            JsonNode back = PLAIN_YAML.readTree(written);
            assertEquals(CanonicalValues.normalize(value), CanonicalValues.normalize(back), () -> utf8(written));
        } catch (java.io.IOException e) {
            throw new AssertionError("unreadable:\n" + utf8(written), e);
        }
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    // ---- a generator of values in (and at the edge of) the subset: YAML look-alikes, line feeds, letters ----

    private static final String PIECES = " \n:#-'\"\\|>?,[]{}&*!%@`.";
    /** Printable letters beyond ASCII, a supplementary one (a surrogate pair) among them, and some the writer declines. */
    private static final List<String> LETTERS = List.of("é", "Ü", "名", "前", "😀", "\u00a0", "\u2003", "—", "€",
            "\u2028", "\u0085", "\ufeff", "\t");

    private static ObjectNode object(Random random, int depth) {
        ObjectNode object = NODES.objectNode();
        int size = 1 + random.nextInt(depth == 0 ? 7 : 4);
        for (int i = 0; i < size; i++) {
            object.set(key(random), value(random, depth + 1));
        }
        return object;
    }

    private static JsonNode value(Random random, int depth) {
        return switch (random.nextInt(depth >= 4 ? 6 : 9)) {
            case 0, 1, 2 -> NODES.textNode(string(random));
            case 3 -> switch (random.nextInt(4)) {
                case 0 -> NODES.numberNode(random.nextInt(2000) - 1000);
                case 1 -> NODES.numberNode(random.nextLong());
                case 2 -> NODES.numberNode(new BigInteger(90, random));
                default -> NODES.numberNode(BigDecimal.valueOf(random.nextLong() % 1_000_000_000L, random.nextInt(10) - 2));
            };
            case 4 -> NODES.booleanNode(random.nextBoolean());
            case 5 -> NODES.nullNode();
            case 6 -> array(random, depth);
            default -> object(random, depth);
        };
    }

    private static ArrayNode array(Random random, int depth) {
        ArrayNode array = NODES.arrayNode();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            array.add(value(random, depth + 1));
        }
        return array;
    }

    private static String key(Random random) {
        String text = string(random).replace('\n', ' ');
        return text.isEmpty() ? "k" : text;
    }

    private static String string(Random random) {
        if (random.nextInt(4) == 0) {
            String hostile = CanonicalYamlTest.HOSTILE.get(random.nextInt(CanonicalYamlTest.HOSTILE.size()));
            if (hostile.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c <= 0x7e))) {
                return hostile;
            }
        }
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(14);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(12);
            if (kind < 2) {
                text.append(PIECES.charAt(random.nextInt(PIECES.length())));
            } else if (kind == 2) {
                text.append(LETTERS.get(random.nextInt(LETTERS.size())));
            } else {
                text.append((char) (0x20 + random.nextInt(0x5f)));
            }
        }
        return text.toString();
    }
}
