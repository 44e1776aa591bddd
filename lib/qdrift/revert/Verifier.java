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
            if (problem != null) {
                wrong.add(resource.file() + ": " + problem);
            }
        }
        return wrong;
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
