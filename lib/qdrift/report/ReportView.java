package qdrift.report;

import java.util.List;
import java.util.Set;

/**
 * The phrases and diffs of the text and markdown reports, for renderers outside this package (the HTML page), so
 * every format says the same thing the same way. A façade over the package-private ReportWords and UnifiedDiff.
 */
public final class ReportView {
    /** One file's diff, secrets masked: its lines (git's unified format) and counts. */
    public record Diff(String file, int insertions, int deletions, List<String> lines) {
    }

    private ReportView() {
    }

    public static String headline(DriftReport report) {
        return ReportScope.nothingChanged(report) ? ReportScope.cleanLine(report) : ReportWords.headline(report);
    }

    public static String counts(DriftReport report) {
        return report.summary() == null ? "" : ReportWords.counts(report);
    }

    /** "Comparing dev (...) (-) with prod (...) (+)", or null outside compare-envs. */
    public static String sides(DriftReport report) {
        return ReportWords.sides(report);
    }

    public static String kind(DriftReport report, ResourceChange change) {
        return ReportWords.kind(report, change);
    }

    /** A finding's cause as the report says it: drift's own words, or "only in prod" and "differs" in compare-envs. */
    public static String cause(DriftReport report, Finding finding) {
        if (ReportWords.isCompare(report)) {
            for (ChangeKind kind : ChangeKind.values()) {
                if (kind.id().equals(finding.cause())) {
                    return ReportWords.kind(report, kind);
                }
            }
        }
        return finding.cause();
    }

    public static boolean isCompare(DriftReport report) {
        return ReportWords.isCompare(report);
    }

    public static String label(ResourceChange change) {
        return ReportWords.label(change);
    }

    /** A finding's severity when it is about checks, else null. */
    public static Severity severity(Finding finding) {
        return ReportWords.severity(finding);
    }

    public static Set<String> platformOnlyFiles(DriftReport report) {
        return ReportWords.platformOnlyFiles(report);
    }

    public static String platformOnlyLine(int n) {
        return ReportWords.platformOnlyLine(n);
    }

    /** The diffs of the reported files that differ, in file order. */
    public static List<Diff> diffs(DriftReport report, List<FileText> texts) {
        return ReportWords.diffs(report, texts).stream()
                .map(d -> new Diff(d.file(), d.insertions(), d.deletions(), List.copyOf(d.lines()))).toList();
    }
}
