//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import qdrift.cli.ServerConfig;

/**
 * The Qualytics API as the scripts need it: reads, and the few writes a revert sends ({@link #write}). Every method returns the server's JSON untouched
 * (turning it into the canonical model is the model package's job) or throws a Failure with the exit code and
 * a one-line message a user can act on. Lists come back complete (all pages, each item once, in no guaranteed order).
 * Thread-safe; close it to release its threads and HTTP client.
 */
public final class QualyticsClient implements AutoCloseable {
    private static final com.fasterxml.jackson.databind.ObjectMapper WRITER = new com.fasterxml.jackson.databind.ObjectMapper();

    private final String baseUrl;
    private final String host;
    private final ApiTransport transport;
    private final Parallel parallel;
    private final Pager pager;
    private final ApiErrors errors;
    private final qdrift.cli.Log log;
    /** Set once the server refused archived=include on the check list: the rest of the run lists twice and merges. */
    private final java.util.concurrent.atomic.AtomicBoolean archivedIncludeRefused = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Fails fast (exit 4, before any request) when the token holds a character no HTTP header can carry or is a JWT
     * whose exp is past; exit 2 for a junk URL.
     */
    public QualyticsClient(ServerConfig server, ClientSettings settings) {
        this.baseUrl = ApiUrl.normalize(server.url());
        ApiToken.requireHeaderSafe(server.token());
        this.host = ApiUrl.hostOf(baseUrl);
        this.errors = new ApiErrors(host, server.token(), Jwt.expiry(server.token()), server.timeout());
        errors.expiredToken(Instant.now()).ifPresent(expired -> {
            throw expired;
        });
        this.transport = new ApiTransport(baseUrl, server.token(), server.timeout(), settings, errors);
        this.parallel = new Parallel(settings.concurrency());
        this.pager = new Pager(transport, parallel, errors, settings.pageSize(), settings.log());
        this.log = settings.log();
    }

    /**
     * Runs {@code call} on this thread with a rank: the requests it spreads over the client's threads wait behind
     * those of lower ranks (then go in the order asked). See {@link Parallel#ranked}.
     */
    public static <T> T ranked(int rank, java.util.function.Supplier<T> call) {
        return Parallel.ranked(rank, call);
    }

    /**
     * Loads and initialises what parsing the API's answers needs, on the caller's thread and without a client: a run
     * does it in the background while it checks the repository (no request is sent, no connection opened).
     */
    public static void warmUpParsing() {
        ApiTransport.warmUpParsing();
    }

    /**
     * Loads what the first request would otherwise load (the GET path's HTTP classes); sends nothing and connects
     * nowhere. Call it before the first request (a background thread the caller joins
     * before reading), never while requests are in flight.
     */
    public void warmUp() {
        transport.warmUp();
    }

    /** host[:port] of the instance, as messages name it. */
    public String host() {
        return host;
    }

    /** The normalized instance URL (https://acme.qualytics.io), without /api. */
    public String baseUrl() {
        return baseUrl;
    }

    /** GET /api/status: public on a real server (database_connection, rabbitmq_connection), so it proves the URL, not the token. */
    public JsonNode status() {
        return transport.get(ApiRequest.of("/status", "no /api/status at " + host + ": is the URL that of a Qualytics instance?"));
    }

    /** GET /api/users/me: the token's user (name, email, role, teams): the cheapest call that proves the token. */
    public ObjectNode currentUser() {
        return object(ApiRequest.of("/users/me", "no /api/users/me at " + host + ": is the URL that of a Qualytics instance?"));
    }

    /** GET /api/openapi.json: the server's own list of operations and parameters. */
    public ObjectNode openApi() {
        return object(ApiRequest.of("/openapi.json", "no /api/openapi.json at " + host + ": the server does not publish its API schema"));
    }

    /** One datastore; an unknown id fails naming the first ids the token can read, so the fix is in the message. */
    public ObjectNode datastore(long id) {
        try {
            return object(ApiRequest.of("/datastores/" + id, noDatastore(id)));
        } catch (NotFound notFound) {
            throw new NotFound(notFound.getMessage() + knownDatastores());
        }
    }

    private String knownDatastores() {
        try {
            List<Long> ids = datastores().stream().map(d -> d.path("id").asLong()).sorted().toList();
            if (ids.isEmpty()) {
                return "; the token reads no datastore here";
            }
            String first = String.join(", ", ids.stream().limit(10).map(String::valueOf).toList());
            return "; datastores here: " + first + (ids.size() > 10 ? " and " + (ids.size() - 10) + " more" : "")
                    + " (export.java --list-datastores names them)";
        } catch (RuntimeException e) {
            return ""; // the list fails too: the first message says enough
        }
    }

    public List<ObjectNode> datastores() {
        return pager.all("datastores", sorted(ApiRequest.of("/datastores", notFound("/api/datastores")), ApiOperations.SORT_BY_CREATED));
    }

    public ObjectNode connection(long id) {
        return object(ApiRequest.of("/connections/" + id, "no connection " + id + " at " + host + ": check the connection id"));
    }

    public List<ObjectNode> connections() {
        return pager.all("connections", sorted(ApiRequest.of("/connections", notFound("/api/connections")), ApiOperations.SORT_BY_ID));
    }

