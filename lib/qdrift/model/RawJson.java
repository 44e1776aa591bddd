//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.model;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the few shapes raw API JSON uses for ids and references, across server versions. */
final class RawJson {
    private RawJson() {
    }

    static Long id(JsonNode raw) {
        return asLong(raw.get("id"));
    }

    static String text(JsonNode raw, String field) {
        JsonNode value = raw.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** The id behind {@code <name>_id: 7} or an embedded {@code <name>: {id: 7, ...}}; null when neither. */
    static Long reference(JsonNode raw, String name) {
        Long id = asLong(raw.get(name + "_id"));
        if (id != null) {
            return id;
        }
        JsonNode embedded = raw.get(name);
        return embedded != null && embedded.isObject() ? asLong(embedded.get("id")) : asLong(embedded);
    }

    /** The name embedded as {@code <name>: {name: "x"}}, if the server sent it that way. */
    static String embeddedName(JsonNode raw, String name) {
        JsonNode embedded = raw.get(name);
        return embedded != null && embedded.isObject() ? text(embedded, "name") : null;
    }

    static Long asLong(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual() && value.asText().matches("-?\\d{1,18}")) {
            return Long.parseLong(value.asText());
        }
        return null;
    }
}
