package qdrift.notify;

import java.util.List;
import qdrift.report.PullRequestRef;
import qdrift.report.ResourceChange;

/**
 * The email's subject and its two bodies (plain text and HTML): the findings first (each with who changed it and
 * since when it drifts), then the file-level changes for whoever drills down, at most {@link #MAX_LISTED} of each.
 */
public record EmailMessage(String subject, String text, String html) {
    static final int MAX_LISTED = 200;

    public static EmailMessage of(Alert alert) {
        AlertText text = alert.text();
        PullRequestRef ref = alert.report().pullRequest();

        StringBuilder plain = new StringBuilder()
                .append(text.title()).append("\n\n")
                .append(text.subject().substring(AlertText.PREFIX.length())).append("\n")
                .append("source: ").append(text.source()).append("\n");
        StringBuilder html = new StringBuilder("<html><body>")
                .append("<h2>").append(escape(text.title())).append("</h2>")
                .append("<p>").append(escape(text.subject().substring(AlertText.PREFIX.length()))).append("<br>")
                .append("source: ").append(escape(text.source())).append("</p>");
        if (alert.occasion().isDrift()) {
            plain.append("by type: ").append(text.countsLine()).append("\n");
            html.append("<p>by type: ").append(escape(text.countsLine())).append("</p>");
            boolean findings = !text.findings().isEmpty();
            section(plain, html, findings ? "Findings" : null, text.items());
            if (findings) {
                List<ResourceChange> changes = text.topChanges();
                section(plain, html, "Changes", changes.stream().map(AlertText::item).toList());
            }
            if (text.othersLine() != null) {
                plain.append("\n").append(text.othersLine()).append("\n");
                html.append("<p><em>").append(escape(text.othersLine())).append("</em></p>");
            }
        }
        if (ref != null && ref.url() != null) {
            plain.append("\npull request #").append(ref.number()).append(": ").append(ref.url()).append("\n");
            html.append("<p><a href=\"").append(escape(ref.url())).append("\">pull request #").append(ref.number()).append("</a></p>");
        }
        html.append("</body></html>");
        return new EmailMessage(text.subject(), plain.toString(), html.toString());
    }

    /** A titled list (title null: no heading), each item with its notes indented below it. */
    private static void section(StringBuilder plain, StringBuilder html, String title, List<AlertText.Item> items) {
        List<AlertText.Item> listed = items.subList(0, Math.min(MAX_LISTED, items.size()));
        plain.append("\n");
        if (title != null) {
            plain.append(title).append(":\n");
            html.append("<h3>").append(escape(title)).append("</h3>");
        }
        html.append("<ul>");
        for (AlertText.Item item : listed) {
            plain.append("- ").append(item.line()).append("\n");
            item.notes().forEach(note -> plain.append("    ").append(note).append("\n"));
            String line = escape(item.line());
            html.append("<li>").append(item.loosening() ? "<strong>" + line + "</strong>" : line);
            if (!item.notes().isEmpty()) {
                html.append("<br><small>").append(escape(String.join(" · ", item.notes()))).append("</small>");
            }
            html.append("</li>");
        }
        if (items.size() > listed.size()) {
            plain.append(AlertText.moreLine(items.size() - listed.size())).append("\n");
            html.append("<li><em>").append(AlertText.moreLine(items.size() - listed.size())).append("</em></li>");
        }
        html.append("</ul>");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
