package qdrift.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import qdrift.cli.Failure;

/**
 * The report as GitHub-flavoured markdown for pull-request bodies and chat: heading and counts, a "weakened checks"
 * callout, warnings, the findings (one per cause), a table of changed resources, the diff in a collapsed block, the ignored changes. Cut at a line
 * boundary to stay within maxChars, closing any open code fence and details block, with a note saying so.
 */
public final class MarkdownReport {
    /** GitHub refuses pull-request bodies over 65,536 characters. */
    public static final int DEFAULT_MAX_CHARS = 65_000;
    static final int MIN_MAX_CHARS = 300;
    private static final String FENCE = "```";
    private static final int FIELDS_PER_CELL = 5;
    private static final int WEAKENED_LISTED = 20;

    private final List<String> lines = new ArrayList<>();

    private MarkdownReport() {
    }

    public static String render(DriftReport report, List<FileText> texts) {
        return render(report, texts, DEFAULT_MAX_CHARS);
    }

    public static String render(DriftReport report, List<FileText> texts, int maxChars) {
        return render(report, texts, maxChars, null);
    }

    /** As above; now (the run's time, may be null) turns a finding's first-seen time into "drifting for 3 days". */
    public static String render(DriftReport report, List<FileText> texts, int maxChars, Instant now) {
        if (maxChars < MIN_MAX_CHARS) {
            throw Failure.usage("a markdown report needs at least " + MIN_MAX_CHARS + " characters, not " + maxChars);
        }
        MarkdownReport md = new MarkdownReport();
        md.heading(report);
        md.weakened(report, report.changes());
        md.warnings(report.warnings());
        md.findings(report.findings(), now);
        md.table(report, report.changes());
        md.diff(report, ReportWords.textsToDiff(report, texts), maxChars);
        md.ignored(report, report.ignored());
        return cut(md.lines, maxChars);
    }

    private void heading(DriftReport report) {
        if (ReportScope.nothingChanged(report)) {
            add("## " + (report.isPartial() ? "⚠️ " : "✅ ") + ReportScope.cleanLine(report));
        } else {
            add("## ⚠️ " + ReportWords.headline(report));
            add("");
            add(ReportWords.counts(report));
            if (report.revertCommand() != null) {
                add("");
                add("To put live back to Git instead of merging (plans first, `--apply` writes): `" + report.revertCommand() + "`");
            }
        }
        String origin = origin(report.origin());
        if (origin != null) {
            add("");
            add(origin);
        }
        if (report.isPartial()) {
            add("");
            ReportScope.lines(report).forEach(line -> add(line.startsWith("  - ") ? line.substring(2) : line));
        }
        add("");
    }

    private static String origin(Origin origin) {
        if (origin == null) {
            return null;
        }
        if (origin.left() != null && origin.right() != null) {
            return "Compared **" + cell(ReportWords.side(origin.left())) + "** (before) with **" + cell(ReportWords.side(origin.right())) + "** (after).";
        }
        if (origin.host() == null && origin.commit() == null) {
            return null;
        }
        String commit = origin.commit() == null ? "" : " at `" + origin.commit().substring(0, Math.min(12, origin.commit().length())) + "`";
        String path = origin.path() == null ? "Git" : "`" + origin.path() + "`";
        return "Live **" + cell(String.valueOf(origin.host())) + "** compared with " + path + commit + ".";
    }

    private void weakened(DriftReport report, List<ResourceChange> changes) {
        List<ResourceChange> loosening = changes.stream().filter(c -> c.severity() == Severity.LOOSENING).toList();
        if (loosening.isEmpty()) {
            return;
        }
        add("> [!WARNING]");
        add("> **" + ReportWords.plural(loosening.size(), "weakened check") + "**: these changes let more data through the quality gate.");
        for (ResourceChange change : loosening.subList(0, Math.min(WEAKENED_LISTED, loosening.size()))) {
            String fields = ReportWords.fieldPaths(change, FIELDS_PER_CELL).isEmpty() ? ""
                    : " (" + String.join(", ", ReportWords.fieldPaths(change, FIELDS_PER_CELL)) + ")";
            add("> - " + ReportWords.kind(report, change) + " `" + code(ReportWords.label(change)) + "`" + cell(fields));
        }
        if (loosening.size() > WEAKENED_LISTED) {
            add("> - and " + (loosening.size() - WEAKENED_LISTED) + " more");
        }
        add("");
    }

    private void warnings(List<String> warnings) {
        if (warnings == null || warnings.isEmpty()) {
            return;
        }
        add("**Warnings**");
        add("");
        warnings.forEach(w -> add("- " + cell(w)));
        add("");
    }

    private void findings(List<Finding> findings, Instant now) {
        if (findings.isEmpty()) {
            return;
        }
        add("**Findings**");
        add("");
        for (Finding finding : findings) {
            String severity = ReportWords.severity(finding) == null ? "" : " (" + ReportWords.severity(finding).id() + ")";
            add("- " + cell(finding.title()) + severity);
            if (finding.remedy() != null) {
                add("  " + cell(finding.remedy()));
            }
            List<String> notes = Attribution.notes(finding, now);
            if (!notes.isEmpty()) {
                add("  _" + cell(String.join("; ", notes)) + "_");
            }
        }
        add("");
    }

