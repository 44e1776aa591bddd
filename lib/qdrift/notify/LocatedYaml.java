//DEPS com.fasterxml.jackson.dataformat:jackson-dataformat-yaml:2.18.2
package qdrift.notify;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers the line each value was introduced on (a mapping value: its key's line),
 * so a validator can name the line of whatever it refuses. value is a Map of String to LocatedYaml, a List of
 * LocatedYaml, a String, Boolean or null (numbers are kept as their text).
 */
public record LocatedYaml(Object value, int line) {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    /** Thrown for text that is not YAML, or a mapping that repeats a key; line is where the parser stopped. */
    public static final class Invalid extends RuntimeException {
        private final int line;

        Invalid(String message, int line) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /** The document; a value of null (line 1) for an empty one. */
    public static LocatedYaml parse(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                return new LocatedYaml(null, 1);
            }
            return read(parser, line(parser));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            throw new Invalid("not valid YAML (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")", line);
        } catch (IOException e) {
            throw new Invalid("not readable (" + e.getMessage() + ")", 1);
        }
    }

    private static LocatedYaml read(JsonParser parser, int line) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, LocatedYaml> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = line(parser);
                    parser.nextToken();
                    if (map.put(key, read(parser, keyLine)) != null) {
                        throw new Invalid("'" + key + "' is given twice", keyLine);
                    }
                }
                return new LocatedYaml(map, line);
            }
            case START_ARRAY -> {
                List<LocatedYaml> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(parser, line(parser)));
                }
                return new LocatedYaml(list, line);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new LocatedYaml(token == JsonToken.VALUE_TRUE, line);
            }
            case VALUE_NULL -> {
                return new LocatedYaml(null, line);
            }
            default -> {
                return new LocatedYaml(parser.getText(), line);
            }
        }
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    @SuppressWarnings("unchecked")
    public Map<String, LocatedYaml> map() {
        return value instanceof Map<?, ?> m ? (Map<String, LocatedYaml>) m : null;
    }

    @SuppressWarnings("unchecked")
    public List<LocatedYaml> list() {
        return value instanceof List<?> l ? (List<LocatedYaml>) l : null;
    }

    /** The scalar's text (true/false for a boolean), or null for a mapping, list or null. */
    public String text() {
        return value instanceof String || value instanceof Boolean ? String.valueOf(value) : null;
    }
}
