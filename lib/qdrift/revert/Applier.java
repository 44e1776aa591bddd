package qdrift.revert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.HashSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import qdrift.api.QualyticsClient;
import qdrift.api.WriteUncertain;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.model.Canonicalizer;
import qdrift.model.ResourceType;
import qdrift.report.FieldDiff;

/**
 * Applies a plan exactly: refuses it when any targeted resource changed live since it was made (nothing is written
 * then), sends the calls level by level in the plan's order (independent calls of a level at once), starts no call
 * after the first failure and records what was applied and what was not. Before a POST the resource is looked up by
 * its identity, so a create never doubles; a POST whose answer is lost is never sent again blindly either.
 */
final class Applier {
    /** The outcome and the exit code it deserves (0 applied; 3+ the failure's code). */
    record Result(RevertPlan.Applied applied, ExitCode exit, Map<String, Long> created) {
    }

    private final QualyticsClient client;
    private final Log log;
    private final SecretPolicy secrets;

    Applier(QualyticsClient client, Log log, SecretPolicy secrets) {
        this.client = client;
        this.log = log;
        this.secrets = secrets;
    }

    /** The files whose live state is no longer what the plan saw (body or id). */
    static List<String> stale(RevertPlan plan, LiveState now) {
        List<String> stale = new ArrayList<>();
        for (PlannedResource resource : plan.resources()) {
            if (resource.action() == Action.SKIP) {
                continue;
            }
            ObjectNode held = now.body(resource.file());
            JsonNode live = held == null ? null : qdrift.model.CanonicalValues.normalizeObject(held);
            boolean moved = (live == null) != (resource.before() == null)
                    || (live != null && !FieldDiff.same(resource.before(), live))
                    || (live != null && !java.util.Objects.equals(now.id(resource.file()), resource.id()));
            if (moved) {
                stale.add(resource.file());
            }
        }
        return stale;
    }

    /** Every secret variable the calls need must be set before the first write: a half-applied revert for lack of one is avoidable. */
    void requireSecrets(RevertPlan plan) {
        Set<String> missing = new TreeSet<>();
        plan.resources().forEach(r -> r.calls().forEach(c -> WriteBodies.variables(c.body()).stream()
                .filter(v -> secrets.value(v) == null).forEach(missing::add)));
        if (!missing.isEmpty()) {
            throw Failure.usage("the plan sends secrets from " + String.join(", ", missing)
                    + ", which are not set: set them, or plan again without them (the secret is then left as it is live)");
        }
    }

    Result apply(RevertPlan plan, LiveState now) {
        return apply(plan, now, 1);
    }

    /**
     * Sends the calls level by level (see {@link #waves}): the resources of one wave at once, at most
     * {@code concurrency} at a time, each resource's own calls in order. After a failure no call is started any more
     * (calls already in flight finish and are recorded as they ended), so every call is exactly one of applied,
     * present, failed or not_sent.
     */
    Result apply(RevertPlan plan, LiveState now, int concurrency) {
        List<PlannedResource> resources = plan.resources();
        Map<String, Long> created = new ConcurrentHashMap<>();
        List<List<CallResult>> results = new ArrayList<>();
        resources.forEach(r -> results.add(new ArrayList<>()));
        AtomicReference<Failure> failure = new AtomicReference<>();
        Lookups lookups = new Lookups(now);
        for (List<Integer> wave : waves(resources)) {
            if (failure.get() != null) {
                wave.forEach(i -> notSent(resources.get(i), 0, results.get(i)));
                continue;
            }
            lookups.clear(); // a wave looks live up afresh before its first create
            runWave(wave, i -> sendAll(resources.get(i), results.get(i), created, now, lookups, failure), concurrency);
        }
        List<CallResult> flat = new ArrayList<>();
        results.forEach(flat::addAll);
        Failure failed = failure.get();
        if (failed != null) {
            return new Result(new RevertPlan.Applied("failed", flat, List.of(), List.of(), failed.getMessage()), failed.exitCode(), created);
        }
        return new Result(new RevertPlan.Applied("applied", flat, List.of(), List.of(), null), ExitCode.OK, created);
    }

