package qdrift.revert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import qdrift.report.FieldChange;

/**
 * One resource a revert would change: its file in the export folder, type, display names, the action, the live id
 * (null when it does not exist live), the changed fields (before = live, after = Git), the canonical bodies on both
 * sides (before is what apply re-checks against live: a difference means the plan is stale), the calls, and notes
 * (a secret left as it is live, why a resource is skipped).
 */
public record PlannedResource(
        String file,
        String type,
        String datastore,
        String container,
        String name,
        Action action,
        Long id,
        List<FieldChange> fields,
        ObjectNode before,
        ObjectNode after,
        List<PlannedCall> calls,
        List<String> notes) {

    public PlannedResource {
        fields = fields == null ? List.of() : List.copyOf(fields);
        calls = calls == null ? List.of() : List.copyOf(calls);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
