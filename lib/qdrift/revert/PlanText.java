package qdrift.revert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Collectors;
import qdrift.api.WriteRoles;
import qdrift.report.FieldChange;

/**
 * The plan as a person reads it: one block per resource (action, file, changed fields, calls each with the role it
 * needs, notes), then the count.
 */
public final class PlanText {
    private static final int MAX_VALUE = 120;

    private PlanText() {
    }

    public static String render(RevertPlan plan) {
        StringBuilder text = new StringBuilder();
        String datastores = plan.datastores().stream().map(d -> d.id() + " " + d.name()).collect(Collectors.joining(", "));
        text.append("Revert plan: live ").append(plan.host()).append(" (").append(datastores.isEmpty() ? "no datastore" : "datastore " + datastores)
                .append(") back to Git ").append(plan.path()).append(" at ").append(plan.ref())
                .append(" (").append(shortCommit(plan.commit())).append(")\n\n");
        if (plan.resources().isEmpty()) {
            text.append("No changes: live equals Git for the selected resources.\n\n");
        }
        for (PlannedResource resource : plan.resources()) {
            text.append(symbol(resource.action())).append(' ').append(String.format("%-8s ", resource.action().id()))
                    .append(resource.file()).append("  (").append(describe(resource)).append(")\n");
            for (FieldChange field : resource.fields()) {
                text.append("      ").append(field.path()).append(": ").append(value(field.before())).append(" -> ")
                        .append(value(field.after())).append('\n');
            }
            for (PlannedCall call : resource.calls()) {
                text.append("      ").append(call.describe()).append("  (needs ").append(WriteRoles.forPath(call.path())).append(")\n");
            }
            for (String note : resource.notes()) {
                text.append("      note: ").append(note).append('\n');
            }
        }
        RevertPlan.Counts n = plan.summary();
        text.append(resourcesLine(n));
        if (plan.apply() != null) {
            text.append(appliedText(plan.apply()));
        }
        return text.toString();
    }

    /** "Plan: 1 to recreate, 2 to update, 0 to archive, 0 to delete." (+ skipped). */
    static String resourcesLine(RevertPlan.Counts n) {
        return "Plan: " + n.recreate() + " to recreate, " + n.update() + " to update, " + n.archive() + " to archive, "
                + n.delete() + " to delete." + (n.skip() > 0 ? " " + n.skip() + " skipped (see the notes)." : "") + "\n";
    }

    private static String appliedText(RevertPlan.Applied applied) {
        StringBuilder text = new StringBuilder("\nApply: ").append(applied.status()).append('\n');
        for (CallResult call : applied.calls()) {
            text.append("  ").append(String.format("%-8s ", call.status())).append(call.method()).append(' ').append(call.path())
                    .append("  (").append(call.file()).append(call.createdId() != null ? ", created " + call.createdId() : "").append(")\n");
            if (call.note() != null) {
                text.append("      note: ").append(call.note()).append('\n');
            }
        }
        for (String file : applied.stale()) {
            text.append("  changed live since the plan: ").append(file).append('\n');
        }
        for (String file : applied.unverified()) {
            text.append("  not equal to Git afterwards: ").append(file).append('\n');
        }
        if (applied.error() != null) {
            text.append("  error: ").append(applied.error()).append('\n');
        }
        return text.toString();
    }

    private static String describe(PlannedResource r) {
        String what = switch (r.type()) {
            case "connections" -> "connection " + r.name();
            case "datastores" -> "datastore " + r.name();
            case "containers" -> "container " + r.name() + " of " + r.datastore();
            case "computed_fields" -> "computed field " + r.name() + " of " + r.container();
            default -> "check " + r.name();
        };
        return what + (r.id() != null ? ", id " + r.id() : "");
    }

    private static char symbol(Action action) {
        return switch (action) {
            case UPDATE -> '~';
            case RECREATE -> '+';
            case ARCHIVE, DELETE -> '-';
            case SKIP -> '!';
        };
    }

    private static String value(JsonNode value) {
        String text = value == null || value.isNull() ? "null" : value.toString();
        return text.length() <= MAX_VALUE ? text : text.substring(0, MAX_VALUE) + "...";
    }

    private static String shortCommit(String commit) {
        return commit == null ? "?" : commit.substring(0, Math.min(7, commit.length()));
    }
}
