package qdrift.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The write calls of the contract (the official CLI's bodies): POST creates with a new id, PUT is a full update of the
 * configuration, PATCH a partial one, DELETE of a check archives (archive=true) or removes it. Every body is validated
 * before anything is applied (422 with a detail); a request changes the tenant completely or not at all.
 */
final class WriteRoutes {
    private static final Set<String> READ_ONLY_RESOURCES = Set.of("status", "global-tags", "teams");

    private final TenantState state;
    private final Views views;
    private final WriteGuards guards;
    private final Operations operations;

    WriteRoutes(TenantState state, Views views) {
        this.state = state;
        this.views = views;
        this.guards = new WriteGuards(state);
        this.operations = new Operations(state);
    }

    /**
     * Answers a write request; segments are the path's: "", "api", resource, [id], [sub, [id]]. {@code strict} validates
     * POST and PUT bodies against the real write models ({@link WriteModels}); lenient keeps the older, forgiving shapes.
     */
    ApiResponse handle(ApiRequest request, String[] segments, boolean strict) {
        String resource = segments[2];
        String method = request.method();
        if (resource.equals("operations")) {
            boolean run = segments.length == 4 && segments[3].equals("run");
            return run && method.equals("POST") ? operations.run(request.body()) : method.equals("POST") ? notFound() : notAllowed();
        }
        Kind kind = Kind.fromPath(resource);
        if (kind == null) {
            return READ_ONLY_RESOURCES.contains(resource) ? notAllowed() : notFound();
        }
        synchronized (state) {
            state.writeTap().arrived(request.body());
            if (segments.length == 3) {
                return switch (method) {
                    case "POST" -> ApiResponse.ok(views.render(kind, state.row(kind, state.writeTap().created(state, kind,
                            tapped(kind, post(kind, parsed(request), strict), request, null)))));
                    case "DELETE" -> kind == Kind.CHECK ? bulkDelete(request.body()) : notAllowed();
                    case "PATCH" -> kind == Kind.CONTAINER ? bulkPatch(request.body()) : notAllowed();
                    default -> notAllowed();
                };
            }
            if (segments[3].equals("listing")) {
                return notAllowed();
            }
            long id = ApiRoutes.parseId(segments[3]);
            if (segments.length > 4) {
                return kind == Kind.DATASTORE && segments[4].equals("enrichment") ? enrichment(request, id, segments) : notFound();
            }
            return switch (method) {
                case "PUT", "PATCH" -> {
                    ObjectNode previous = previous(kind, id);
                    long saved = method.equals("PUT") ? put(kind, id, parsed(request), strict) : patch(kind, id, parsed(request));
                    yield ApiResponse.ok(views.render(kind, state.row(kind, tapped(kind, saved, request, previous))));
                }
                case "DELETE" -> {
                    delete(kind, id, request.param("archive"), request.param("status"), strict);
                    yield ApiResponse.noContent();
                }
                default -> notAllowed();
            };
        }
    }

    // ---- the write tap (what tests hold revert to: see WriteTap) ----

    private static ObjectNode parsed(ApiRequest request) {
        return SandboxJson.parseObject(request.body());
    }

    private ObjectNode previous(Kind kind, long id) {
        return state.exists(kind, id) ? state.get(kind, id) : null;
    }

    private long tapped(Kind kind, long id, ApiRequest request, ObjectNode previous) {
        state.writeTap().stored(kind, id, parsed(request));
        state.writeTap().updated(state, kind, id, previous);
        return id;
    }

    /** GET /api/operations/{id}. */
    ApiResponse operation(long id) {
        return operations.get(id);
    }

    // ---- the calls ----

    private long post(Kind kind, ObjectNode body, boolean strict) {
        if (strict) {
            WriteModels.validate(kind, body, null, true);
            body = WriteModels.withinModel(kind, body, null);
        }
        if (kind == Kind.DATASTORE) {
            // a request, not configuration: the server starts the new datastore's catalog (here: nothing to find)
            body.remove("trigger_sync");
        }
        if (kind == Kind.CONNECTION && !body.has("connection_type")) {
            // the server files a connection under the kind its type belongs to
            String connectionKind = WriteModels.connectionKind(body.path("type").asText(""));
            if (connectionKind != null) {
                body.put("connection_type", connectionKind);
            }
        }
        BodyRules.validate(body);
        WriteShape shape = WriteShape.of(kind);
        ObjectNode node = state.normalized(kind, withoutServerState(shape, body), 0);
        enrichmentAlias(body, node);
        requireKeys(shape.requiredOnPost(), node, "POST");
        if (kind == Kind.CONTAINER) {
            WriteGuards.computedDefinition(node);
        }
        ObjectNode stored = SandboxJson.object();
        stored.put("id", state.nextId(kind));
        stored.setAll(node);
        Blanks.fill(kind, stored, TenantState.timestamp());
        guards.check(kind, stored, null, false);
        return state.save(kind, stored).get("id").asLong();
    }

    /** PUT: the configuration becomes the body's; keys it does not name are reset, but server state and fixed keys stay. */
    private long put(Kind kind, long id, ObjectNode body, boolean strict) {
        if (strict) {
            WriteModels.validate(kind, body, state.get(kind, id), false);
            body = WriteModels.withinModel(kind, body, state.get(kind, id));
        }
        Update update = update(kind, id, body);
        requireKeys(update.shape().requiredOnPut(), update.node(), "PUT");
        ObjectNode replaced = SandboxJson.object();
        replaced.put("id", id);
        // a strict server's PUT cannot touch what its model has no key for: those stay as they are
        Set<String> modelKeys = strict ? WriteModels.updateKeys(kind, update.live()) : null;
        update.live().properties().forEach(member -> {
            String key = member.getKey();
            WriteShape shape = update.shape();
            boolean outsideModel = modelKeys != null && !modelKeys.contains(WriteShape.apiName(key));
            if (outsideModel || shape.isServer(key) || shape.fixed().contains(key) || shape.keptWhenAbsent().contains(key) && !update.node().has(key)) {
                replaced.set(key, member.getValue());
            }
        });
        return update.apply(replaced, true);
    }

    /** PATCH: only the keys the body names change. */
    private long patch(Kind kind, long id, ObjectNode body) {
        Update update = update(kind, id, body);
        return update.apply(update.live().deepCopy(), false);
    }

    /** A PUT or PATCH body, validated and in the stored form, beside the live resource it changes. */
    private record Update(Kind kind, WriteShape shape, ObjectNode live, ObjectNode node, boolean forceDropFields, WriteRoutes routes) {
        long apply(ObjectNode base, boolean fillBlanks) {
            shape.fixed().forEach(node::remove);
            base.setAll(node);
            if (fillBlanks) {
                Blanks.fill(kind, base, TenantState.timestamp());
            }
            routes.guards.check(kind, base, live, forceDropFields);
            return routes.state.save(kind, base).get("id").asLong();
        }
    }

    private Update update(Kind kind, long id, ObjectNode body) {
        BodyRules.validate(body);
        WriteShape shape = WriteShape.of(kind);
        ObjectNode live = state.get(kind, id);
        ObjectNode node = state.normalized(kind, withoutServerState(shape, body), owningContainer(kind, live));
        enrichmentAlias(body, node);
        unchangedFixedKeys(kind, shape, live, node);
        return new Update(kind, shape, live, node, body.path("force_drop_fields").asBoolean(false), this);
    }

    private void delete(Kind kind, long id, String archive, String status, boolean strict) {
        state.row(kind, id);
        boolean archived = kind == Kind.CHECK && Row.ARCHIVED_STATUSES.contains(state.get(kind, id).path("status").asText());
        if (strict && kind == Kind.CHECK && "false".equalsIgnoreCase(archive) && !archived) {
            throw ApiError.unprocessable("only an archived quality check can be deleted: archive it first (archive=true)");
        }
        if (kind != Kind.CHECK || archive == null || archive.equalsIgnoreCase("false")) {
            if (archive != null && !archive.equalsIgnoreCase("false") && kind != Kind.CHECK) {
                throw ApiError.unprocessable("archive applies to quality checks only");
            }
            state.delete(kind, id);
            return;
        }
        if (!archive.equalsIgnoreCase("true")) {
            throw ApiError.unprocessable("archive must be true or false, not '" + archive + "'");
        }
        archive(id, status);
    }

    /** A soft delete: the check stays, with an archived status (Discarded unless told), listed with archived=include. */
    private void archive(long id, String status) {
        String reason = status == null || status.isBlank() ? "Discarded" : status;
        if (!Row.ARCHIVED_STATUSES.contains(reason)) {
            throw ApiError.unprocessable("status of an archived check must be one of " + new TreeSet<>(Row.ARCHIVED_STATUSES) + ", not '" + reason + "'");
        }
        ObjectNode check = state.get(Kind.CHECK, id);
        check.put("status", reason);
        state.save(Kind.CHECK, check);
    }

    /** DELETE /api/quality-checks with [{id, archive, status, delete_anomalies}]: all or nothing. */
    private ApiResponse bulkDelete(String body) {
        List<ObjectNode> items = objectList(body);
        for (ObjectNode item : items) {
            state.row(Kind.CHECK, idOf(item));
            String status = item.path("status").asText(null);
            if (item.path("archive").asBoolean(true) && status != null && !Row.ARCHIVED_STATUSES.contains(status)) {
                throw ApiError.unprocessable("status of an archived check must be one of " + new TreeSet<>(Row.ARCHIVED_STATUSES) + ", not '" + status + "'");
            }
        }
        for (ObjectNode item : items) {
            if (item.path("archive").asBoolean(true)) {
                archive(idOf(item), item.path("status").asText(null));
            } else {
                state.delete(Kind.CHECK, idOf(item));
            }
        }
        return ApiResponse.noContent();
    }

    /** PATCH /api/containers with [{id, tags, ...}]: how the official import sets a new container's tags. */
    private ApiResponse bulkPatch(String body) {
        List<ObjectNode> items = objectList(body);
        items.forEach(item -> state.row(Kind.CONTAINER, idOf(item)));
        ArrayNode answer = SandboxJson.array();
        for (ObjectNode item : items) {
            long id = idOf(item);
            ObjectNode partial = item.deepCopy();
            partial.remove("id");
            answer.add(views.render(Kind.CONTAINER, state.row(Kind.CONTAINER, patch(Kind.CONTAINER, id, partial))));
        }
        return ApiResponse.ok(answer);
    }

    /** PATCH /api/datastores/{id}/enrichment/{enrichmentId} links an enrichment datastore, DELETE .../enrichment unlinks. */
    private ApiResponse enrichment(ApiRequest request, long id, String[] segments) {
        ObjectNode datastore = state.get(Kind.DATASTORE, id);
        if (request.method().equals("PATCH") && segments.length == 6) {
            long enrichment = ApiRoutes.parseId(segments[5]);
            if (!state.exists(Kind.DATASTORE, enrichment) || enrichment == id) {
                throw ApiError.unprocessable("enrichment datastore " + enrichment + " must be another existing datastore");
            }
            datastore.put("enrich_datastore_id", enrichment);
        } else if (request.method().equals("DELETE") && segments.length == 5) {
            datastore.putNull("enrich_datastore_id");
        } else {
            return notAllowed();
        }
        return ApiResponse.ok(views.render(Kind.DATASTORE, state.row(Kind.DATASTORE, state.save(Kind.DATASTORE, datastore).get("id").asLong())));
    }

    // ---- checks every write passes ----

    private static ObjectNode withoutServerState(WriteShape shape, ObjectNode body) {
        ObjectNode copy = body.deepCopy();
        List<String> server = new ArrayList<>();
        copy.fieldNames().forEachRemaining(key -> {
            if (shape.isServer(key)) {
                server.add(key);
            }
        });
        copy.remove(server);
        return copy;
    }

    /** A datastore read back has "enrich_datastore": null where it has none; a body may send that too. */
    private static void enrichmentAlias(ObjectNode body, ObjectNode node) {
        if (body.has("enrich_datastore") && body.get("enrich_datastore").isNull()) {
            node.remove("enrich_datastore");
            node.putNull("enrich_datastore_id");
        }
    }

    private static long owningContainer(Kind kind, ObjectNode live) {
        return kind == Kind.CHECK || kind == Kind.COMPUTED_FIELD ? live.path("container_id").asLong() : 0;
    }

    private static void requireKeys(Set<String> required, ObjectNode node, String method) {
        List<String> missing = required.stream().filter(key -> !node.has(key)).map(WriteShape::apiName).sorted().toList();
        if (!missing.isEmpty()) {
            throw ApiError.unprocessable(method + " body misses " + String.join(", ", missing)
                    + (method.equals("PUT") ? " (a PUT is a full update: send every key, null or [] where there is nothing)" : ""));
        }
    }

    private static void unchangedFixedKeys(Kind kind, WriteShape shape, ObjectNode live, ObjectNode node) {
        for (String key : shape.fixed()) {
            if (node.has(key) && !node.get(key).equals(live.get(key))) {
                throw ApiError.unprocessable("'" + WriteShape.apiName(key) + "' of a " + kind.label() + " cannot change (is "
                        + live.get(key) + ", the body says " + node.get(key) + "): create a new one instead");
            }
        }
    }

    // ---- small helpers ----

    private static List<ObjectNode> objectList(String body) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : SandboxJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.unprocessable("request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw ApiError.unprocessable("request body must be a non-empty JSON list of objects with an id");
        }
        List<ObjectNode> items = new ArrayList<>();
        for (JsonNode item : node) {
            if (!(item instanceof ObjectNode object) || !object.path("id").canConvertToLong()) {
                throw ApiError.unprocessable("each item must be an object with an integer id, not " + item);
            }
            items.add(object);
        }
        return items;
    }

    private static long idOf(ObjectNode item) {
        return item.get("id").asLong();
    }

    private static ApiResponse notAllowed() {
        return ApiResponse.error(405, "Method Not Allowed");
    }

    private static ApiResponse notFound() {
        return ApiResponse.error(404, "Not Found");
    }
}