    /** The containers of a datastore from the list endpoint (computed fields may be missing there: see containerDetails). */
    public List<ObjectNode> containers(long datastoreId) {
        return pager.all("containers", sorted(ApiRequest.of("/containers", noDatastore(datastoreId)).with("datastore", datastoreId),
                ApiOperations.SORT_BY_CREATED));
    }

    /** GET /api/containers/{id} for each id, concurrently; results in the order of ids. */
    public List<ObjectNode> containerDetails(Collection<Long> ids) {
        return parallel.map(List.copyOf(ids), id -> object(ApiRequest.of("/containers/" + id,
                "no container " + id + " at " + host + " (deleted while reading?): retry")));
    }

    /** GET /api/containers/listing: the {id, name, container_type} stubs of every container of a datastore. */
    public ArrayNode containerListing(long datastoreId) {
        ApiRequest request = ApiRequest.of("/containers/listing", noDatastore(datastoreId)).with("datastore", datastoreId);
        JsonNode json = transport.get(request);
        if (json instanceof ArrayNode array) {
            return array;
        }
        throw errors.unexpectedShape(request, "a JSON array");
    }

    /**
     * Every check of a datastore, archived ones included: archiving a check weakens a gate, so an export must show it
     * as a status change rather than as the check's file disappearing. Asked with archived=include; a server that
     * answers 422 naming {@code archived} (no public evidence shows checks accepting include) is asked twice instead,
     * without the parameter (the active checks) and with archived=only, the two merged by id; the client remembers
     * the refusal and asks twice for the rest of the run.
     */
    public List<ObjectNode> qualityChecks(long datastoreId) {
        ApiRequest checks = sorted(ApiRequest.of("/quality-checks", noDatastore(datastoreId)).with("datastore", datastoreId),
                ApiOperations.SORT_BY_CREATED);
        ApiOperations.Param include = ApiOperations.ARCHIVED_INCLUDE;
        if (!archivedIncludeRefused.get()) {
            try {
                return pager.all("quality checks", checks.with(include.name(), include.sample()));
            } catch (RefusedParameter refused) {
                if (!refused.names(include.name())) {
                    throw refused;
                }
                if (archivedIncludeRefused.compareAndSet(false, true)) {
                    log.info(host + " refuses " + include.name() + "=" + include.sample() + " on /api/quality-checks: listing active and "
                            + include.name() + "=" + include.fallbacks().get(0) + " checks apart and merging them, for the rest of this run");
                }
            }
        }
        java.util.Map<Object, ObjectNode> byId = new java.util.LinkedHashMap<>();
        for (ObjectNode check : pager.all("quality checks", checks)) {
            byId.put(idOf(check), check);
        }
        for (ObjectNode check : pager.all("archived quality checks", checks.with(include.name(), include.fallbacks().get(0)))) {
            byId.put(idOf(check), check); // archived between the two listings: the later answer wins
        }
        return List.copyOf(byId.values());
    }

    /** True once this client fell back from archived=include to two listings (doctor and tests say so). */
    public boolean archivedFallbackInUse() {
        return archivedIncludeRefused.get();
    }

    /**
     * Sends one write: {@code method} POST, PUT, PATCH or DELETE, {@code path} below /api ("/quality-checks/7"),
     * {@code query} parameters (DELETE's archive=true), {@code body} or null. Returns the answer (null when empty).
     * Throws a Failure when refused (403: the token lacks the Editor role, exit 4) and {@link WriteUncertain} when the
     * outcome is unknown: only PUT and DELETE are ever sent twice, never a POST (see ApiTransport).
     */
    public JsonNode write(String method, String path, java.util.Map<String, Object> query, JsonNode body) {
        ApiRequest request = new ApiRequest(path, query == null ? java.util.Map.of() : query,
                "no " + path + " at " + host + " (deleted meanwhile?): plan again");
        try {
            return transport.write(method, request, body == null ? null : WRITER.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new qdrift.cli.Failure(qdrift.cli.ExitCode.INTERNAL, "cannot write a request body: " + e.getOriginalMessage(), e);
        }
    }

    /** Requests sent so far, retries among them, and answers by status. */
    public RequestStats stats() {
        return transport.stats();
    }

    @Override
    public void close() {
        parallel.close();
        transport.close();
    }

    @Override
    public String toString() {
        return "QualyticsClient[" + baseUrl + "]";
    }

    private static Object idOf(ObjectNode item) {
        return item.hasNonNull("id") ? item.get("id").asText() : new Object();
    }

    private static ApiRequest sorted(ApiRequest request, ApiOperations.Param sort) {
        return request.with(sort.name(), sort.sample());
    }

    private ObjectNode object(ApiRequest request) {
        JsonNode json = transport.get(request);
        if (json instanceof ObjectNode object) {
            return object;
        }
        throw errors.unexpectedShape(request, "a JSON object");
    }

    private String noDatastore(long id) {
        return "no datastore " + id + " at " + host + ": check --datastore-id";
    }

    private String notFound(String endpoint) {
        return "no " + endpoint + " at " + host + ": is the URL that of a Qualytics instance?";
    }
}
