package qdrift.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The phrases the text and markdown reports share, so both say the same thing the same way. */
final class ReportWords {
    private ReportWords() {
    }

    static boolean isCompare(DriftReport report) {
        return "compare-envs".equals(report.kind());
    }

    static String cleanLine(DriftReport report) {
        return isCompare(report) ? "No differences." : "No drift.";
    }

    static String headline(DriftReport report) {
        int n = report.changes().size();
        return (isCompare(report) ? "Differences found: " : "Drift detected: ") + plural(n, "change");
    }

    /** "1 added, 0 removed, 2 modified; 1 ignored; 1 weakened check" */
    static String counts(DriftReport report) {
        Summary s = report.summary();
        StringBuilder text = new StringBuilder(s.added() + " added, " + s.removed() + " removed, " + s.modified() + " modified");
        if (s.ignored() > 0) {
            text.append("; ").append(s.ignored()).append(" ignored");
        }
        if (s.loosening() > 0) {
            text.append("; ").append(plural(s.loosening(), "weakened check"));
        }
        return text.toString();
    }

    /** datastore/container/name, leaving out what does not apply. */
    static String label(ResourceChange change) {
        List<String> parts = new ArrayList<>();
        if (change.datastore() != null) {
            parts.add(change.datastore());
        }
        if (change.container() != null && !change.container().equals(change.name())) {
            parts.add(change.container());
        }
        parts.add(change.name() == null ? change.file() : change.name());
        return String.join("/", parts);
    }

    static List<String> fieldPaths(ResourceChange change, int max) {
        List<String> paths = change.fields() == null ? List.of() : change.fields().stream().map(FieldChange::path).toList();
        if (paths.size() <= max) {
            return paths;
        }
        List<String> shown = new ArrayList<>(paths.subList(0, max));
        shown.add("(+" + (paths.size() - max) + " more)");
        return shown;
    }

    static String severity(ResourceChange change) {
        return change.severity() == null ? "" : change.severity().id();
    }

    /** The diffs of the files of reported changes, in file order, skipping texts that do not differ. */
    static List<UnifiedDiff> diffs(DriftReport report, List<FileText> texts) {
        return textsToDiff(report, texts).stream().map(UnifiedDiff::of).filter(diff -> !diff.isEmpty()).collect(Collectors.toList());
    }

    /** The texts of the files of reported changes (ignored ones are not shown), in file order. */
    static List<FileText> textsToDiff(DriftReport report, List<FileText> texts) {
        Set<String> reported = new HashSet<>();
        report.changes().forEach(change -> reported.add(change.file()));
        return (texts == null ? List.<FileText>of() : texts).stream()
                .filter(text -> reported.contains(text.file()))
                .sorted(java.util.Comparator.comparing(FileText::file))
                .collect(Collectors.toList());
    }

    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