    private void sendAll(PlannedResource resource, List<CallResult> out, Map<String, Long> created, LiveState now,
                         Lookups lookups, AtomicReference<Failure> failure) {
        List<PlannedCall> calls = resource.calls();
        for (int c = 0; c < calls.size(); c++) {
            PlannedCall call = calls.get(c);
            if (failure.get() != null) {
                notSent(resource, c, out);
                return;
            }
            try {
                out.add(send(resource, call, created, now, lookups));
            } catch (RuntimeException e) {
                Failure f = e instanceof Failure known ? known : new Failure(ExitCode.INTERNAL, e.toString(), e);
                failure.compareAndSet(null, f);
                out.add(new CallResult(resource.file(), call.method(), call.path(), CallResult.FAILED, null, null, f.getMessage()));
                log.info("Stopped at " + call.describe() + " (" + resource.file() + "): " + f.getMessage());
                notSent(resource, c + 1, out);
                return;
            }
        }
    }

    private static void notSent(PlannedResource resource, int from, List<CallResult> out) {
        for (PlannedCall call : resource.calls().subList(from, resource.calls().size())) {
            out.add(new CallResult(resource.file(), call.method(), call.path(), CallResult.NOT_SENT, null, null, null));
        }
    }

    private static void runWave(List<Integer> wave, java.util.function.IntConsumer task, int concurrency) {
        int threads = Math.max(1, Math.min(concurrency, wave.size()));
        if (threads == 1) {
            wave.forEach(task::accept);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "revert-write");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            wave.forEach(i -> futures.add(pool.submit(() -> task.accept(i))));
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    throw new Failure(ExitCode.INTERNAL, "a write task failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Failure(ExitCode.INTERNAL, "interrupted while writing", e);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    /**
     * The plan's resources (indexes) in waves that may run at once: one level is one action kind (writes, then
     * archives and deletions) and resource type, in the plan's order (parents first, children before parents when
     * removing); a resource whose body refers to one the same level creates waits for a later wave.
     */
    static List<List<Integer>> waves(List<PlannedResource> resources) {
        List<List<Integer>> waves = new ArrayList<>();
        int i = 0;
        while (i < resources.size()) {
            int j = i;
            String level = level(resources.get(i));
            while (j < resources.size() && level(resources.get(j)).equals(level)) {
                j++;
            }
            List<Integer> left = new ArrayList<>();
            for (int k = i; k < j; k++) {
                left.add(k);
            }
            while (!left.isEmpty()) {
                Set<String> pending = new HashSet<>();
                left.forEach(k -> pending.add(resources.get(k).file()));
                List<Integer> ready = new ArrayList<>();
                for (int k : left) {
                    Set<String> refs = refs(resources.get(k));
                    refs.retainAll(pending);
                    if (refs.isEmpty()) {
                        ready.add(k);
                    }
                }
                if (ready.isEmpty()) { // refers in a circle: one at a time, in the plan's order
                    ready.add(left.get(0));
                }
                waves.add(ready);
                left.removeAll(ready);
            }
            i = j;
        }
        return waves;
    }

    private static String level(PlannedResource resource) {
        return resource.action().removes() + "/" + resource.type();
    }

