package qdrift.api;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Every operation this tool sends to a Qualytics instance, with the query parameters and values it sends: the one list
 * doctor holds against the server's /api/openapi.json, and that a test holds against what the scripts really send.
 * A new call in {@link QualyticsClient} or a new write of revert belongs here too.
 */
public final class ApiOperations {
    /** Who sends an operation: what a missing one breaks. */
    public enum Use {
        READ("export, drift, compare-envs and revert's plan"),
        WRITE("revert --apply"),
        DOCTOR("doctor");

        private final String scripts;

        Use(String scripts) {
            this.scripts = scripts;
        }

        public String scripts() {
            return scripts;
        }
    }

    /**
     * A query parameter as sent: its name and a value ({@code sample}: what is sent, or an example id), and the values
     * the tool falls back to when the server refuses it (none: the call then fails).
     */
    public record Param(String name, String sample, List<String> fallbacks) {
        public Param {
            fallbacks = List.copyOf(fallbacks);
        }

        public static Param of(String name, String sample) {
            return new Param(name, sample, List.of());
        }
    }

    /** One operation: "GET" and the path as OpenAPI names it ("/api/quality-checks/{check_id}"), its query parameters. */
    public record Operation(String method, String path, List<Param> query, Use use) {
        public Operation {
            query = List.copyOf(query);
        }

        /** "GET /api/quality-checks". */
        public String name() {
            return method + " " + path;
        }

        /** The path with every {name} as {}: how two documents name the same route. */
        public String pathShape() {
            return shape(path);
        }
    }

    /**
     * The explicit order each paged list is read in: page 1 first, then the others in parallel, so every page must come
     * from one stable order. Connections offer sort_id (2025 schema); datastores, containers and checks offer
     * sort_created (the only sort the 2023 check list has), ties left to the pager's dedupe and re-list.
     */
    public static final Param SORT_BY_ID = Param.of("sort_id", "asc");
    public static final Param SORT_BY_CREATED = Param.of("sort_created", "asc");
    /** archived=include on the check list, with archived=only (merged with a listing without the parameter) as fallback. */
    public static final Param ARCHIVED_INCLUDE = new Param("archived", "include", List.of("only"));

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{[^}/]+}");
    private static final String PAGE_SIZE = String.valueOf(ClientSettings.DEFAULT_PAGE_SIZE);

    private static List<Param> paged(Param... more) {
        List<Param> all = new java.util.ArrayList<>(List.of(more));
        all.add(Param.of("page", "1"));
        all.add(Param.of("size", PAGE_SIZE));
        return all;
    }

    public static final List<Operation> ALL = List.of(
            new Operation("GET", "/api/status", List.of(), Use.DOCTOR),
            new Operation("GET", "/api/users/me", List.of(), Use.DOCTOR),
            new Operation("GET", "/api/datastores", paged(SORT_BY_CREATED), Use.READ),
            new Operation("GET", "/api/datastores/{datastore_id}", List.of(), Use.READ),
            new Operation("GET", "/api/connections", paged(SORT_BY_ID), Use.READ),
            new Operation("GET", "/api/connections/{connection_id}", List.of(), Use.READ),
            new Operation("GET", "/api/containers", paged(Param.of("datastore", "1"), SORT_BY_CREATED), Use.READ),
            new Operation("GET", "/api/containers/listing", List.of(Param.of("datastore", "1")), Use.READ),
            new Operation("GET", "/api/containers/{container_id}", List.of(), Use.READ),
            new Operation("GET", "/api/quality-checks", paged(Param.of("datastore", "1"), ARCHIVED_INCLUDE, SORT_BY_CREATED), Use.READ),
            new Operation("PUT", "/api/connections/{connection_id}", List.of(), Use.WRITE),
            new Operation("POST", "/api/connections", List.of(), Use.WRITE),
            new Operation("DELETE", "/api/connections/{connection_id}", List.of(), Use.WRITE),
            new Operation("PUT", "/api/datastores/{datastore_id}", List.of(), Use.WRITE),
            new Operation("POST", "/api/datastores", List.of(), Use.WRITE),
            new Operation("DELETE", "/api/datastores/{datastore_id}", List.of(), Use.WRITE),
            new Operation("PATCH", "/api/datastores/{datastore_id}/enrichment/{enrichment_id}", List.of(), Use.WRITE),
            new Operation("DELETE", "/api/datastores/{datastore_id}/enrichment", List.of(), Use.WRITE),
            new Operation("PUT", "/api/containers/{container_id}", List.of(), Use.WRITE),
            new Operation("POST", "/api/containers", List.of(), Use.WRITE),
            new Operation("PATCH", "/api/containers", List.of(), Use.WRITE),
            new Operation("DELETE", "/api/containers/{container_id}", List.of(), Use.WRITE),
            new Operation("PUT", "/api/computed-fields/{field_id}", List.of(), Use.WRITE),
            new Operation("POST", "/api/computed-fields", List.of(), Use.WRITE),
            new Operation("DELETE", "/api/computed-fields/{field_id}", List.of(), Use.WRITE),
            new Operation("PUT", "/api/quality-checks/{check_id}", List.of(), Use.WRITE),
            new Operation("POST", "/api/quality-checks", List.of(), Use.WRITE),
            new Operation("DELETE", "/api/quality-checks/{check_id}",
                    List.of(Param.of("archive", "true"), Param.of("status", "Discarded")), Use.WRITE));

    private ApiOperations() {
    }

    /** "/api/quality-checks/{check_id}" and "/quality-checks/{id}" both become "/quality-checks/{}". */
    public static String shape(String path) {
        String bare = "/" + path.split("\\?", 2)[0].replaceAll("^/+|/+$", "");
        if (bare.startsWith("/api/")) {
            bare = bare.substring(4);
        } else if (bare.equals("/api")) {
            bare = "/";
        }
        return PATH_PARAMETER.matcher(bare).replaceAll("{}");
    }
}
