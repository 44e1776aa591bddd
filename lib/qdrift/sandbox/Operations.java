package qdrift.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * POST /api/operations/run and GET /api/operations/{id}: the sync the official import runs after creating a
 * datastore. Operations finish at once, successfully; they are no configuration. A scan moves the checks' state (see
 * {@link TenantState#scan}); the others change nothing else.
 */
final class Operations {
    private static final Set<String> TYPES = Set.of("sync", "profile", "scan", "materialize", "export");

    private final TenantState state;
    private final Map<Long, ObjectNode> started = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(70_001);
    private final java.util.concurrent.atomic.AtomicInteger scans = new java.util.concurrent.atomic.AtomicInteger();

    Operations(TenantState state) {
        this.state = state;
    }

    /** Starts (and finishes) the operation a {type, datastore_id} body asks for. */
    ApiResponse run(String requestBody) {
        ObjectNode body = SandboxJson.parseObject(requestBody);
        String type = body.path("type").asText("");
        if (!TYPES.contains(type)) {
            throw ApiError.unprocessable("'type' must be one of " + new TreeSet<>(TYPES) + ", not " + body.path("type"));
        }
        if (!body.path("datastore_id").canConvertToLong() || !state.exists(Kind.DATASTORE, body.get("datastore_id").asLong())) {
            throw ApiError.unprocessable("'datastore_id' must be the id of an existing datastore, not " + body.path("datastore_id"));
        }
        if (type.equals("scan")) {
            // a third of the checks change their verdict, as after a scheduled scan nobody edited anything for
            state.scan(body.get("datastore_id").asLong(), 3, scans.getAndIncrement());
        }
        String now = TenantState.timestamp();
        ObjectNode operation = SandboxJson.object().put("id", nextId.getAndIncrement()).put("type", type)
                .put("datastore_id", body.get("datastore_id").asLong()).put("start_time", now).put("end_time", now)
                .put("result", "success").putNull("message");
        started.put(operation.get("id").asLong(), operation);
        return ApiResponse.ok(operation.deepCopy());
    }

    ApiResponse get(long id) {
        ObjectNode operation = started.get(id);
        if (operation == null) {
            throw new ApiError(404, "Operation " + id + " not found");
        }
        return ApiResponse.ok(operation.deepCopy());
    }
}