    private void table(DriftReport report, List<ResourceChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        add("**Changes**");
        add("");
        java.util.Set<String> platformOnly = ReportWords.platformOnlyFiles(report);
        List<ResourceChange> shown = changes.stream().filter(c -> !platformOnly.contains(c.file())).toList();
        if (!shown.isEmpty()) {
            add("| Type | Datastore | Container | Name | Change | Severity | Fields | Changed by |");
            add("|---|---|---|---|---|---|---|---|");
        }
        for (ResourceChange c : shown) {
            List<String> fields = ReportWords.fieldPaths(c, FIELDS_PER_CELL).stream().map(f -> "`" + code(f) + "`").toList();
            add("| " + cell(c.type()) + " | " + cell(c.datastore()) + " | " + cell(c.container()) + " | " + cell(c.name())
                    + " | " + ReportWords.kind(report, c) + " | " + ReportWords.severity(c) + " | " + cell(String.join(", ", fields))
                    + " | " + cell(changedBy(c)) + " |");
        }
        if (!platformOnly.isEmpty()) {
            add("");
            add("_" + ReportWords.platformOnlyLine(platformOnly.size()) + "_");
        }
        add("");
    }

    /** "admin, 2026-11-02T14:20:11Z", or the note when no editor can be named. */
    private static String changedBy(ResourceChange c) {
        List<String> parts = new ArrayList<>();
        if (c.changedBy() != null) {
            parts.add(c.changedBy());
        }
        if (c.changedAt() != null) {
            parts.add(c.changedAt());
        }
        if (c.attribution() != null) {
            parts.add(c.attribution());
        }
        return String.join(", ", parts);
    }

    /** Diffs file by file, stopping once past maxChars: what follows would be cut anyway. */
    private void diff(DriftReport report, List<FileText> texts, int maxChars) {
        List<String> diffLines = new ArrayList<>();
        int files = 0;
        int insertions = 0;
        int deletions = 0;
        int chars = 0;
        boolean complete = true;
        for (FileText text : texts) {
            if (chars > maxChars) {
                complete = false;
                break;
            }
            UnifiedDiff diff = ReportWords.diff(report, text);
            files += diff.isEmpty() ? 0 : 1;
            insertions += diff.insertions();
            deletions += diff.deletions();
            for (String line : diff.lines()) {
                diffLines.add(line);
                chars += line.length() + 1;
            }
        }
        if (diffLines.isEmpty()) {
            return;
        }
        add("<details><summary>Diff" + (complete ? " of " + ReportWords.plural(files, "file") + " (+" + insertions + " -" + deletions + ")" : "")
                + "</summary>");
        add("");
        add(FENCE + "diff");
        lines.addAll(diffLines);
        add(FENCE);
        add("");
        add("</details>");
        add("");
    }

    private void ignored(DriftReport report, List<ResourceChange> ignored) {
        if (ignored == null || ignored.isEmpty()) {
            return;
        }
        add("<details><summary>Ignored (" + ignored.size() + ")</summary>");
        add("");
        for (ResourceChange c : ignored) {
            add("- " + ReportWords.kind(report, c) + " " + cell(c.type()) + " `" + code(ReportWords.label(c)) + "`: " + cell(c.ignoredBy()));
        }
        add("");
        add("</details>");
        add("");
    }

    /**
     * Keeps whole lines while they fit, then closes what is open (a code fence, details blocks) and adds a note; the
     * result never exceeds maxChars. Only this class writes the markdown, so a line starting with ``` is always a
     * fence: diff lines start with a space, '+', '-', '@' or '\'.
     */
    static String cut(List<String> lines, int maxChars) {
        String whole = String.join("\n", lines) + "\n";
        if (whole.length() <= maxChars) {
            return whole;
        }
        String noteTemplate = "\n_Cut to stay under " + maxChars + " characters: " + lines.size()
                + " more lines not shown. The JSON report (`-o json`) has every change._\n";
        StringBuilder kept = new StringBuilder();
        boolean inFence = false;
        int openDetails = 0;
        int index = 0;
        for (; index < lines.size(); index++) {
            String line = lines.get(index);
            boolean fenceAfter = line.startsWith(FENCE) != inFence;
            int detailsAfter = openDetails + (line.startsWith("<details") ? 1 : 0) - (line.equals("</details>") ? 1 : 0);
            int needed = kept.length() + line.length() + 1 + closers(fenceAfter, detailsAfter).length() + noteTemplate.length();
            if (needed > maxChars) {
                break;
            }
            kept.append(line).append('\n');
            inFence = fenceAfter;
            openDetails = detailsAfter;
        }
        kept.append(closers(inFence, openDetails));
        kept.append("\n_Cut to stay under ").append(maxChars).append(" characters: ").append(lines.size() - index)
                .append(" more lines not shown. The JSON report (`-o json`) has every change._\n");
        return kept.toString();
    }

    private static String closers(boolean inFence, int openDetails) {
        StringBuilder closers = new StringBuilder();
        if (inFence) {
            closers.append(FENCE).append('\n');
        }
        for (int i = 0; i < openDetails; i++) {
            closers.append("\n</details>\n");
        }
        return closers.toString();
    }

    /** A table cell or inline text: no line breaks, pipes escaped. */
    private static String cell(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
    }

    /** Text inside `code`: backticks cannot be escaped there, so they become quotes. */
    private static String code(String text) {
        return cell(text).replace('`', '\'');
    }

    private void add(String line) {
        lines.add(line);
    }
}
