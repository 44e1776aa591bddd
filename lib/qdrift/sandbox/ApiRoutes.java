package qdrift.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The /api endpoints of the contract, on an authenticated, fault-free request: reads with filters and pages; writes go to {@link WriteRoutes}. */
final class ApiRoutes {
    static final int DEFAULT_PAGE_SIZE = 50;

    private final TenantState state;
    private final Views views;
    private final WriteRoutes writes;

    ApiRoutes(TenantState state) {
        this.state = state;
        this.views = new Views(state);
        this.writes = new WriteRoutes(state, views);
    }

    ApiResponse handle(ApiRequest request, int maxPageSize) {
        return handle(request, maxPageSize, true);
    }

    /** {@code strictWrites}: POST and PUT bodies as strict as the real write models (false for the lenient shapes). */
    ApiResponse handle(ApiRequest request, int maxPageSize, boolean strictWrites) {
        String[] segments = request.path().replaceAll("/+$", "").split("/");
        // segments: "", "api", resource, [id or "listing"]
        if (segments.length < 3) {
            return ApiResponse.error(404, "Not Found");
        }
        if (!request.method().equals("GET")) {
            return writes.handle(request, segments, strictWrites);
        }
        String resource = segments[2];
        String sub = segments.length > 3 ? segments[3] : null;
        if (resource.equals("operations") && sub != null && segments.length == 4) {
            return writes.operation(parseId(sub));
        }
        if (segments.length > 4) {
            return ApiResponse.error(404, "Not Found");
        }
        if (resource.equals("status") && sub == null) {
            return get(request, () -> SandboxJson.object().put("database_connection", "OK").put("rabbitmq_connection", "OK"));
        }
        if ((resource.equals("global-tags") || resource.equals("teams")) && sub == null) {
            return get(request, () -> namesPage(resource.equals("teams") ? state.teams() : state.globalTags(),
                    resource.equals("global-tags"), request, maxPageSize));
        }
        if (resource.equals("containers") && "listing".equals(sub)) {
            return get(request, () -> listing(request));
        }
        Kind kind = Kind.fromPath(resource);
        if (kind == null) {
            return ApiResponse.error(404, "Not Found");
        }
        if (sub == null) {
            return ApiResponse.ok(list(kind, request, maxPageSize));
        }
        return ApiResponse.ok(views.render(kind, state.row(kind, parseId(sub))));
    }

    private static ApiResponse get(ApiRequest request, java.util.function.Supplier<JsonNode> body) {
        return request.method().equals("GET") ? ApiResponse.ok(body.get()) : ApiResponse.error(405, "Method Not Allowed");
    }

    static long parseId(String segment) {
        try {
            return Long.parseLong(segment);
        } catch (NumberFormatException e) {
            throw ApiError.unprocessable("path id must be an integer, not '" + segment + "'");
        }
    }

    private JsonNode list(Kind kind, ApiRequest request, int maxPageSize) {
        Stream<Row> rows = candidates(kind, request).filter(filter(kind, request));
        return page(rows.toList(), row -> views.renderListItem(kind, row), request, maxPageSize);
    }

    /** Every row of the kind, or only one datastore's when the request names one (the filter still applies). */
    private Stream<Row> candidates(Kind kind, ApiRequest request) {
        List<Long> datastores = ids(request.params("datastore", "datastore_id"), "datastore");
        return datastores.size() == 1 ? state.rowsOfDatastore(kind, datastores.get(0)).stream() : state.rows(kind);
    }

