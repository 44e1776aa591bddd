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
    /** The largest page a current server serves: above it, 422 (it does not clamp). */
    static final int MAX_PAGE_SIZE = 100;
    private static final List<String> SORTS = List.of("sort_id", "sort_created", "sort_name");

    /**
     * How lists answer: {@code lenient} (the legacy shapes) serves any size, clamped to {@code clampTo} when set, and
     * no {@code pages}; otherwise size above 100 is a 422, as on a current server. {@code checksRefuseInclude}: the
     * check list refuses archived=include.
     */
    record ListRules(boolean lenient, int clampTo, boolean checksRefuseInclude) {
        static ListRules of(SandboxOptions options, InstanceOptions instance) {
            return new ListRules(options.legacyShapes(), options.maxPageSize(), instance.checksRefuseArchivedInclude());
        }
    }

    private final TenantState state;
    private final Views views;
    private final WriteRoutes writes;

    ApiRoutes(TenantState state) {
        this.state = state;
        this.views = new Views(state);
        this.writes = new WriteRoutes(state, views);
    }

    /** POST and PUT bodies are as strict as the real write models unless the rules keep the lenient shapes. */
    ApiResponse handle(ApiRequest request, ListRules rules) {
        String[] segments = request.path().replaceAll("/+$", "").split("/");
        // segments: "", "api", resource, [id or "listing"]
        if (segments.length < 3) {
            return ApiResponse.error(404, "Not Found");
        }
        if (!request.method().equals("GET")) {
            return writes.handle(request, segments, !rules.lenient());
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
                    resource.equals("global-tags"), request, rules));
        }
        if (resource.equals("containers") && "listing".equals(sub)) {
            return get(request, () -> listing(request));
        }
        Kind kind = Kind.fromPath(resource);
        if (kind == null) {
            return ApiResponse.error(404, "Not Found");
        }
        if (sub == null) {
            return ApiResponse.ok(list(kind, request, rules));
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

    private JsonNode list(Kind kind, ApiRequest request, ListRules rules) {
        Stream<Row> rows = candidates(kind, request).filter(filter(kind, request, rules));
        return page(rows.sorted(order(request)).toList(), row -> views.renderListItem(kind, row), request, rules);
    }

    /**
     * The order a list is served in: the first of sort_id, sort_created and sort_name the request carries, asc or desc,
     * ties by id; none: id order. Every page of one listing is cut from that same order.
     */
    private static java.util.Comparator<Row> order(ApiRequest request) {
        java.util.Comparator<Row> byId = java.util.Comparator.comparingLong(Row::id);
        for (String sort : SORTS) {
            String direction = request.param(sort);
            if (direction == null) {
                continue;
            }
            java.util.Comparator<Row> key = switch (sort) {
                case "sort_created" -> java.util.Comparator.comparing(Row::created, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
                case "sort_name" -> java.util.Comparator.comparing(Row::name, java.util.Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER));
                default -> byId;
            };
            return switch (direction.toLowerCase(Locale.ROOT)) {
                case "asc" -> key.thenComparing(byId);
                case "desc" -> key.reversed().thenComparing(byId);
                default -> throw ApiError.invalidQuery(sort, "value is not a valid enumeration member; permitted: 'asc', 'desc'",
                        "type_error.enum");
            };
        }
        return byId;
    }

    /** Every row of the kind, or only one datastore's when the request names one (the filter still applies). */
    private Stream<Row> candidates(Kind kind, ApiRequest request) {
        List<Long> datastores = ids(request.params("datastore", "datastore_id"), "datastore");
        return datastores.size() == 1 ? state.rowsOfDatastore(kind, datastores.get(0)).stream() : state.rows(kind);
    }

    private Predicate<Row> filter(Kind kind, ApiRequest request, ListRules rules) {
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
            String archived = request.param("archived");
            if (kind == Kind.CHECK && rules.checksRefuseInclude() && archived != null
                    && !List.of("exclude", "only").contains(archived.toLowerCase(Locale.ROOT))) {
                throw ApiError.invalidQuery("archived", "value is not a valid enumeration member; permitted: 'exclude', 'only'",
                        "type_error.enum");
            }
            filter = filter.and(archived(archived));
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

    private static JsonNode namesPage(Map<String, Long> names, boolean tags, ApiRequest request, ListRules rules) {
        List<Map.Entry<String, Long>> entries = List.copyOf(names.entrySet());
        return page(entries, entry -> {
            ObjectNode node = SandboxJson.object().put("id", entry.getValue()).put("name", entry.getKey());
            if (tags) {
                node.put("type", "global").putNull("color").putNull("description").putNull("category");
            }
            return node;
        }, request, rules);
    }

    private static <T> ObjectNode page(List<T> all, Function<T, ObjectNode> render, ApiRequest request, ListRules rules) {
        int page = positive(request.param("page"), 1, "page");
        int size = positive(request.param("size"), DEFAULT_PAGE_SIZE, "size");
        if (!rules.lenient() && size > MAX_PAGE_SIZE) {
            throw ApiError.invalidQuery("size", "ensure this value is less than or equal to " + MAX_PAGE_SIZE, "value_error.number.not_le");
        }
        if (rules.lenient() && rules.clampTo() > 0) {
            size = Math.min(size, rules.clampTo());
        }
        ObjectNode body = SandboxJson.object();
        ArrayNode items = body.putArray("items");
        long from = (long) (page - 1) * size;
        for (long i = from; i < Math.min(all.size(), from + size); i++) {
            items.add(render.apply(all.get((int) i)));
        }
        body.put("total", all.size()).put("page", page).put("size", size);
        if (!rules.lenient()) {
            body.put("pages", all.isEmpty() ? 0 : (all.size() + size - 1) / size);
        }
        return body;
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
        throw ApiError.invalidQuery(name, "ensure this value is greater than or equal to 1 (not '" + value + "')", "value_error.number.not_ge");
    }
}
