package qdrift.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What every write must respect before it is stored: references exist, names are unique, fields in use stay. */
final class WriteGuards {
    static final Set<String> COMPUTED_TYPES = Set.of("computed_table", "computed_file", "computed_join");

    private final TenantState state;

    WriteGuards(TenantState state) {
        this.state = state;
    }

    /** A container POST makes computed containers only, each with what its type needs. */
    static void computedDefinition(ObjectNode node) {
        String type = node.path("container_type").asText();
        if (!COMPUTED_TYPES.contains(type)) {
            throw ApiError.unprocessable("only computed containers can be created (" + String.join(", ", new TreeSet<>(COMPUTED_TYPES))
                    + "); '" + type + "' containers come from a sync");
        }
        boolean ok = switch (type) {
            case "computed_table" -> node.path("query").isTextual();
            case "computed_file" -> node.path("source_container_id").canConvertToLong();
            default -> node.path("left_container_id").canConvertToLong() && node.path("right_container_id").canConvertToLong()
                    || node.path("query").isTextual() && node.path("sources").isArray();
        };
        if (!ok) {
            throw ApiError.unprocessable(type + " needs " + switch (type) {
                case "computed_table" -> "a query";
                case "computed_file" -> "a source_container_id";
                default -> "left_container_id and right_container_id, or a query and sources";
            });
        }
    }

    /** References exist, names are unique where the API wants them unique, and a container keeps the fields in use. */
    void check(Kind kind, ObjectNode node, ObjectNode live, boolean forceDropFields) {
        references(kind, node);
        uniqueName(kind, node);
        if (kind == Kind.CHECK && !BodyRules.CHECK_STATUSES.contains(node.path("status").asText())) {
            throw ApiError.unprocessable("'status' must be one of " + new TreeSet<>(BodyRules.CHECK_STATUSES) + ", not " + node.path("status"));
        }
        if (kind == Kind.CONTAINER && live != null && !forceDropFields) {
            keepsFieldsInUse(node, live);
        }
    }

    private void references(Kind kind, ObjectNode node) {
        Map<String, Kind> targets = switch (kind) {
            case DATASTORE -> Map.of("connection_id", Kind.CONNECTION, "enrich_datastore_id", Kind.DATASTORE);
            case CONTAINER -> Map.of("datastore_id", Kind.DATASTORE, "source_container_id", Kind.CONTAINER,
                    "left_container_id", Kind.CONTAINER, "right_container_id", Kind.CONTAINER, "right_datastore_id", Kind.DATASTORE);
            case COMPUTED_FIELD, CHECK -> Map.of("container_id", Kind.CONTAINER);
            default -> Map.of();
        };
        targets.forEach((key, target) -> reference(key, node.get(key), target));
        node.path("sources").forEach(source -> reference("sources[].container_id", source.get("container_id"), Kind.CONTAINER));
        JsonNode properties = node.path("properties");
        reference("properties.ref_container_id", properties.get("ref_container_id"), Kind.CONTAINER);
        reference("properties.ref_datastore_id", properties.get("ref_datastore_id"), Kind.DATASTORE);
    }

    private void reference(String key, JsonNode value, Kind target) {
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.canConvertToLong() || !state.exists(target, value.asLong())) {
            throw ApiError.unprocessable("'" + key + "' must be the id of an existing " + target.label() + ", not " + value);
        }
    }

    private void uniqueName(Kind kind, ObjectNode node) {
        if (kind == Kind.CHECK || !node.path("name").isTextual()) {
            return;
        }
        String name = node.get("name").asText();
        long id = node.path("id").asLong();
        long scope = switch (kind) {
            case CONTAINER -> node.path("datastore_id").asLong();
            case COMPUTED_FIELD -> node.path("container_id").asLong();
            default -> 0;
        };
        boolean taken = state.rows(kind).anyMatch(row -> row.id() != id && name.equals(row.name())
                && (scope == 0 || row.ownerId() == scope));
        if (taken) {
            throw new ApiError(409, "A " + kind.label() + " named '" + name + "' already exists"
                    + (scope == 0 ? "" : " in " + (kind == Kind.CONTAINER ? "datastore " : "container ") + scope));
        }
    }

    /** The 409 of a container change that would drop fields checks or computed fields use. */
    private void keepsFieldsInUse(ObjectNode node, ObjectNode live) {
        if (!COMPUTED_TYPES.contains(live.path("container_type").asText())) {
            return;
        }
        Set<String> before = SelectedFields.of(live.path("query").asText(null), live.path("select_clause").asText(null));
        Set<String> after = SelectedFields.of(node.path("query").asText(null), node.path("select_clause").asText(null));
        long containerId = live.get("id").asLong();
        Set<String> dropped = SelectedFields.dropped(before, after, state.fieldNames(containerId));
        if (dropped.isEmpty()) {
            return;
        }
        Set<String> inUse = new TreeSet<>();
        List<Long> users = new ArrayList<>();
        state.rowsOfOwner(Kind.CHECK, containerId).stream().filter(row -> !row.archived()).forEach(row -> {
            Set<String> used = new LinkedHashSet<>(row.node().path("fields").findValuesAsText("name"));
            used.retainAll(dropped);
            if (!used.isEmpty()) {
                inUse.addAll(used);
                users.add(row.id());
            }
        });
        state.rowsOfOwner(Kind.COMPUTED_FIELD, containerId).forEach(row ->
                row.node().path("source_fields").forEach(f -> {
                    if (dropped.contains(f.path("name").asText(f.asText()))) {
                        inUse.add(f.path("name").asText(f.asText()));
                    }
                }));
        if (!inUse.isEmpty()) {
            throw new ApiError(409, "the change would drop fields " + inUse + " that quality checks "
                    + (users.size() > 10 ? users.subList(0, 10) + "..." : users) + " or computed fields use: "
                    + "send \"force_drop_fields\": true to drop them anyway");
        }
    }
}
