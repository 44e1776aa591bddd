//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one JSON mapper of the sandbox, and compact storage of JSON objects as UTF-8 bytes. */
final class SandboxJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private SandboxJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + node, e);
        }
    }

    static ObjectNode objectOf(byte[] bytes) {
        try {
            return (ObjectNode) MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a request body; anything but a JSON object is a 422, as FastAPI answers. */
    static ObjectNode parseObject(String body) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.unprocessable("request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw ApiError.unprocessable("request body must be a JSON object");
        }
        return object;
    }
}
