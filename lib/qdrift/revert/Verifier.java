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

    /** The files that do not hold what the plan promised. */
    static List<String> unverified(RevertPlan plan, Map<String, Long> created, LiveState after) {
        List<String> wrong = new ArrayList<>();
        for (PlannedResource resource : plan.resources()) {
            ResourceType type = ResourceType.fromId(resource.type());
            boolean ok = switch (resource.action()) {
                case SKIP -> true;
                case UPDATE -> equalsGit(resource, after, resource.file());
                case RECREATE -> created.containsKey(resource.file())
                        && equalsGit(resource, after, after.fileOf(type, created.get(resource.file())));
                case ARCHIVE -> {
                    String file = after.fileOf(type, resource.id());
                    yield file != null && "Archived".equalsIgnoreCase(after.snapshot().entries().get(file).body().path("status").asText());
                }
                case DELETE -> after.fileOf(type, resource.id()) == null;
            };
            if (!ok) {
                wrong.add(resource.file());
            }
        }
        return wrong;
    }

    private static boolean equalsGit(PlannedResource resource, LiveState after, String file) {
        if (file == null) {
            return false;
        }
        JsonNode live = after.snapshot().get(file).map(e -> (JsonNode) CanonicalValues.normalizeObject(e.body())).orElse(null);
        return live != null && FieldDiff.same(live, resource.after());
    }
}
