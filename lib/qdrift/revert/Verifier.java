package qdrift.revert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import qdrift.model.CanonicalValues;
import qdrift.model.ResourceType;
import qdrift.model.WriteSchema;
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
                case UPDATE -> differences(resource, after, resource.file(), false);
                case RECREATE -> created.containsKey(resource.file())
                        ? differences(resource, after, after.fileOf(type, created.get(resource.file())), true) : "not created";
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

    /** What differs from Git, apart from keys the write model cannot set (the plan named those). */
    private static String differences(PlannedResource resource, LiveState after, String file, boolean created) {
        JsonNode live = file == null ? null
                : after.snapshot().get(file).map(e -> (JsonNode) CanonicalValues.normalizeObject(e.body())).orElse(null);
        if (live == null) {
            return "not found live";
        }
        ResourceType type = ResourceType.fromId(resource.type());
        WriteSchema.Model model = WriteSchema.of(type, resource.after(), created).orElse(null);
        List<String> paths = FieldDiff.between(live, resource.after()).stream().map(f -> f.path())
                .filter(path -> model == null || settable(path.split("[.\\[]", 2)[0], model, type, created)).toList();
        return paths.isEmpty() ? null : String.join(", ", paths) + " differ";
    }

    private static boolean settable(String key, WriteSchema.Model model, ResourceType type, boolean created) {
        return WriteBodies.writable(key, model) || WriteBodies.IDENTITY.contains(key)
                || created && type == ResourceType.CONTAINERS && key.equals("tags");
    }
}
