package qdrift.report.html;

import static qdrift.report.html.Html.esc;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import qdrift.report.Attribution;
import qdrift.report.DriftReport;
import qdrift.report.FieldChange;
import qdrift.report.FileText;
import qdrift.report.Finding;
import qdrift.report.Origin;
import qdrift.report.ReportScope;
import qdrift.report.ReportView;
import qdrift.report.ResourceChange;
import qdrift.report.SecretMask;
import qdrift.report.Severity;
import qdrift.report.ValueText;

/**
 * A drift or compare-envs report as one self-contained HTML page for an auditor: the headline, the findings first
 * (severity, before → after values, who and when, drift age), the revert command, then the changed resources and
 * each file's diff folded in a details block. Values are masked as in every other format and everything is escaped.
 */
public final class HtmlReport {
    private final StringBuilder out = new StringBuilder();

    private HtmlReport() {
    }

    /** now (the run's time, may be null) turns first-seen times into "drifting for 3 days". */
    public static String render(DriftReport report, List<FileText> texts, Instant now) {
        HtmlReport page = new HtmlReport();
        page.heading(report);
        page.warnings(report.warnings());
        page.findings(report, now);
        page.changes(report);
        page.diffs(report, texts);
        page.ignored(report);
        boolean compare = "compare-envs".equals(report.kind());
        return Html.page((compare ? "compare-envs: " : "drift: ") + ReportView.headline(report), page.out.toString());
    }

    private void heading(DriftReport report) {
        String status = report.status() == null ? "drift" : report.status();
        out.append("<header>\n<p class=\"meta\">qualytics-drift ").append(esc(report.kind())).append(" report</p>\n");
        out.append("<h1>").append(Html.badge(status, statusWord(report, status))).append(' ').append(esc(ReportView.headline(report))).append("</h1>\n");
        if (!ReportScope.nothingChanged(report)) {
            out.append("<p>").append(esc(ReportView.counts(report))).append("</p>\n");
        }
        String origin = origin(report);
        if (origin != null) {
            out.append("<p class=\"meta\">").append(esc(origin)).append("</p>\n");
        }
        for (String line : ReportScope.lines(report)) {
            out.append("<p class=\"partial\">").append(esc(line.strip())).append("</p>\n");
        }
        if (report.revertCommand() != null && !ReportScope.nothingChanged(report)) {
            out.append("<p>To put live back to Git instead of merging (plans first, <code>--apply</code> writes):</p>\n<pre><code>")
                    .append(esc(report.revertCommand())).append("</code></pre>\n");
        }
        if (report.pullRequest() != null && report.pullRequest().url() != null) {
            out.append("<p>Pull request ").append(esc(report.pullRequest().action())).append(": ")
                    .append(esc(report.pullRequest().url())).append("</p>\n");
        }
        out.append("</header>\n");
    }

    /** The status badge's word: the run status, or in compare-envs "differences" and "same" (nothing drifts there). */
    private static String statusWord(DriftReport report, String status) {
        if (!ReportView.isCompare(report)) {
            return status;
        }
        return switch (status) {
            case DriftReport.DRIFT -> "differences";
            case DriftReport.CLEAN -> "same";
            default -> status;
        };
    }

    private static String origin(DriftReport report) {
        String sides = ReportView.sides(report);
        if (sides != null) {
            return sides;
        }
        Origin origin = report.origin();
        if (origin == null || origin.host() == null && origin.commit() == null) {
            return null;
        }
        String commit = origin.commit() == null ? "" : " at " + origin.commit().substring(0, Math.min(12, origin.commit().length()));
        return "Live " + origin.host() + " compared with " + (origin.path() == null ? "Git" : origin.path()) + commit + ".";
    }

    private void warnings(List<String> warnings) {
        if (warnings == null || warnings.isEmpty()) {
            return;
        }
        out.append("<section aria-labelledby=\"warnings\">\n<h2 id=\"warnings\">Warnings</h2>\n<ul>\n");
        warnings.forEach(w -> out.append("<li>").append(esc(w)).append("</li>\n"));
        out.append("</ul>\n</section>\n");
    }

    private void findings(DriftReport report, Instant now) {
        if (report.findings().isEmpty()) {
            return;
        }
        out.append("<section aria-labelledby=\"findings\">\n<h2 id=\"findings\">Findings (").append(report.findings().size()).append(")</h2>\n");
        for (Finding f : report.findings()) {
            Severity severity = ReportView.severity(f);
            out.append("<article class=\"finding").append(severity == null ? "" : " sev-" + severity.id()).append("\">\n<h3>");
            if (severity != null) {
                out.append(Html.badge(severity.id(), severity.id())).append(' ');
            }
            out.append(esc(f.title())).append("</h3>\n<p class=\"meta\">").append(esc(ReportView.cause(report, f)));
            if (f.type() != null) {
                out.append(" · ").append(esc(f.type()));
            }
            if (f.datastore() != null) {
                out.append(" · datastore ").append(esc(f.datastore()));
            }
            out.append("</p>\n");
            fields(f.fields());
            List<String> notes = Attribution.notes(f, now);
            if (!notes.isEmpty()) {
                out.append("<p>").append(esc(String.join("; ", notes))).append("</p>\n");
            } else if (f.firstSeen() == null && now != null && !ReportView.isCompare(report)) {
                out.append("<p class=\"meta\">").append(esc("drift age unknown (run with --ledger to track it)")).append("</p>\n");
            }
            if (f.remedy() != null) {
                out.append("<p>Remedy: <code>").append(esc(f.remedy())).append("</code></p>\n");
            }
            if (f.files() != null && !f.files().isEmpty()) {
                out.append("<p>Files: ");
                for (int i = 0; i < f.files().size(); i++) {
                    out.append(i == 0 ? "" : ", ").append("<code>").append(esc(f.files().get(i))).append("</code>");
                }
                out.append("</p>\n");
            }
            out.append("</article>\n");
        }
        out.append("</section>\n");
    }

