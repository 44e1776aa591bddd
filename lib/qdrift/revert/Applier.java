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
 * then), sends the calls in the plan's order, stops at the first failed call and records what was applied and what
 * was not. A POST whose answer is lost is never sent again blindly: the resource is looked for first.
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
            JsonNode live = now.snapshot().get(resource.file()).map(e -> (JsonNode) qdrift.model.CanonicalValues.normalizeObject(e.body())).orElse(null);
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
        Map<String, Long> created = new HashMap<>();
        List<CallResult> results = new ArrayList<>();
        Failure failure = null;
        for (PlannedResource resource : plan.resources()) {
            for (PlannedCall call : resource.calls()) {
                if (failure != null) {
                    results.add(new CallResult(resource.file(), call.method(), call.path(), CallResult.NOT_SENT, null, null, null));
                    continue;
                }
                try {
                    results.add(send(resource, call, created, now));
                } catch (Failure e) {
                    failure = e;
                    results.add(new CallResult(resource.file(), call.method(), call.path(), CallResult.FAILED, null, null, e.getMessage()));
                    log.info("Stopped at " + call.describe() + " (" + resource.file() + "): " + e.getMessage());
                }
            }
        }
        if (failure != null) {
            return new Result(new RevertPlan.Applied("failed", results, List.of(), List.of(), failure.getMessage()), failure.exitCode(), created);
        }
        return new Result(new RevertPlan.Applied("applied", results, List.of(), List.of(), null), ExitCode.OK, created);
    }

    private CallResult send(PlannedResource resource, PlannedCall call, Map<String, Long> created, LiveState now) {
        JsonNode body = call.body() == null ? null : fill(call.body().deepCopy(), created, null);
        try {
            // plans name the path as the server sees it (/api/...); the client adds /api itself
            JsonNode answer = client.write(call.method(), call.path().replaceFirst("^/api(?=/)", ""), new java.util.TreeMap<>(call.query()), body);
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
        Long datastoreId = before.datastoreId(resource.datastore());
        String name = body.path("name").asText(null);
        List<ObjectNode> candidates = switch (type) {
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
