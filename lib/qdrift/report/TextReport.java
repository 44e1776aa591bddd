package qdrift.report;

import java.time.Instant;
import java.util.List;

/**
 * The human report on stdout: the headline, one line per finding (what happened, by cause), then the file-level
 * detail: a diff --stat-like summary, one line per changed resource and the capped diff.
 */
public final class TextReport {
    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String CYAN = "\u001b[36m";
    private static final int FIELDS_PER_LINE = 8;

    private final StringBuilder out = new StringBuilder();
    private final boolean color;
    private final DriftReport report;
    private final Instant now;

    private TextReport(DriftReport report, boolean color, Instant now) {
        this.report = report;
        this.color = color;
        this.now = now;
    }

    /** maxDiffLines caps the unified diff (0 shows none); color adds ANSI colours. */
    public static String render(DriftReport report, List<FileText> texts, int maxDiffLines, boolean color) {
        return render(report, texts, maxDiffLines, color, null);
    }

    /** As above; now (the run's time, may be null) turns a finding's first-seen time into "drifting for 3 days". */
    public static String render(DriftReport report, List<FileText> texts, int maxDiffLines, boolean color, Instant now) {
        TextReport text = new TextReport(report, color, now);
        if (ReportWords.sides(report) != null) {
            text.line(ReportWords.sides(report));
        }
        ReportScope.lines(report).forEach(text::line);
        if (ReportScope.nothingChanged(report)) {
            text.line(ReportScope.cleanLine(report));
        } else {
            List<UnifiedDiff> diffs = ReportWords.diffs(report, texts);
            text.line(text.paint(BOLD, ReportWords.headline(report)) + " (" + ReportWords.counts(report) + ")");
            if (report.pullRequest() != null) {
                PullRequestRef pr = report.pullRequest();
                text.line("Pull request #" + pr.number() + " " + pr.action() + ": " + pr.url());
            }
            text.findings(report.findings());
            if (report.revertCommand() != null) { // long: after the findings it would otherwise push down
                text.line("");
                text.line("To put live back to Git instead (plans first): " + report.revertCommand());
            }
            if (!report.findings().isEmpty()) {
                text.line("");
                text.line("Changes:");
            }
            text.stat(diffs);
            text.line("");
            java.util.Set<String> platformOnly = ReportWords.platformOnlyFiles(report);
            report.changes().stream().filter(c -> !platformOnly.contains(c.file())).forEach(text::resource);
            if (!platformOnly.isEmpty()) {
                text.line("  " + ReportWords.platformOnlyLine(platformOnly.size()));
            }
            text.diff(diffs, maxDiffLines);
        }
        text.ignored(report.ignored());
        text.warnings(report.warnings());
        return text.out.toString();
    }

    /** One line per finding, in report order; a remedy goes on the line below. */
    private void findings(List<Finding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        line("");
        line("Findings:");
        for (Finding finding : findings) {
            StringBuilder text = new StringBuilder("  - ").append(finding.title());
            Severity severity = ReportWords.severity(finding);
            if (severity != null) {
                text.append("  ").append(paint(severityColor(severity), severity.id().toUpperCase()));
            }
            line(text.toString());
            if (finding.remedy() != null) {
                line("    " + finding.remedy());
            }
            Attribution.notes(finding, now).forEach(note -> line("    " + note));
        }
    }

    private void stat(List<UnifiedDiff> diffs) {
        if (diffs.isEmpty()) {
            return;
        }
        int width = diffs.stream().mapToInt(d -> d.file().length()).max().orElse(0);
        int insertions = 0;
        int deletions = 0;
        for (UnifiedDiff diff : diffs) {
            line(" " + pad(diff.file(), width) + " | " + paint(GREEN, "+" + diff.insertions()) + " " + paint(RED, "-" + diff.deletions()));
            insertions += diff.insertions();
            deletions += diff.deletions();
        }
        line(" " + ReportWords.plural(diffs.size(), "file") + " changed, " + ReportWords.plural(insertions, "insertion") + "(+), "
                + ReportWords.plural(deletions, "deletion") + "(-)");
    }

    private void resource(ResourceChange change) {
        StringBuilder text = new StringBuilder("  ").append(pad(ReportWords.kind(report, change), 8)).append(' ')
                .append(pad(change.type(), 15)).append(' ').append(ReportWords.label(change));
        if (change.severity() != null) {
            text.append("  ").append(paint(severityColor(change.severity()), change.severity().id().toUpperCase()));
        }
        List<String> fields = ReportWords.fieldPaths(change, FIELDS_PER_LINE);
        if (!fields.isEmpty()) {
            text.append("  ").append(String.join(", ", fields));
        }
        String who = Attribution.phrase(change);
        if (who != null) {
            text.append("  (").append(who).append(")");
        }
        line(text.toString());
    }

    private void diff(List<UnifiedDiff> diffs, int maxDiffLines) {
        int total = diffs.stream().mapToInt(d -> d.lines().size()).sum();
        if (total == 0) {
            return;
        }
        line("");
        int shown = 0;
        for (UnifiedDiff diff : diffs) {
            for (String diffLine : diff.lines()) {
                if (shown >= maxDiffLines) {
                    line("... " + (total - shown) + " more lines (raise --max-diff-lines)");
                    return;
                }
                line(paintDiffLine(diffLine));
                shown++;
            }
        }
    }

    private void ignored(List<ResourceChange> ignored) {
        if (ignored == null || ignored.isEmpty()) {
            return;
        }
        line("");
        line("Ignored (" + ignored.size() + "):");
        for (ResourceChange change : ignored) {
            line("  " + pad(ReportWords.kind(report, change), 8) + " " + pad(change.type(), 15) + " " + ReportWords.label(change) + "  (" + change.ignoredBy() + ")");
        }
    }

    private void warnings(List<String> warnings) {
        if (warnings == null || warnings.isEmpty()) {
            return;
        }
        line("");
        for (String warning : warnings) {
            line(paint(YELLOW, "warning: ") + warning);
        }
    }

    private String paintDiffLine(String line) {
        if (line.startsWith("diff --git") || line.startsWith("--- ") || line.startsWith("+++ ")) {
            return paint(BOLD, line);
        }
        if (line.startsWith("@@")) {
            return paint(CYAN, line);
        }
        if (line.startsWith("+")) {
            return paint(GREEN, line);
        }
        return line.startsWith("-") ? paint(RED, line) : line;
    }

    private static String severityColor(Severity severity) {
        return switch (severity) {
            case LOOSENING -> RED;
            case UNKNOWN -> YELLOW;
            case TIGHTENING -> GREEN;
            case NEUTRAL -> "";
        };
    }

    private String paint(String code, String text) {
        return color && !code.isEmpty() ? code + text + RESET : text;
    }

    private static String pad(String text, int width) {
        String value = text == null ? "" : text;
        return value.length() >= width ? value : value + " ".repeat(width - value.length());
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