    private void fields(List<FieldChange> fields) {
        if (fields == null || fields.isEmpty()) {
            return;
        }
        out.append("<table>\n<caption class=\"meta\">Changed values</caption>\n<thead><tr><th scope=\"col\">Field</th>")
                .append("<th scope=\"col\">Before</th><th scope=\"col\">After</th></tr></thead>\n<tbody>\n");
        for (FieldChange c : fields) {
            out.append("<tr><th scope=\"row\"><code>").append(esc(c.path())).append("</code></th><td>")
                    .append(esc(ValueText.of(SecretMask.maskAt(c.path(), c.before())))).append("</td><td>")
                    .append(esc(ValueText.of(SecretMask.maskAt(c.path(), c.after())))).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private void changes(DriftReport report) {
        Set<String> platformOnly = ReportView.platformOnlyFiles(report);
        List<ResourceChange> shown = report.changes() == null ? List.of()
                : report.changes().stream().filter(c -> !platformOnly.contains(c.file())).toList();
        if (shown.isEmpty() && platformOnly.isEmpty()) {
            return;
        }
        out.append("<section aria-labelledby=\"changes\">\n<h2 id=\"changes\">Changed resources (").append(report.changes().size()).append(")</h2>\n");
        if (!shown.isEmpty()) {
            out.append("<table>\n<thead><tr><th scope=\"col\">Change</th><th scope=\"col\">Type</th><th scope=\"col\">Resource</th>")
                    .append("<th scope=\"col\">Severity</th><th scope=\"col\">Fields</th><th scope=\"col\">Who and when</th>")
                    .append("<th scope=\"col\">File</th></tr></thead>\n<tbody>\n");
            for (ResourceChange c : shown) {
                String severity = c.severity() == null ? "" : Html.badge(c.severity().id(), c.severity().id());
                String fields = c.fields() == null ? "" : String.join(", ", c.fields().stream().map(FieldChange::path).toList());
                String who = Attribution.phrase(c);
                out.append("<tr><td>").append(esc(ReportView.kind(report, c))).append("</td><td>").append(esc(c.type()))
                        .append("</td><th scope=\"row\">").append(esc(ReportView.label(c))).append("</th><td>").append(severity)
                        .append("</td><td>").append(esc(fields)).append("</td><td>").append(esc(who))
                        .append("</td><td><code>").append(esc(c.file())).append("</code></td></tr>\n");
            }
            out.append("</tbody>\n</table>\n");
        }
        if (!platformOnly.isEmpty()) {
            out.append("<p class=\"meta\">").append(esc(ReportView.platformOnlyLine(platformOnly.size()))).append("</p>\n");
        }
        out.append("</section>\n");
    }

    private void diffs(DriftReport report, List<FileText> texts) {
        List<ReportView.Diff> diffs = ReportView.diffs(report, texts);
        if (diffs.isEmpty()) {
            return;
        }
        out.append("<section aria-labelledby=\"diffs\">\n<h2 id=\"diffs\">File changes (").append(diffs.size()).append(")</h2>\n");
        for (ReportView.Diff diff : diffs) {
            out.append("<details>\n<summary><code>").append(esc(diff.file())).append("</code> (")
                    .append(diff.insertions()).append(" added lines, ").append(diff.deletions()).append(" removed lines)</summary>\n<pre>");
            for (String line : diff.lines()) {
                String css = line.startsWith("@@") ? "hunk" : line.startsWith("+") && !line.startsWith("+++") ? "add"
                        : line.startsWith("-") && !line.startsWith("---") ? "del" : null;
                out.append(css == null ? "" : "<span class=\"" + css + "\">").append(esc(line)).append(css == null ? "" : "</span>").append('\n');
            }
            out.append("</pre>\n</details>\n");
        }
        out.append("</section>\n");
    }

    private void ignored(DriftReport report) {
        if (report.ignored() == null || report.ignored().isEmpty()) {
            return;
        }
        out.append("<section aria-labelledby=\"ignored\">\n<h2 id=\"ignored\">Ignored (").append(report.ignored().size()).append(")</h2>\n<details>\n<summary>")
                .append(report.ignored().size()).append(report.ignored().size() == 1 ? " change" : " changes")
                .append(ReportView.isCompare(report) ? " set aside as expected differences" : " suppressed by ignore rules or expectations")
                .append("</summary>\n<ul>\n");
        for (ResourceChange c : report.ignored()) {
            out.append("<li>").append(esc(ReportView.kind(report, c) + " " + c.type() + " " + ReportView.label(c) + ": " + c.ignoredBy())).append("</li>\n");
        }
        out.append("</ul>\n</details>\n</section>\n");
    }
}
