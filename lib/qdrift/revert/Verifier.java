package qdrift.revert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import qdrift.model.CanonicalValues;
import qdrift.model.Canonicalizer;
import qdrift.model.ResourceType;
import qdrift.report.FieldDiff;

/**
 * After apply, live read again: each resource updated or recreated must now equal Git (recreated ones are found by
 * the id their POST returned), an archived check must be archived, a deleted resource gone. And one Git file is one
 * live resource: a check written by the apply whose identity (stored uid and rule, as the lookup before a POST
 * matches it) another check in force took meanwhile, one live did not hold before the apply, is a difference too.
 * (Containers and computed fields are named uniquely by the server: a second one of a name is refused there.)
 */
final class Verifier {
    private Verifier() {
    }

    /** The files that do not hold what the plan promised, each with what is wrong ("file: coverage differs"). */
    static List<String> unverified(RevertPlan plan, Map<String, Long> created, LiveState after) {
        return unverified(plan, created, null, after);
    }

    /** As above; {@code before} is live as the apply found it (null: any other check of the identity counts). */
    static List<String> unverified(RevertPlan plan, Map<String, Long> created, LiveState before, LiveState after) {
        List<String> wrong = new ArrayList<>();
        for (PlannedResource resource : plan.resources()) {
            ResourceType type = ResourceType.fromId(resource.type());
            String problem = switch (resource.action()) {
                case SKIP -> null;
                case UPDATE -> differences(resource, after, resource.file());
                case RECREATE -> created.containsKey(resource.file())
                        ? differences(resource, after, after.fileOf(type, created.get(resource.file()))) : "not created";
                // a duplicate check's file name carries its server id, which a new check cannot keep: same body, new name
                case ARCHIVE -> {
                    String file = after.fileOf(type, resource.id());
                    yield file != null && Planner.isArchived(after.body(file)) ? null : "not archived";
                }
                case DELETE -> after.fileOf(type, resource.id()) == null ? null : "still there";
            };
            if (type == ResourceType.CHECKS && (resource.action() == Action.UPDATE || resource.action() == Action.RECREATE)) {
                Long own = resource.action() == Action.RECREATE ? created.get(resource.file()) : resource.id();
                String twins = twins(resource, own, before, after);
                if (twins != null) { // the cause first: a twin also changes how the export names the checks it shares with
                    problem = problem == null ? twins : twins + "; " + problem;
                }
            }
            if (problem != null) {
                wrong.add(resource.file() + ": " + problem);
            }
        }
        return wrong;
    }

    /** "2 live checks hold its identity (uid u, rule r): ids 7, 9" when a check new since the apply began shares it. */
    private static String twins(PlannedResource resource, Long own, LiveState before, LiveState after) {
        String uid = resource.after().path("additional_metadata").path(Canonicalizer.CHECK_UID_KEY).asText("");
        String rule = resource.after().path("rule_type").asText("");
        if (uid.isEmpty()) {
            return null;
        }
        List<Long> holding = after.checksHolding(resource.datastore(), uid, rule);
        boolean another = holding.stream().anyMatch(id -> !id.equals(own) && (before == null || !before.hasCheck(id)));
        if (!another) {
            return null;
        }
        return holding.size() + " live checks hold its identity (uid " + uid + ", rule " + rule + "): ids "
                + holding.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String differences(PlannedResource resource, LiveState after, String file) {
        JsonNode live = file == null ? null
                : after.body(file) == null ? null : CanonicalValues.normalizeObject(after.body(file));
        if (live == null) {
            return "not found live";
        }
        List<String> paths = FieldDiff.between(live, resource.after()).stream().map(f -> f.path()).toList();
        return paths.isEmpty() ? null : String.join(", ", paths) + " differ";
    }
}
