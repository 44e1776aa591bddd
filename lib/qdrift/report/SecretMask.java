//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last line of defence for secrets in reports: exports already write ${PLACEHOLDER}s, so any other value of a
 * key named like a password, token or key is replaced by *** in field changes and in YAML texts, in every format.
 */
public final class SecretMask {
    public static final String MASK = "***";
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i)(password|passwd|passphrase|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credential)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[A-Za-z0-9_.-]+}");
    /** A YAML "key: value" line, possibly a list item, with the key optionally quoted. */
    private static final Pattern YAML_ENTRY = Pattern.compile("^(\\s*(?:-\\s+)*)([\"']?)([^\"'#:]+)\\2(\\s*:\\s+)(.*)$");
    private static final Pattern TRAILING_INDEXES = Pattern.compile("(\\[\\d+])+$");
    private static final Pattern LAST_KEY = Pattern.compile("(?:^|\\.)([^.\\[]+)$|\\[\"((?:[^\"\\\\]|\\\\.)*)\"]$");

    private SecretMask() {
    }

    public static boolean isSecretKey(String key) {
        return key != null && SECRET_KEY.matcher(key).find();
    }

    public static boolean isPlaceholder(String value) {
        return value != null && PLACEHOLDER.matcher(value.strip()).matches();
    }

    /** The value of a field path with secrets masked: the value itself when the path ends in a secret key. */
    public static JsonNode maskAt(String path, JsonNode value) {
        return mask(lastKey(path), value);
    }

    /** Masks scalars under secret keys anywhere in the value; key is the key holding the value (null for none). */
    public static JsonNode mask(String key, JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isObject()) {
            ObjectNode copy = value.deepCopy();
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                copy.set(entry.getKey(), mask(entry.getKey(), entry.getValue()));
            }
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = ((ArrayNode) value).arrayNode();
            value.forEach(item -> copy.add(mask(key, item)));
            return copy;
        }
        boolean maskable = value.isTextual() || value.isNumber();
        return maskable && isSecretKey(key) && !isPlaceholder(value.asText()) ? TextNode.valueOf(MASK) : value;
    }

    /** A YAML text with the value of every secret-looking key masked, block scalars included; null stays null. */
    public static String maskYaml(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        int blockIndent = -1;
        for (String line : text.split("\n", -1)) {
            int indent = line.length() - line.stripLeading().length();
            if (blockIndent >= 0 && (line.isBlank() || indent > blockIndent)) {
                out.append(line.isBlank() ? line : " ".repeat(indent) + MASK).append('\n');
                continue;
            }
            blockIndent = -1;
            Matcher entry = YAML_ENTRY.matcher(line);
            if (entry.matches() && isSecretKey(entry.group(3)) && !entry.group(5).isBlank()) {
                String value = unquote(entry.group(5).strip());
                if (value.startsWith("|") || value.startsWith(">")) {
                    blockIndent = indent;
                } else if (!isPlaceholder(value)) {
                    line = entry.group(1) + entry.group(2) + entry.group(3) + entry.group(2) + entry.group(4) + "'" + MASK + "'";
                }
            }
            out.append(line).append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    static String lastKey(String path) {
        if (path == null) {
            return null;
        }
        String withoutIndexes = TRAILING_INDEXES.matcher(path).replaceAll("");
        Matcher m = LAST_KEY.matcher(withoutIndexes);
        if (!m.find()) {
            return withoutIndexes;
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
