package qdrift.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import qdrift.report.PullRequestRef;

/**
 * The Slack incoming-webhook payload: a fallback text plus Block Kit blocks, always inside Slack's limits
 * (50 blocks, 150 characters per header, 3,000 per section text, 40,000 for text). Slack also refuses messages
 * whose blocks are long in total, so the listed resources share a smaller budget and the rest become "... and M more".
 */
public final class SlackMessage {
    public static final int MAX_BLOCKS = 50;
    public static final int MAX_SECTION_TEXT = 3_000;
    public static final int MAX_HEADER_TEXT = 150;
    public static final int MAX_TEXT = 40_000;
    static final int MAX_LISTED = 20;
    static final int LISTED_BUDGET = 9_000;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SlackMessage() {
    }

    public static ObjectNode payload(Alert alert) {
        AlertText text = alert.text();
        ObjectNode payload = JSON.objectNode();
        String pr = text.pullRequestUrl();
        payload.put("text", Clip.to(text.subject() + (pr != null ? " " + pr : ""), MAX_TEXT));
        ArrayNode blocks = payload.putArray("blocks");
        blocks.add(header(text.title()));
        blocks.add(section("*" + escape(text.where()) + "*: " + escape(statusLine(text)) + "\n" + escape("source: " + text.source())
                + (text.notChecked().isEmpty() ? "" : "\n:warning: " + escape(text.notChecked()))));
        if (alert.occasion().isDrift()) {
            blocks.add(section(countsByType(text.countsByType())));
            blocks.add(JSON.objectNode().put("type", "divider"));
            addItems(blocks, text.items());
            if (text.othersLine() != null) {
                blocks.add(section("_" + escape(text.othersLine()) + "_"));
            }
        }
        PullRequestRef ref = alert.report().pullRequest();
        if (ref != null && ref.url() != null) {
            blocks.add(section("Pull request: <" + ref.url() + "|#" + ref.number() + ">"
                    + (ref.action() != null ? " (" + escape(ref.action()) + ")" : "")));
        }
        return payload;
    }

    private static String statusLine(AlertText text) {
        return switch (text.occasion()) {
            case DRIFT -> text.countsPhrase();
            case REMINDER -> "still " + text.countsPhrase() + (text.driftingFor() == null ? "" : ", " + text.driftingFor());
            case RESOLVED -> "drift resolved, live configuration matches Git again";
            case CLEAN -> "no drift";
        };
    }

    private static String countsByType(Map<String, Integer> counts) {
        StringBuilder text = new StringBuilder();
        counts.forEach((type, count) -> text.append("*").append(escape(type)).append("*: ").append(count).append("\n"));
        return text.length() == 0 ? "no changes listed" : text.toString().strip();
    }

    private static void addItems(ArrayNode blocks, List<AlertText.Item> items) {
        // Room left for the "... and M more" line, the "not routed here" line and the pull-request section.
        int room = Math.min(MAX_LISTED, MAX_BLOCKS - blocks.size() - 3);
        int used = 0;
        int listed = 0;
        for (AlertText.Item item : items) {
            String line = Clip.to(itemText(item), MAX_SECTION_TEXT);
            if (listed == room || used + line.length() > LISTED_BUDGET) {
                break;
            }
            blocks.add(section(line));
            used += line.length();
            listed++;
        }
        if (listed < items.size()) {
            blocks.add(section("_" + AlertText.moreLine(items.size() - listed) + "_"));
        }
    }

    /** A loosening marker, the item's line, and its notes (who, when, since when) in italics below. */
    static String itemText(AlertText.Item item) {
        StringBuilder text = new StringBuilder(item.loosening() ? ":rotating_light: " : "").append(escape(item.line()));
        if (!item.notes().isEmpty()) {
            text.append("\n_").append(escape(String.join(" · ", item.notes()))).append("_");
        }
        return text.toString();
    }

    private static ObjectNode header(String title) {
        ObjectNode block = JSON.objectNode().put("type", "header");
        block.putObject("text").put("type", "plain_text").put("text", Clip.to(title, MAX_HEADER_TEXT));
        return block;
    }

    private static ObjectNode section(String mrkdwn) {
        ObjectNode block = JSON.objectNode().put("type", "section");
        block.putObject("text").put("type", "mrkdwn").put("text", Clip.to(mrkdwn, MAX_SECTION_TEXT));
        return block;
    }

    /** Slack's mrkdwn needs only these three escaped. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
