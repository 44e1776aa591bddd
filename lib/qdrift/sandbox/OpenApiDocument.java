package qdrift.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * GET /api/openapi.json: the operations and query parameters the sandbox serves, in the shape FastAPI gives the real
 * controlplane's document (paths with named path parameters, optional query parameters as anyOf with null, enums as
 * component schemas, size at most 100). {@link InstanceOptions#missingOperation()} leaves one operation out, as on a
 * server that lacks it. This list is the sandbox's own: it is written from its routes, not from the client's list,
 * so that doctor's check compares two independent things.
 */
final class OpenApiDocument {
    private static final List<String> PAGES = List.of("page", "size", "sort_created", "sort_name", "sort_id");

    /** One operation: "GET /api/quality-checks" and its query parameters as name:type (types below). */
    private record Served(String method, String path, List<String> query) {
    }

    private static final List<Served> SERVED = List.of(
            new Served("GET", "/api/status", List.of()),
            new Served("GET", "/api/users/me", List.of()),
            new Served("GET", "/api/datastores", with(PAGES, "name:string")),
            new Served("GET", "/api/datastores/{datastore_id}", List.of()),
            new Served("PUT", "/api/datastores/{datastore_id}", List.of()),
            new Served("POST", "/api/datastores", List.of()),
            new Served("DELETE", "/api/datastores/{datastore_id}", List.of()),
            new Served("PATCH", "/api/datastores/{datastore_id}/enrichment/{enrichment_id}", List.of()),
            new Served("DELETE", "/api/datastores/{datastore_id}/enrichment", List.of()),
            new Served("GET", "/api/connections", with(PAGES, "name:string")),
            new Served("GET", "/api/connections/{connection_id}", List.of()),
            new Served("PUT", "/api/connections/{connection_id}", List.of()),
            new Served("POST", "/api/connections", List.of()),
            new Served("DELETE", "/api/connections/{connection_id}", List.of()),
            new Served("GET", "/api/containers", with(PAGES, "datastore:integer", "name:string", "container_type:string", "archived:archived")),
            new Served("GET", "/api/containers/listing", List.of("datastore:integer")),
            new Served("GET", "/api/containers/{container_id}", List.of()),
            new Served("PUT", "/api/containers/{container_id}", List.of()),
            new Served("POST", "/api/containers", List.of()),
            new Served("PATCH", "/api/containers", List.of()),
            new Served("DELETE", "/api/containers/{container_id}", List.of()),
            new Served("GET", "/api/computed-fields", with(PAGES, "datastore:integer", "container:integer")),
            new Served("GET", "/api/computed-fields/{field_id}", List.of()),
            new Served("PUT", "/api/computed-fields/{field_id}", List.of()),
            new Served("POST", "/api/computed-fields", List.of()),
            new Served("DELETE", "/api/computed-fields/{field_id}", List.of()),
            new Served("GET", "/api/quality-checks", with(PAGES, "datastore:integer", "container:integer", "archived:archived",
                    "status:string", "tag:string")),
            new Served("GET", "/api/quality-checks/{check_id}", List.of()),
            new Served("PUT", "/api/quality-checks/{check_id}", List.of()),
            new Served("POST", "/api/quality-checks", List.of()),
            new Served("DELETE", "/api/quality-checks/{check_id}", List.of("archive:boolean", "status:archived_status")),
            new Served("DELETE", "/api/quality-checks", List.of()),
            new Served("GET", "/api/global-tags", PAGES),
            new Served("GET", "/api/teams", PAGES),
            new Served("POST", "/api/operations/run", List.of()),
            new Served("GET", "/api/operations/{operation_id}", List.of()));

    private OpenApiDocument() {
    }

    static ObjectNode of(InstanceOptions instance) {
        ObjectNode doc = SandboxJson.object().put("openapi", "3.1.0");
        doc.putObject("info").put("title", "Qualytics API (qualytics-drift sandbox)").put("version", "sandbox");
        ObjectNode paths = doc.putObject("paths");
        for (Served served : SERVED) {
            if ((served.method() + " " + served.path()).equalsIgnoreCase(instance.missingOperation())) {
                continue;
            }
            if (!paths.has(served.path())) {
                paths.putObject(served.path()); // not with(): it reads a leading "/" as a JSON pointer
            }
            ObjectNode operation = ((ObjectNode) paths.get(served.path())).putObject(served.method().toLowerCase(Locale.ROOT));
            operation.put("operationId", served.method().toLowerCase(Locale.ROOT) + served.path().replaceAll("[^a-z]+", "_"));
            ArrayNode parameters = operation.putArray("parameters");
            java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(served.path());
            while (names.find()) {
                parameters.addObject().put("name", names.group(1)).put("in", "path").put("required", true)
                        .putObject("schema").put("type", "integer");
            }
            for (String query : served.query()) {
                String[] parts = query.contains(":") ? query.split(":", 2) : new String[] {query, query};
                parameters.addObject().put("name", parts[0]).put("in", "query").put("required", false)
                        .set("schema", schema(parts[1]));
            }
            if (instance.checksRefuseArchivedInclude() && served.path().equals("/api/quality-checks") && served.method().equals("GET")) {
                parameters.forEach(p -> {
                    if (p.path("name").asText().equals("archived")) {
                        ((ObjectNode) p).set("schema", schema("archived_checks"));
                    }
                });
            }
            operation.putObject("responses").putObject(served.method().equals("DELETE") ? "204" : "200").put("description", "Successful Response");
        }
        ObjectNode schemas = doc.putObject("components").putObject("schemas");
        enumSchema(schemas, "SortDirection", "asc", "desc");
        enumSchema(schemas, "ArchivedFilter", "exclude", "include", "only");
        enumSchema(schemas, "ArchivedCheckFilter", "exclude", "only");
        enumSchema(schemas, "ArchivedCheckStatusType", "Invalid", "Discarded");
        return doc;
    }

    private static ObjectNode schema(String type) {
        ObjectNode schema = SandboxJson.object();
        switch (type) {
            case "page" -> schema.put("type", "integer").put("minimum", 1).put("default", 1);
            case "size" -> schema.put("type", "integer").put("maximum", 100).put("minimum", 1).put("default", 50);
            case "sort_created", "sort_name", "sort_id" -> optional(schema).addObject().put("$ref", "#/components/schemas/SortDirection");
            case "archived" -> optional(schema).addObject().put("$ref", "#/components/schemas/ArchivedFilter");
            case "archived_checks" -> optional(schema).addObject().put("$ref", "#/components/schemas/ArchivedCheckFilter");
            case "archived_status" -> optional(schema).addObject().put("$ref", "#/components/schemas/ArchivedCheckStatusType");
            case "integer", "string", "boolean" -> optional(schema).addObject().put("type", type);
            default -> throw new IllegalStateException("no schema for " + type);
        }
        return schema;
    }

    /** FastAPI's shape of an optional parameter: anyOf [the type, null]; returns the array to add the type to. */
    private static ArrayNode optional(ObjectNode schema) {
        ArrayNode anyOf = schema.putArray("anyOf");
        anyOf.addObject().put("type", "null");
        return anyOf;
    }

    private static void enumSchema(ObjectNode schemas, String name, String... values) {
        ArrayNode list = schemas.putObject(name).put("type", "string").put("title", name).putArray("enum");
        for (String value : values) {
            list.add(value);
        }
    }

    private static List<String> with(List<String> base, String... more) {
        List<String> all = new java.util.ArrayList<>(base);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }
}
