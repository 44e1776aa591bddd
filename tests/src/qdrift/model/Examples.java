package qdrift.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The API contract's example responses (tests/resources/examples), parsed as the API client would. */
public final class Examples {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Examples() {
    }

    public static ObjectNode object(String file) {
        return (ObjectNode) read(file);
    }

    public static ObjectNode raw(String text) {
        try {
            return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The items of a paginated response. */
    public static List<ObjectNode> items(String file) {
        List<ObjectNode> items = new ArrayList<>();
        read(file).get("items").forEach(item -> items.add((ObjectNode) item));
        return items;
    }

    public static ObjectNode item(String file, long id) {
        return items(file).stream().filter(i -> i.get("id").asLong() == id).findFirst()
                .orElseThrow(() -> new AssertionError("no item " + id + " in " + file));
    }

    /** JSON written with single quotes, in canonical form (so it compares equal to canonical output). */
    public static JsonNode json(String text) {
        try {
            return CanonicalValues.normalize(JSON.readTree(text.replace('\'', '"')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String file) {
        try (InputStream in = Examples.class.getResourceAsStream("/examples/" + file)) {
            if (in == null) {
                throw new AssertionError("missing test resource examples/" + file);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names for the ids the examples use: connections 1-3, datastores 10/20, containers 100, 150, 200. */
    public static MapNameResolver names() {
        return new MapNameResolver()
                .connection(1, "prod-pg").connection(2, "lake-s3").connection(3, "vault-db")
                .datastore(10, "prod-warehouse").datastore(20, "dq-enrichment")
                .container(100, "orders", 10L).container(150, "orders_csv", 10L).container(200, "customers", 20L);
    }
}