    private Predicate<Row> filter(Kind kind, ApiRequest request) {
        Predicate<Row> filter = row -> true;
        List<Long> datastores = ids(request.params("datastore", "datastore_id"), "datastore");
        if (!datastores.isEmpty()) {
            filter = filter.and(row -> datastores.contains(row.datastoreId()));
        }
        String name = request.param("name");
        if (name != null && (kind == Kind.CONNECTION || kind == Kind.DATASTORE || kind == Kind.CONTAINER)) {
            String wanted = name.toLowerCase(Locale.ROOT);
            filter = filter.and(row -> row.name() != null && row.name().toLowerCase(Locale.ROOT).contains(wanted));
        }
        if (kind == Kind.CONTAINER) {
            List<String> types = request.params("container_type");
            if (!types.isEmpty()) {
                filter = filter.and(row -> types.contains(row.type()));
            }
        }
        if (kind == Kind.CHECK || kind == Kind.COMPUTED_FIELD) {
            List<Long> containers = ids(request.params("container", "container_id"), "container");
            if (!containers.isEmpty()) {
                filter = filter.and(row -> containers.contains(row.ownerId()));
            }
        }
        if (kind == Kind.CHECK || kind == Kind.CONTAINER) {
            filter = filter.and(archived(request.param("archived")));
        }
        if (kind == Kind.CHECK) {
            List<String> statuses = request.params("status");
            if (!statuses.isEmpty()) {
                filter = filter.and(row -> statuses.stream().anyMatch(s -> s.equalsIgnoreCase(row.status())));
            }
            List<String> tags = request.params("tag");
            if (!tags.isEmpty()) {
                filter = filter.and(row -> row.tags().stream().anyMatch(tags::contains));
            }
        }
        return filter;
    }

    /** archived: absent, "exclude" or "false" hides archived; "only" or "true" shows only them; "include" or "all" both. */
    private static Predicate<Row> archived(String value) {
        String v = value == null ? "exclude" : value.toLowerCase(Locale.ROOT);
        return switch (v) {
            case "exclude", "false" -> row -> !row.archived();
            case "only", "true" -> Row::archived;
            case "include", "all" -> row -> true;
            default -> throw ApiError.unprocessable("archived must be one of exclude, include, only; not '" + value + "'");
        };
    }

    private static List<Long> ids(List<String> values, String param) {
        try {
            return values.stream().map(Long::parseLong).toList();
        } catch (NumberFormatException e) {
            throw ApiError.unprocessable(param + " must be an integer id, not " + values);
        }
    }

    private JsonNode listing(ApiRequest request) {
        List<Long> datastores = ids(request.params("datastore", "datastore_id"), "datastore");
        if (datastores.isEmpty()) {
            throw ApiError.unprocessable("datastore is required");
        }
        ArrayNode stubs = SandboxJson.array();
        candidates(Kind.CONTAINER, request).filter(row -> datastores.contains(row.datastoreId()))
                .forEach(row -> stubs.add(views.containerStub(row)));
        return stubs;
    }

    private static JsonNode namesPage(Map<String, Long> names, boolean tags, ApiRequest request, int maxPageSize) {
        List<Map.Entry<String, Long>> entries = List.copyOf(names.entrySet());
        return page(entries, entry -> {
            ObjectNode node = SandboxJson.object().put("id", entry.getValue()).put("name", entry.getKey());
            if (tags) {
                node.put("type", "global").putNull("color").putNull("description").putNull("category");
            }
            return node;
        }, request, maxPageSize);
    }

    private static <T> ObjectNode page(List<T> all, Function<T, ObjectNode> render, ApiRequest request, int maxPageSize) {
        int page = positive(request.param("page"), 1, "page");
        int size = positive(request.param("size"), DEFAULT_PAGE_SIZE, "size");
        if (maxPageSize > 0) {
            size = Math.min(size, maxPageSize);
        }
        ObjectNode body = SandboxJson.object();
        ArrayNode items = body.putArray("items");
        long from = (long) (page - 1) * size;
        for (long i = from; i < Math.min(all.size(), from + size); i++) {
            items.add(render.apply(all.get((int) i)));
        }
        return body.put("total", all.size()).put("page", page).put("size", size);
    }

    private static int positive(String value, int fallback, String name) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.unprocessable(name + " must be an integer of at least 1, not '" + value + "'");
    }
}
