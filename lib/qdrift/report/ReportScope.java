package qdrift.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What a partial report covers, in words the text and markdown reports share: which datastores were checked, which not. */
public final class ReportScope {
    private ReportScope() {
    }

    /** True when the report has nothing to show but its scope: partial, and no change in the datastores checked. */
    public static boolean nothingChanged(DriftReport report) {
        return report.isClean() || (report.isPartial() && report.changes().isEmpty());
    }

    public static String cleanLine(DriftReport report) {
        return report.isPartial() ? "No drift in the datastores checked." : ReportWords.cleanLine(report);
    }

    /** Empty unless partial: "Partial: 2 of 3 datastores checked (a, b); not checked: c (id 7): error [exit 4]". */
    public static List<String> lines(DriftReport report) {
        if (!report.isPartial()) {
            return List.of();
        }
        Set<Long> failedIds = report.failedDatastores().stream().map(FailedDatastore::id).collect(Collectors.toSet());
        List<Origin.DatastoreRef> checked = report.origin() == null || report.origin().datastores() == null ? List.of()
                : report.origin().datastores().stream().filter(d -> !failedIds.contains(d.id())).toList();
        int total = checked.size() + report.failedDatastores().size();
        List<String> lines = new ArrayList<>();
        lines.add("Partial: " + checked.size() + " of " + (total == 1 ? "1 datastore" : total + " datastores") + " checked"
                + (checked.isEmpty() ? "" : " (" + checked.stream().map(ReportScope::name).collect(Collectors.joining(", ")) + ")")
                + "; " + report.failedDatastores().size() + " could not be checked:");
        for (FailedDatastore failed : report.failedDatastores()) {
            lines.add("  - " + name(failed) + ": " + failed.error() + " [exit " + failed.exitCode() + "]");
        }
        return lines;
    }

    /** "finance (id 7)", or "datastore 7" when its name is unknown. */
    public static String name(FailedDatastore failed) {
        return failed.name() == null || failed.name().isBlank() ? "datastore " + failed.id() : failed.name() + " (id " + failed.id() + ")";
    }

    private static String name(Origin.DatastoreRef ref) {
        return ref.name() == null || ref.name().isBlank() ? "datastore " + ref.id() : ref.name();
    }
}
