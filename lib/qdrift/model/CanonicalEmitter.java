//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ShortNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * A direct writer of {@link CanonicalYaml}'s format for the values nearly every resource holds, byte for byte what
 * the Jackson YAML generator writes (and about ten times cheaper): block mappings and sequences indented by two, a
 * sequence's dash two further in than its parent, {@code []} and {@code {}} for empty ones, plain scalars unless
 * {@link YamlQuoting} asks for double quotes, literal blocks ({@code |} or {@code |-}) for multi-line strings that
 * fit one. Anything outside that subset makes {@link #write} return null, and the caller uses Jackson: a string with
 * a tab, a control or another character the generator escapes, a double-quoted string beyond ASCII, a key that is
 * empty, multi-line or 100 characters or longer (YAML's complex keys), a number that is not an exact integer or
 * decimal, a root that is not a non-empty mapping.
 */
final class CanonicalEmitter {
    private static final int LONGEST_KEY = 100;
    private static final Outside OUTSIDE = new Outside();
    private static final int LINE_FEED = 1;
    private static final int NON_ASCII = 2;

    private final StringBuilder out = new StringBuilder(512);

    private CanonicalEmitter() {
    }

    /** The YAML bytes of {@code root}, or null when it holds something outside the subset above. */
    static byte[] write(JsonNode root) {
        if (!(root instanceof ObjectNode object) || object.isEmpty()) {
            return null;
        }
        CanonicalEmitter emitter = new CanonicalEmitter();
        try {
            emitter.mapping(object, 0, false);
        } catch (Outside e) {
            return null;
        }
        return emitter.out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A mapping whose keys start at column {@code indent}; {@code inline}: its first key goes on the current line. */
    private void mapping(ObjectNode object, int indent, boolean inline) {
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (!(first && inline)) {
                spaces(indent);
            }
            first = false;
            key(member.getKey());
            out.append(':');
            JsonNode value = member.getValue();
            if (value instanceof ObjectNode nested && !nested.isEmpty()) {
                out.append('\n');
                mapping(nested, indent + 2, false);
            } else if (value instanceof ArrayNode list && !list.isEmpty()) {
                out.append('\n');
                sequence(list, indent, false);
            } else {
                out.append(' ');
                scalar(value, indent + 2);
            }
        }
    }

    /**
     * A sequence inside a block whose content starts at column {@code parent}: dashes at parent + 2, items' content at
     * parent + 4; {@code inline}: the current line is at column parent (just after an outer dash) and takes the first.
     */
    private void sequence(ArrayNode list, int parent, boolean inline) {
        boolean first = true;
        for (JsonNode item : list) {
            spaces(first && inline ? 2 : parent + 2);
            first = false;
            out.append("- ");
            int content = parent + 4;
            if (item instanceof ObjectNode nested && !nested.isEmpty()) {
                mapping(nested, content, true);
            } else if (item instanceof ArrayNode inner && !inner.isEmpty()) {
                sequence(inner, content, true);
            } else {
                scalar(item, content);
            }
        }
    }

    /** One scalar and its line end; a literal block's lines start at column {@code blockIndent}. */
    private void scalar(JsonNode value, int blockIndent) {
        if (value instanceof TextNode text) {
            string(text.textValue(), blockIndent);
        } else if (value instanceof NullNode) {
            out.append("null");
        } else if (value instanceof BooleanNode) {
            out.append(value.booleanValue() ? "true" : "false");
        } else if (value instanceof IntNode || value instanceof LongNode || value instanceof ShortNode
                || value instanceof BigIntegerNode) {
            out.append(value.asText());
        } else if (value instanceof DecimalNode) {
            out.append(value.decimalValue().toPlainString());
        } else if (value instanceof ArrayNode) {
            out.append("[]"); // only empty ones come here
        } else if (value instanceof ObjectNode) {
            out.append("{}");
        } else {
            throw OUTSIDE;
        }
        out.append('\n');
    }

    private void string(String text, int blockIndent) {
        int found = check(text);
        if ((found & LINE_FEED) != 0) {
            if (CanonicalYaml.fitsLiteralBlock(text)) {
                literal(text, blockIndent);
                return;
            }
            doubleQuoted(text, found);
        } else if (YamlQuoting.needsQuotesOneLine(text)) {
            doubleQuoted(text, found);
        } else {
            out.append(text);
        }
    }

    private void key(String key) {
        int found = key.isEmpty() || key.length() >= LONGEST_KEY ? LINE_FEED : check(key);
        if ((found & LINE_FEED) != 0) {
            throw OUTSIDE;
        }
        if (YamlQuoting.needsQuotesOneLine(key)) {
            doubleQuoted(key, found);
        } else {
            out.append(key);
        }
    }

    /** A literal block: the header, then each line at blockIndent (an empty line stays empty); no line end after. */
    private void literal(String text, int blockIndent) {
        boolean keep = text.endsWith("\n");
        out.append(keep ? "|" : "|-");
        int end = keep ? text.length() - 1 : text.length();
        int start = 0;
        while (start <= end) {
            int brk = text.indexOf('\n', start);
            if (brk < 0 || brk > end) {
                brk = end;
            }
            out.append('\n');
            if (brk > start) {
                spaces(blockIndent);
                out.append(text, start, brk);
            }
            start = brk + 1;
        }
        // scalar() ends the last line
    }

    /** A double-quoted scalar of ASCII (the generator escapes some letters beyond it: those go to Jackson). */
    private void doubleQuoted(String text, int found) {
        if ((found & NON_ASCII) != 0) {
            throw OUTSIDE;
        }
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        out.append('"');
    }

    /**
     * What a string holds: {@link #LINE_FEED}, {@link #NON_ASCII} (printable letters beyond ASCII, which plain scalars
     * and literal blocks write as they are); throws for anything else: controls, tabs, C1, separators, byte-order
     * marks, non-characters, unpaired surrogates.
     */
    private static int check(String text) {
        int found = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                continue;
            }
            if (c == '\n') {
                found |= LINE_FEED;
            } else if ((c >= 0xa0 && c <= 0xd7ff && c != 0x2028 && c != 0x2029) || (c >= 0xe000 && c <= 0xfffd && c != 0xfeff)) {
                found |= NON_ASCII;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                found |= NON_ASCII;
                i++;
            } else {
                throw OUTSIDE;
            }
        }
        return found;
    }

    private void spaces(int count) {
        for (int i = 0; i < count; i++) {
            out.append(' ');
        }
    }

    /** Thrown (without a stack trace) to hand the value to Jackson. */
    private static final class Outside extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Outside() {
            super(null, null, false, false);
        }
    }
}
