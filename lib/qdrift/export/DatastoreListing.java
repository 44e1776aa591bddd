package qdrift.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What `export.java --list-datastores` prints: the datastores the token can read, by id, so a newcomer finds the id
 * that --datastore-id wants. Connection and enrichment are named as well as numbered; servers send either ids
 * ({@code connection_id}, {@code enrich_datastore_id}) or embedded {@code {id, name}} objects.
 */
public record DatastoreListing(List<Row> rows) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Row(long id, String name, String type, String connection, String enrichment) {
    }

    public static DatastoreListing of(List<ObjectNode> datastores, List<ObjectNode> connections) {
        Map<Long, String> connectionNames = connections.stream()
                .collect(Collectors.toMap(c -> c.path("id").asLong(), c -> c.path("name").asText(""), (a, b) -> a));
        Map<Long, String> datastoreNames = datastores.stream()
                .collect(Collectors.toMap(d -> d.path("id").asLong(), d -> d.path("name").asText(""), (a, b) -> a));
        List<Row> rows = datastores.stream()
                .map(d -> new Row(d.path("id").asLong(), d.path("name").asText(""), d.path("type").asText(""),
                        reference(d, "connection", connectionNames),
                        // current servers say enrich_datastore, older ones enrichment_datastore
                        firstOf(reference(d, "enrich_datastore", datastoreNames), reference(d, "enrichment_datastore", datastoreNames))))
                .sorted(Comparator.comparingLong(Row::id))
                .toList();
        return new DatastoreListing(rows);
    }

    private static String firstOf(String current, String older) {
        return current.isEmpty() ? older : current;
    }

    /** "name (#id)", "#id" when the name is unknown, "" when there is no reference. */
    private static String reference(ObjectNode datastore, String key, Map<Long, String> names) {
        JsonNode embedded = datastore.get(key);
        long id = embedded != null && embedded.isObject() ? embedded.path("id").asLong(0) : datastore.path(key + "_id").asLong(0);
        if (id == 0) {
            return "";
        }
        String name = embedded != null && embedded.hasNonNull("name") ? embedded.get("name").asText() : names.get(id);
        return name == null || name.isEmpty() ? "#" + id : name + " (#" + id + ")";
    }

    /** Aligned columns with a header, one datastore a line. */
    public String text() {
        List<String[]> lines = new java.util.ArrayList<>();
        lines.add(new String[] {"ID", "NAME", "TYPE", "CONNECTION", "ENRICHMENT"});
        rows.forEach(r -> lines.add(new String[] {String.valueOf(r.id()), r.name(), r.type(), r.connection(), r.enrichment()}));
        int[] widths = new int[5];
        lines.forEach(line -> {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line[i].codePointCount(0, line[i].length()));
            }
        });
        StringBuilder text = new StringBuilder();
        for (String[] line : lines) {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                row.append(line[i]);
                if (i < line.length - 1) {
                    row.append(" ".repeat(widths[i] - line[i].codePointCount(0, line[i].length()) + 2));
                }
            }
            text.append(row.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    /** A JSON array of {id, name, type, connection, enrichment}, the same rows as the text. */
    public String json() {
        ArrayNode array = JSON.createArrayNode();
        rows.forEach(r -> array.addObject().put("id", r.id()).put("name", r.name()).put("type", r.type())
                .put("connection", r.connection()).put("enrichment", r.enrichment()));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
