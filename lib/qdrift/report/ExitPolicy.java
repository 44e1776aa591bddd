package qdrift.report;

import java.util.Set;
import qdrift.cli.ExitCode;
import qdrift.model.ResourceType;

/**
 * The exit code of a finished comparison: drift only counts for the types --fail-on names (all by default), and a
 * platform finding (a server upgrade) only when --fail-on includes platform. A report with findings is judged by its
 * findings; one without (v1) by its changes.
 * A partial report (some datastores could not be checked) exits 8 whatever the others show.
 */
public final class ExitPolicy {
    private ExitPolicy() {
    }

    public static int exitCode(DriftReport report, Set<ResourceType> failOn) {
        return exitCode(report, failOn == null || failOn.isEmpty() ? FailOn.defaults() : new FailOn(failOn, false));
    }

    public static int exitCode(DriftReport report, FailOn failOn) {
        FailOn policy = failOn == null ? FailOn.defaults() : failOn;
        if (report.isPartial()) {
            return ExitCode.PARTIAL.code();
        }
        if (!report.findings().isEmpty()) {
            for (Finding finding : report.findings()) {
                boolean counts = "platform".equals(finding.cause()) ? policy.platform() : counts(finding, policy.types());
                if (counts) {
                    return ExitCode.DRIFT.code();
                }
            }
            return ExitCode.OK.code();
        }
        for (ResourceChange change : report.changes()) {
            if (counts(change.type(), policy.types())) {
                return ExitCode.DRIFT.code();
            }
        }
        return ExitCode.OK.code();
    }

    /** A finding counts for its own type and the types it carries (a removed container's checks). */
    private static boolean counts(Finding finding, Set<ResourceType> failOn) {
        if (counts(finding.type(), failOn)) {
            return true;
        }
        return finding.moved() != null && finding.moved().keySet().stream().anyMatch(type -> counts(type, failOn));
    }

    private static boolean counts(String type, Set<ResourceType> failOn) {
        try {
            return failOn.contains(ResourceType.fromId(type));
        } catch (RuntimeException e) {
            return true; // a type this version does not know: better a false alarm than a missed one
        }
    }
}
