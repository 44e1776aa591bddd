//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
//DEPS com.fasterxml.jackson.dataformat:jackson-dataformat-yaml:2.18.2
package qdrift.model;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.IOException;
import java.io.Writer;
import org.yaml.snakeyaml.DumperOptions;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

/**
 * The byte-deterministic YAML of a canonical value: keys sorted at every level, UTF-8, "\n" line ends, exactly one
 * trailing newline, block style, no "---" marker, no line wrapping, multi-line strings as literal blocks ("|") when a
 * literal block can hold them exactly (else double-quoted with escapes), and every string a YAML 1.1 reader could
 * misread double-quoted ({@link YamlQuoting}). Reading a written file gives back exactly the canonical value.
 */
public final class CanonicalYaml {
    private static final ObjectMapper WRITER = new ObjectMapper(new Factory(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .stringQuotingChecker(new YamlQuoting())
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)));

    private static final ObjectMapper READER = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .setNodeFactory(CanonicalValues.nodes())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private CanonicalYaml() {
    }

    /** The file bytes of a value (normalised first, see {@link CanonicalValues}). */
    public static byte[] write(JsonNode canonical) {
        JsonNode normal = CanonicalValues.normalize(canonical);
        return render(normal != null ? normal : CanonicalValues.nodes().objectNode());
    }

    /** The file bytes of a resource in export format 2: every key of its write call named ({@link WriteKeys#complete}). */
    public static byte[] writeResource(ResourceType type, JsonNode canonical) {
        return render(WriteKeys.complete(type, canonical));
    }

    /** The bytes of a normalised value: {@link CanonicalEmitter} when the value is in its subset, else Jackson's. */
    private static byte[] render(JsonNode normal) {
        byte[] direct = CanonicalEmitter.write(normal);
        return direct != null ? direct : jackson(normal);
    }

    /** The bytes Jackson's YAML generator writes for a normalised value: the reference the direct writer matches. */
    static byte[] jackson(JsonNode normal) {
        try {
            return WRITER.writeValueAsBytes(normal);
        } catch (JsonProcessingException e) {
            throw new Failure(ExitCode.INTERNAL, "cannot write YAML: " + e.getOriginalMessage(), e);
        }
    }

    public static JsonNode read(byte[] yaml) {
        return read(yaml, "input");
    }

    /** The normalised value of a YAML document; {@code source} names it in the error ("datastores/x/_datastore.yaml"). */
    public static JsonNode read(byte[] yaml, String source) {
        JsonNode tree;
        try {
            tree = READER.readTree(yaml);
        } catch (IOException | RuntimeException e) {
            String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new Failure(ExitCode.IO, source + " is not valid YAML: " + firstLine(detail)
                    + " (fix or delete the file, or re-export)", e);
        }
        JsonNode normal = tree == null ? null : CanonicalValues.normalize(tree);
        return normal != null ? normal : CanonicalValues.nodes().objectNode();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    /** Whether a literal block ("|") holds this multi-line string exactly; otherwise it is double-quoted. */
    static boolean fitsLiteralBlock(String text) {
        if (text.isEmpty() || text.startsWith(" ") || text.startsWith("\t") || text.startsWith("\n")
                || text.endsWith(" ") || text.endsWith("\t") || text.endsWith("\n\n")
                || text.contains(" \n") || text.contains("\t\n")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 && c != '\n' && c != '\t';
            if (control || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\ufeff'
                    || Character.isSurrogate(c) || c == '\ufffe' || c == '\uffff') {
                return false;
            }
        }
        return true;
    }

    /** A YAMLFactory whose generator double-quotes the multi-line strings a literal block would alter. */
    private static final class Factory extends YAMLFactory {
        private static final long serialVersionUID = 1L;

        Factory(YAMLFactoryBuilder builder) {
            super(builder);
        }

        @Override
        protected YAMLGenerator _createGenerator(Writer out, IOContext context) throws IOException {
            return new Generator(context, _generatorFeatures, _yamlGeneratorFeatures, _quotingChecker, _objectCodec,
                    out, _version);
        }
    }

    private static final class Generator extends YAMLGenerator {
        Generator(IOContext context, int jsonFeatures, int yamlFeatures, StringQuotingChecker quoting,
                ObjectCodec codec, Writer out, DumperOptions.Version version) throws IOException {
            super(context, jsonFeatures, yamlFeatures, quoting, codec, out, version);
        }

        @Override
        public void writeString(String text) throws IOException {
            if (text != null && text.indexOf('\n') >= 0 && !fitsLiteralBlock(text)) {
                _verifyValueWrite("write String value");
                _writeScalar(text, "string", DumperOptions.ScalarStyle.DOUBLE_QUOTED);
            } else {
                super.writeString(text);
            }
        }
    }
}
