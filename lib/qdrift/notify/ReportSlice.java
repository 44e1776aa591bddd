package qdrift.notify;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import qdrift.report.ChangeKind;
import qdrift.report.DriftReport;
import qdrift.report.FailedDatastore;
import qdrift.report.Finding;
import qdrift.report.ReportJson;
import qdrift.report.ResourceChange;
import qdrift.report.Severity;
import qdrift.report.Summary;

/**
 * The part of a report one destination hears about: the findings its filter selects (or, in a report without
 * findings, the changes), the changes those findings cover, and the datastores that could not be checked that
 * concern it; counts recomputed; others is how many findings (or changes) were left out. A report with nothing
 * selected becomes clean for this destination (outside: true), so --only-on-change can still say "resolved" when
 * what it heard of is gone.
 */
public record ReportSlice(Alert alert, int others, boolean outside) {

    /** The alert as the selector sees it; the alert itself (exact JSON included) when everything is selected. */
    public static ReportSlice of(Alert alert, Predicate<When.Subject> selects, Predicate<String> concernsDatastore) {
        DriftReport report = alert.report();
        if (report.isClean()) {
            return new ReportSlice(alert, 0, false);
        }
        List<ResourceChange> changes = report.changes() == null ? List.of() : report.changes();
        List<Finding> findings;
        List<ResourceChange> kept;
        int others;
        if (!report.findings().isEmpty()) {
            findings = report.findings().stream().filter(f -> selects.test(subject(f))).toList();
            Set<String> files = new HashSet<>();
            findings.forEach(f -> files.addAll(f.files() == null ? List.of() : f.files()));
            kept = changes.stream().filter(c -> files.contains(c.file())).toList();
            others = report.findings().size() - findings.size();
        } else {
            findings = List.of();
            kept = changes.stream().filter(c -> selects.test(subject(c))).toList();
            others = changes.size() - kept.size();
        }
        List<FailedDatastore> failed = report.failedDatastores().stream().filter(d -> concernsDatastore.test(d.name())).toList();
        if (others == 0 && failed.size() == report.failedDatastores().size()) {
            return new ReportSlice(alert, 0, false);
        }
        boolean nothing = findings.isEmpty() && kept.isEmpty() && failed.isEmpty();
        String status = !failed.isEmpty() ? DriftReport.PARTIAL : nothing ? DriftReport.CLEAN : DriftReport.DRIFT;
        DriftReport sliced = new DriftReport(report.schema(), report.tool(), report.kind(), status, report.origin(),
                summary(kept, report.summary()), findings, kept, report.ignored(), report.warnings(), failed,
                report.pullRequest(), nothing ? null : report.revertCommand());
        Alert slice = new Alert(sliced, ReportJson.write(sliced), nothing ? Occasion.CLEAN : alert.occasion(), alert.now(), others);
        return new ReportSlice(slice, others, nothing);
    }

    public static When.Subject subject(Finding finding) {
        return new When.Subject(finding.type(), finding.cause(), severity(finding.severity()), finding.datastore());
    }

    public static When.Subject subject(ResourceChange change) {
        return new When.Subject(change.type(), change.kind() == null ? null : change.kind().id(), severity(change.severity()),
                change.datastore());
    }

    private static String severity(Severity severity) {
        return severity == null ? null : severity.id();
    }

    private static Summary summary(List<ResourceChange> changes, Summary original) {
        Map<String, Integer> byType = new TreeMap<>();
        changes.forEach(c -> byType.merge(c.type() == null ? "other" : c.type(), 1, Integer::sum));
        return new Summary(count(changes, ChangeKind.ADDED), count(changes, ChangeKind.REMOVED), count(changes, ChangeKind.MODIFIED),
                original == null ? 0 : original.ignored(),
                (int) changes.stream().filter(c -> c.severity() == Severity.LOOSENING).count(), byType,
                count(changes, ChangeKind.RENAMED));
    }

    private static int count(List<ResourceChange> changes, ChangeKind kind) {
        return (int) changes.stream().filter(c -> c.kind() == kind).count();
    }
}
