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

    /** drift: added, removed, modified; compare-envs says which side has what: "only in prod", "only in dev", "differs". */
    static String kind(DriftReport report, ResourceChange change) {
        return kind(report, change.kind());
    }

    static String kind(DriftReport report, ChangeKind kind) {
        Origin origin = report.origin();
        if (!isCompare(report) || origin == null || origin.left() == null || origin.right() == null) {
            return kind.id();
        }
        return switch (kind) {
            case ADDED -> "only in " + origin.right().label();
            case REMOVED -> "only in " + origin.left().label();
            case MODIFIED -> "differs";
            case RENAMED -> "renamed";
        };
    }

    /** "Comparing dev (dev.qualytics.io) with prod (qualytics-config@main)", or null outside compare-envs. */
    static String sides(DriftReport report) {
        Origin origin = report.origin();
        if (origin == null || origin.left() == null || origin.right() == null) {
            return null;
        }
        return "Comparing " + side(origin.left()) + " (-) with " + side(origin.right()) + " (+)";
    }

    static String side(Origin.Side side) {
        String where = side.host() != null ? side.host() : side.folder() + (side.ref() == null ? "" : "@" + side.ref());
        return side.label() == null ? where : side.label() + " (" + where + ")";
    }

    /** The prefixes of the two file names in a diff header: a/ and b/, or the side labels in compare-envs. */
    static UnifiedDiff diff(DriftReport report, FileText text) {
        Origin origin = report.origin();
        if (origin == null || origin.left() == null || origin.right() == null) {
            return UnifiedDiff.of(text);
        }
        return UnifiedDiff.of(text, origin.left().label() + "/", origin.right().label() + "/");
    }

    static String cleanLine(DriftReport report) {
        return isCompare(report) ? "No differences." : "No drift.";
    }

    /** "Drift detected: 1 finding, 14 changes"; a report without findings (v1) counts changes only. */
    static String headline(DriftReport report) {
        int n = report.changes().size();
        String findings = report.findings().isEmpty() ? "" : plural(report.findings().size(), "finding") + ", ";
        return (isCompare(report) ? "Differences found: " : "Drift detected: ") + findings + plural(n, "change");
    }

    /** "1 added, 0 removed, 2 modified; 1 ignored; 1 weakened check" */
    static String counts(DriftReport report) {
        Summary s = report.summary();
        StringBuilder text = new StringBuilder(s.added() + " added, " + s.removed() + " removed, " + s.modified() + " modified");
        if (s.renamed() > 0) {
            text.append(", ").append(s.renamed()).append(" renamed");
        }
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
        String label = String.join("/", parts);
        return change.from() == null ? label : label + " (from " + change.from() + ")";
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

    /** A finding's severity for display: set for findings about checks, else null. */
    static Severity severity(Finding finding) {
        return finding.severity() != null && ReportBuilder.isCheck(finding.type()) ? finding.severity() : null;
    }

    static String severity(ResourceChange change) {
        return change.severity() == null ? "" : change.severity().id();
    }

    /** The diffs of the files of reported changes, in file order, skipping texts that do not differ. */
    static List<UnifiedDiff> diffs(DriftReport report, List<FileText> texts) {
        return textsToDiff(report, texts).stream().map(text -> diff(report, text)).filter(diff -> !diff.isEmpty()).collect(Collectors.toList());
    }

    /** The texts of the files of reported changes (ignored and platform-only ones are not shown), in file order. */
    static List<FileText> textsToDiff(DriftReport report, List<FileText> texts) {
        Set<String> reported = new HashSet<>();
        report.changes().forEach(change -> reported.add(change.file()));
        reported.removeAll(platformOnlyFiles(report));
        java.util.Map<String, FileText> byFile = new java.util.HashMap<>();
        (texts == null ? List.<FileText>of() : texts).forEach(text -> byFile.put(text.file(), text));
        java.util.Map<String, String> movedFrom = new java.util.HashMap<>();
        report.changes().forEach(change -> {
            if (change.from() != null && byFile.containsKey(change.from())) {
                movedFrom.put(change.file(), change.from());
            }
        });
        return byFile.values().stream()
                .filter(text -> reported.contains(text.file()))
                .map(text -> movedFrom.containsKey(text.file()) ? moved(byFile.get(movedFrom.get(text.file())), text) : text)
                .sorted(java.util.Comparator.comparing(FileText::file))
                .collect(Collectors.toList());
    }

    /** A renamed or re-filed resource diffs its old file's text against its new one: only what changed shows. */
    private static FileText moved(FileText old, FileText now) {
        return new FileText(now.file(), old.before(), now.after());
    }

    /**
     * The files whose only news is a platform finding's field: listed in the JSON, summed up in one line in text and
     * markdown, so a server upgrade does not print thousands of lines.
     */
    static Set<String> platformOnlyFiles(DriftReport report) {
        Set<String> platform = new HashSet<>();
        Set<String> other = new HashSet<>();
        for (Finding finding : report.findings()) {
            (PLATFORM.equals(finding.cause()) ? platform : other).addAll(finding.files());
        }
        platform.removeAll(other);
        return platform;
    }

    static final String PLATFORM = "platform";

    /** "4812 changes only by the platform findings above (every one is in -o json)" */
    static String platformOnlyLine(int n) {
        return plural(n, "change") + " only by the platform finding(s) above (every one is in the JSON report)";
    }

    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
