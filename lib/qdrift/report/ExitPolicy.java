package qdrift.report;

import java.util.Set;
import qdrift.cli.ExitCode;
import qdrift.model.ResourceType;

/**
 * The exit code of a finished comparison: drift only counts for the types named by --fail-on (all by default); a
 * partial report (some datastores could not be checked) exits 8 whatever the others show.
 */
public final class ExitPolicy {
    private ExitPolicy() {
    }

    public static int exitCode(DriftReport report, Set<ResourceType> failOn) {
        if (report.isPartial()) {
            return ExitCode.PARTIAL.code();
        }
        for (ResourceChange change : report.changes()) {
            if (failOn == null || failOn.isEmpty() || counts(change.type(), failOn)) {
                return ExitCode.DRIFT.code();
            }
        }
        return ExitCode.OK.code();
    }

    private static boolean counts(String type, Set<ResourceType> failOn) {
        try {
            return failOn.contains(ResourceType.fromId(type));
        } catch (RuntimeException e) {
            return true; // a type this version does not know: better a false alarm than a missed one
        }
    }
}