    /** The files whose created id the resource's calls use ({"$ref": file}), its own aside. */
    private static Set<String> refs(PlannedResource resource) {
        Set<String> refs = new HashSet<>();
        resource.calls().forEach(c -> collectRefs(c.body(), refs));
        refs.remove(resource.file());
        return refs;
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node == null) {
            return;
        }
        if (node.isObject() && node.size() == 1 && node.has("$ref")) {
            refs.add(node.get("$ref").asText());
            return;
        }
        node.elements().forEachRemaining(child -> collectRefs(child, refs));
    }

    private CallResult send(PlannedResource resource, PlannedCall call, Map<String, Long> created, LiveState now, Lookups lookups) {
        JsonNode body = call.body() == null ? null : fill(call.body().deepCopy(), created, null);
        if (call.method().equals("POST") && body != null) {
            CallResult present = alreadyPresent(resource, call, body, created, lookups);
            if (present != null) {
                return present;
            }
        }
        try {
            // plans name the path as the server sees it (/api/...); the client adds /api itself
            JsonNode answer = client.write(call.method(), path(resource, call, created).replaceFirst("^/api(?=/)", ""), new java.util.TreeMap<>(call.query()), body);
            log.info("Applied " + call.describe() + " (" + resource.file() + ")");
            return recordCreated(resource, call, answer == null ? null : answer.path("id"), created, null);
        } catch (WriteUncertain lost) {
            if (!call.method().equals("POST")) {
                throw lost;
            }
            Long landed = findCreated(resource, body, now);
            if (landed != null) {
                log.info("The answer to " + call.describe() + " was lost, but it landed: " + resource.file() + " is id " + landed);
                return recordCreated(resource, call, LongNode.valueOf(landed), created, "the answer was lost; found it created as " + landed);
            }
            throw new Failure(lost.exitCode(), lost.getMessage() + "; it did not land (nothing was created): run revert again", lost);
        }
    }

    /** The call's path, with {created} (a recreated datastore's link call) filled in with the id its own POST returned. */
    private static String path(PlannedResource resource, PlannedCall call, Map<String, Long> created) {
        if (!call.path().contains(Planner.CREATED)) {
            return call.path();
        }
        Long id = created.get(resource.file());
        if (id == null) {
            throw new Failure(ExitCode.API, "no id was created for " + resource.file() + ", which " + call.describe() + " needs");
        }
        return call.path().replace(Planner.CREATED, String.valueOf(id));
    }

    /**
     * Before a POST: the resource looked up live by its identity (a check by its uid and rule, a container or
     * computed field by its name). Present and alike: not created again ("present", its id used for later calls).
     * Present but different: refused (exit 10), since another writer made it since the plan.
     */
    private CallResult alreadyPresent(PlannedResource resource, PlannedCall call, JsonNode body, Map<String, Long> created, Lookups lookups) {
        ResourceType type = ResourceType.fromId(resource.type());
        List<ObjectNode> candidates = lookups.candidates(type, resource.datastore(), body);
        for (ObjectNode candidate : candidates) {
            if (!sameIdentity(type, candidate, body)) {
                continue;
            }
            long id = candidate.path("id").asLong();
            List<String> differ = differingKeys(candidate, body);
            if (!differ.isEmpty()) {
                throw new Failure(ExitCode.STALE_PLAN, resource.file() + " was created live by another writer since the plan (id " + id
                        + "), and it differs at " + String.join(", ", differ) + ": not created again; plan again");
            }
            created.put(resource.file(), id);
            log.info("Already present: " + resource.file() + " is id " + id + " (created by another writer): " + call.describe() + " not sent");
            return new CallResult(resource.file(), call.method(), call.path(), CallResult.PRESENT, id,
                    "already present as id " + id + " (created by another writer): not created again", null);
        }
        return null;
    }

    /** The keys of a POST body whose value the live resource holds otherwise (keys it does not show are not compared). */
    static List<String> differingKeys(JsonNode candidate, JsonNode body) {
        List<String> differ = new ArrayList<>();
        body.fields().forEachRemaining(field -> {
            String key = field.getKey();
            JsonNode theirs = switch (key) {
                case "rule" -> candidate.has("rule") ? candidate.get("rule") : candidate.get("rule_type");
                case "container_id" -> candidate.has("container_id") ? candidate.get("container_id") : candidate.path("container").get("id");
                default -> candidate.get(key);
            };
            if (theirs == null || theirs.isMissingNode() || qdrift.model.Secrets.isSecretKey(key)) {
                return;
            }
            boolean same = key.equals("fields") ? Canonicalizer.names(field.getValue()).equals(Canonicalizer.names(theirs))
                    : FieldDiff.same(wrap(field.getValue()), wrap(theirs));
            if (!same) {
                differ.add(key);
            }
        });
        return differ;
    }

    private static JsonNode wrap(JsonNode value) {
        ObjectNode holder = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        holder.set("v", value);
        return qdrift.model.CanonicalValues.normalizeObject(holder);
    }

    private static boolean sameIdentity(ResourceType type, JsonNode candidate, JsonNode body) {
        if (type == ResourceType.CHECKS) {
            return !uid(body).isEmpty() && uid(candidate).equals(uid(body))
                    && candidate.path("rule_type").asText(candidate.path("rule").asText()).equals(body.path("rule").asText());
        }
        String name = body.path("name").asText(null);
        return name != null && name.equals(candidate.path("name").asText());
    }

    /** Live listings for the identity lookups, read once per wave and type (and datastore or container). */
    private final class Lookups {
        private final LiveState now;
        private final Map<String, List<ObjectNode>> listed = new ConcurrentHashMap<>();

        Lookups(LiveState now) {
            this.now = now;
        }

        void clear() {
            listed.clear();
        }

        List<ObjectNode> candidates(ResourceType type, String datastore, JsonNode body) {
            if (type == ResourceType.CONNECTIONS || type == ResourceType.DATASTORES) {
                return listed.computeIfAbsent(type.id(), k -> type == ResourceType.CONNECTIONS ? client.connections() : client.datastores());
            }
            Long datastoreId = now.datastoreId(datastore);
            if (datastoreId == null) { // a datastore this apply recreates: nothing of it was live when the wave began
                return List.of();
            }
            return switch (type) {
                case CHECKS -> listed.computeIfAbsent("checks/" + datastoreId, k -> client.qualityChecks(datastoreId));
                case CONTAINERS -> listed.computeIfAbsent("containers/" + datastoreId, k -> client.containers(datastoreId));
                case COMPUTED_FIELDS -> listed.computeIfAbsent("fields/" + body.path("container_id").asLong(), k -> {
                    List<ObjectNode> fields = new ArrayList<>();
                    client.containerDetails(List.of(body.path("container_id").asLong())).forEach(c -> c.path("computed_fields")
                            .forEach(f -> fields.add((ObjectNode) f)));
                    return fields;
                });
                default -> List.of();
            };
        }
    }

    private static CallResult recordCreated(PlannedResource resource, PlannedCall call, JsonNode id, Map<String, Long> created, String note) {
        Long createdId = null;
        if (call.method().equals("POST") && id != null && id.canConvertToLong()) {
            createdId = id.asLong();
            created.put(resource.file(), createdId);
        }
        return new CallResult(resource.file(), call.method(), call.path(), CallResult.APPLIED, createdId, note, null);
    }

    /** Fills in {"$ref": file} with the id created for that file, and secret placeholders from the environment. */
    private JsonNode fill(JsonNode node, Map<String, Long> created, String key) {
        if (node instanceof ObjectNode object) {
            if (object.size() == 1 && object.has("$ref")) {
                Long id = created.get(object.get("$ref").asText());
                if (id == null) {
                    throw new Failure(ExitCode.API, "no id was created for " + object.get("$ref").asText() + ", which this call refers to");
                }
                return LongNode.valueOf(id);
            }
            object.fields().forEachRemaining(f -> f.setValue(fill(f.getValue(), created, f.getKey())));
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, fill(array.get(i), created, null));
            }
            return array;
        }
        if (node.isTextual() && key != null && qdrift.model.Secrets.isSecretKey(key)) {
            Matcher m = WriteBodies.PLACEHOLDER.matcher(node.asText());
            String value = m.matches() ? secrets.value(m.group(1)) : null;
            if (value != null) {
                return TextNode.valueOf(value);
            }
        }
        return node;
    }

    /** After a lost answer to a POST: the id of a resource matching the body that was not there before, or null. */
    private Long findCreated(PlannedResource resource, JsonNode body, LiveState before) {
        ResourceType type = ResourceType.fromId(resource.type());
        Long datastoreId = type == ResourceType.CONNECTIONS || type == ResourceType.DATASTORES ? null : before.datastoreId(resource.datastore());
        String name = body.path("name").asText(null);
        List<ObjectNode> candidates = type == ResourceType.CONNECTIONS ? client.connections()
                : type == ResourceType.DATASTORES ? client.datastores() : datastoreId == null ? List.of() : switch (type) {
            case CHECKS -> client.qualityChecks(datastoreId);
            case CONTAINERS -> client.containers(datastoreId);
            case COMPUTED_FIELDS -> {
                List<ObjectNode> fields = new ArrayList<>();
                client.containerDetails(List.of(body.path("container_id").asLong())).forEach(c -> c.path("computed_fields")
                        .forEach(f -> fields.add((ObjectNode) f)));
                yield fields;
            }
            default -> List.of();
        };
        for (ObjectNode candidate : candidates) {
            long id = candidate.path("id").asLong();
            if (before.fileOf(type, id) != null) {
                continue;
            }
            boolean same = type == ResourceType.CHECKS
                    ? uid(candidate).equals(uid(body)) && candidate.path("rule_type").asText(candidate.path("rule").asText()).equals(body.path("rule").asText())
                    : name != null && name.equals(candidate.path("name").asText());
            if (same) {
                return id;
            }
        }
        return null;
    }

    private static String uid(JsonNode check) {
        return check.path("additional_metadata").path(Canonicalizer.CHECK_UID_KEY).asText("");
    }
}
