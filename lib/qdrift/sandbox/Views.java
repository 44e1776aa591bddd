package qdrift.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Turns stored resources into what the current API returns: references embedded as {id,name} where the API embeds
 * them, the connection-derived copies and live counts of a datastore, the computed fields of a container detail.
 */
final class Views {
    private static final List<String> CONNECTION_COPIES = List.of("host", "port", "username", "parameters", "jdbc_fetch_size",
            "max_parallelization", "secrets_manager", "product_name", "product_version", "driver_name", "driver_version");
    private static final List<String> DATASTORE_LIST_FIELDS = List.of("id", "name", "store_type", "type", "connection_id",
            "database", "schema", "enrichment_only", "global_tags", "teams", "created", "connected", "favorite",
            "anomaly_count", "check_count", "container_count", "score");

    private final TenantState state;

    Views(TenantState state) {
        this.state = state;
    }

    ObjectNode connection(Row row) {
        ObjectNode node = row.node();
        ArrayNode datastores = node.putArray("datastores");
        state.rowsOfOwner(Kind.DATASTORE, row.id()).forEach(d -> datastores.addObject().put("id", d.id()));
        return node;
    }

    ObjectNode datastore(Row row) {
        ObjectNode stored = row.node();
        ObjectNode node = SandboxJson.object();
        node.put("id", row.id()).set("name", stored.get("name"));
        ObjectNode connection = state.exists(Kind.CONNECTION, row.ownerId()) ? state.get(Kind.CONNECTION, row.ownerId()) : SandboxJson.object();
        node.put("store_type", connection.path("connection_type").asText("jdbc"));
        node.put("type", connection.path("type").asText(null));
        long enrichId = stored.path("enrich_datastore_id").asLong(0);
        stored.remove("enrich_datastore_id");
        node.setAll(stored);
        if (enrichId == 0 || !state.exists(Kind.DATASTORE, enrichId)) {
            node.putNull("enrich_datastore");
        } else {
            node.putObject("enrich_datastore").put("id", enrichId).put("name", state.nameOf(Kind.DATASTORE, enrichId));
        }
        node.put("jdbc_url", jdbcUrl(connection, stored));
        for (String key : CONNECTION_COPIES) {
            node.set(key, connection.has(key) ? connection.get(key) : node.nullNode());
        }
        node.put("check_count", state.rowsOfDatastore(Kind.CHECK, row.id()).size());
        node.put("container_count", state.rowsOfDatastore(Kind.CONTAINER, row.id()).size());
        return node;
    }

    ObjectNode datastoreListItem(Row row) {
        ObjectNode full = datastore(row);
        ObjectNode item = SandboxJson.object();
        DATASTORE_LIST_FIELDS.forEach(key -> item.set(key, full.get(key)));
        return item;
    }

    ObjectNode containerListItem(Row row) {
        ObjectNode node = row.node();
        node.putObject("datastore").put("id", row.datastoreId()).put("name", state.nameOf(Kind.DATASTORE, row.datastoreId()));
        node.putArray("computed_fields");
        return node;
    }

    ObjectNode containerDetail(Row row) {
        ObjectNode node = containerListItem(row);
        ArrayNode fields = node.putArray("computed_fields");
        state.rowsOfOwner(Kind.COMPUTED_FIELD, row.id()).forEach(f -> fields.add(f.node()));
        return node;
    }

    ObjectNode containerStub(Row row) {
        ObjectNode node = SandboxJson.object();
        return node.put("id", row.id()).put("name", row.name()).put("container_type", row.type());
    }

    ObjectNode computedField(Row row) {
        return row.node();
    }

    ObjectNode check(Row row) {
        ObjectNode stored = row.node();
        ObjectNode node = SandboxJson.object();
        long containerId = stored.path("container_id").asLong();
        stored.remove("container_id");
        node.put("id", row.id()).set("rule_type", stored.get("rule_type"));
        node.set("description", stored.get("description"));
        node.putObject("container").put("id", containerId).put("name", state.nameOf(Kind.CONTAINER, containerId));
        node.setAll(stored);
        return node;
    }

    ObjectNode render(Kind kind, Row row) {
        return switch (kind) {
            case CONNECTION -> connection(row);
            case DATASTORE -> datastore(row);
            case CONTAINER -> containerDetail(row);
            case COMPUTED_FIELD -> computedField(row);
            case CHECK -> check(row);
        };
    }

    ObjectNode renderListItem(Kind kind, Row row) {
        return switch (kind) {
            case DATASTORE -> datastoreListItem(row);
            case CONTAINER -> containerListItem(row);
            default -> render(kind, row);
        };
    }

    private static String jdbcUrl(ObjectNode connection, ObjectNode datastore) {
        if (!"jdbc".equals(connection.path("connection_type").asText())) {
            return null;
        }
        String database = datastore.path("database").isTextual() ? "/" + datastore.get("database").asText() : "";
        return "jdbc:" + connection.path("type").asText() + "://" + connection.path("host").asText() + ":"
                + connection.path("port").asText() + database;
    }
}
