package qdrift.revert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import qdrift.model.CanonicalValues;
import qdrift.model.ResourceType;
import qdrift.report.FieldDiff;

/**
 * After apply, live read again: each resource updated or recreated must now equal Git (recreated ones are found by
 * the id their POST returned), an archived check must be archived, a deleted resource gone.
 */
final class Verifier {
    private Verifier() {
    }

    /** The files that do not hold what the plan promised, each with what is wrong ("file: coverage differs"). */
    static List<String> unverified(RevertPlan plan, Map<String, Long> created, LiveState after) {
        return unverified(plan, created, null, after);
    }

    /**
     * As above; with {@code before} (live as apply found it) a recreated check also counts as a difference when
     * more than one new live check holds its identity (uid and rule): two live resources for one Git file.
     */
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
                    yield file != null && Planner.isArchived(after.snapshot().entries().get(file).body()) ? null : "not archived";
                }
                case DELETE -> after.fileOf(type, resource.id()) == null ? null : "still there";
            };
            if (problem == null && before != null && resource.action() == Action.RECREATE && type == ResourceType.CHECKS) {
                problem = twins(resource, before, after);
            }
            if (problem != null) {
                wrong.add(resource.file() + ": " + problem);
            }
        }
        return wrong;
    }

    /** "2 live checks for one Git file: ids 7, 9" when checks new since {@code before} share the file's identity. */
    private static String twins(PlannedResource resource, LiveState before, LiveState after) {
        if (identity(resource.after()).startsWith("\0")) {
            return null; // no uid to tell it by
        }
        List<Long> ids = new ArrayList<>();
        after.snapshot().entries().forEach((file, entry) -> {
            Long id = after.id(file);
            if (entry.type() == ResourceType.CHECKS && id != null && before.fileOf(ResourceType.CHECKS, id) == null
                    && entry.datastore().equals(resource.datastore()) && identity(entry.body()).equals(identity(resource.after()))) {
                ids.add(id);
            }
        });
        ids.sort(null);
        return ids.size() > 1 ? ids.size() + " live checks for one Git file: ids " + ids.stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(", ")) : null;
    }

    private static String identity(JsonNode check) {
        return check.path("additional_metadata").path(qdrift.model.Canonicalizer.CHECK_UID_KEY).asText("") + "\0"
                + check.path("rule_type").asText("");
    }

    private static String differences(PlannedResource resource, LiveState after, String file) {
        JsonNode live = file == null ? null
                : after.snapshot().get(file).map(e -> (JsonNode) CanonicalValues.normalizeObject(e.body())).orElse(null);
        if (live == null) {
            return "not found live";
        }
        List<String> paths = FieldDiff.between(live, resource.after()).stream().map(f -> f.path()).toList();
        return paths.isEmpty() ? null : String.join(", ", paths) + " differ";
    }
}
