package qdrift.notify;

import java.util.List;
import qdrift.report.PullRequestRef;
import qdrift.report.ResourceChange;
import qdrift.report.Severity;

/** The email's subject and its two bodies (plain text and HTML), listing at most {@link #MAX_LISTED} changes. */
public record EmailMessage(String subject, String text, String html) {
    static final int MAX_LISTED = 200;

    public static EmailMessage of(Alert alert) {
        AlertText text = alert.text();
        List<ResourceChange> changes = alert.occasion().isDrift() ? text.topChanges() : List.of();
        List<ResourceChange> listed = changes.subList(0, Math.min(MAX_LISTED, changes.size()));
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
            plain.append("by type: ").append(text.countsLine()).append("\n\n");
            html.append("<p>by type: ").append(escape(text.countsLine())).append("</p><ul>");
            for (ResourceChange change : listed) {
                plain.append("- ").append(AlertText.changeLine(change)).append("\n");
                String line = escape(AlertText.changeLine(change));
                html.append("<li>").append(change.severity() == Severity.LOOSENING ? "<strong>" + line + "</strong>" : line).append("</li>");
            }
            if (changes.size() > listed.size()) {
                plain.append(AlertText.moreLine(changes.size() - listed.size())).append("\n");
                html.append("<li><em>").append(AlertText.moreLine(changes.size() - listed.size())).append("</em></li>");
            }
            html.append("</ul>");
        }
        if (ref != null && ref.url() != null) {
            plain.append("\npull request #").append(ref.number()).append(": ").append(ref.url()).append("\n");
            html.append("<p><a href=\"").append(escape(ref.url())).append("\">pull request #").append(ref.number()).append("</a></p>");
        }
        html.append("</body></html>");
        return new EmailMessage(text.subject(), plain.toString(), html.toString());
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
