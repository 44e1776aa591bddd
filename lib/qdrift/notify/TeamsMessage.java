package qdrift.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import qdrift.report.PullRequestRef;

/**
 * The Teams Workflows webhook payload: a message with one Adaptive Card attachment. Teams refuses posts over
 * about 28 KB, so the resource list stops when the payload would pass {@link #MAX_BYTES} and ends with "... and M more".
 */
public final class TeamsMessage {
    public static final int MAX_BYTES = 28 * 1024;
    /** Room kept for the closing "... and M more" line and the JSON around the listed items. */
    static final int BUDGET_BYTES = MAX_BYTES - 2 * 1024;
    static final int MAX_LISTED = 100;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TeamsMessage() {
    }

    public static ObjectNode payload(Alert alert) {
        AlertText text = alert.text();
        ObjectNode card = JSON.objectNode()
                .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard")
                .put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.add(textBlock(text.title()).put("size", "Large").put("weight", "Bolder")
                .put("color", alert.occasion().isDrift() ? "Attention" : "Good"));
        body.add(textBlock(text.subject().substring(AlertText.PREFIX.length())));
        if (text.driftingSince() != null && alert.occasion().isDrift()) {
            body.add(textBlock(text.driftingFor() != null ? text.driftingFor() + " (since " + text.driftingSince() + ")"
                    : "first seen " + text.driftingSince()).put("spacing", "None"));
        }
        body.add(textBlock("source: " + text.source()).put("isSubtle", true).put("spacing", "None"));
        if (alert.occasion().isDrift()) {
            ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
            text.countsByType().forEach((type, count) -> facts.addObject().put("title", type).put("value", String.valueOf(count)));
        }
        PullRequestRef ref = alert.report().pullRequest();
        if (ref != null && ref.url() != null) {
            card.putArray("actions").addObject().put("type", "Action.OpenUrl")
                    .put("title", "Pull request #" + ref.number()).put("url", ref.url());
        }
        ObjectNode payload = JSON.objectNode().put("type", "message");
        payload.putArray("attachments").addObject()
                .put("contentType", "application/vnd.microsoft.card.adaptive")
                .putNull("contentUrl")
                .set("content", card);
        if (alert.occasion().isDrift()) {
            addItems(body, text.items(), bytes(payload));
            if (text.othersLine() != null) {
                body.add(textBlock(text.othersLine()).put("isSubtle", true));
            }
        }
        return payload;
    }

    private static void addItems(ArrayNode body, List<AlertText.Item> items, int usedBytes) {
        int used = usedBytes;
        int listed = 0;
        for (AlertText.Item item : items) {
            ObjectNode block = itemBlock(item);
            int size = bytes(block) + 1;
            if (listed == MAX_LISTED || used + size > BUDGET_BYTES) {
                break;
            }
            body.add(block);
            used += size;
            listed++;
        }
        if (listed < items.size()) {
            body.add(textBlock(AlertText.moreLine(items.size() - listed)).put("isSubtle", true));
        }
    }

    /** The item's line, then its notes (who, when, since when) on a line of their own. */
    private static ObjectNode itemBlock(AlertText.Item item) {
        String notes = item.notes().isEmpty() ? "" : "\n\n" + String.join(" · ", item.notes());
        ObjectNode block = textBlock(Clip.to(item.line() + notes, 1_500));
        if (item.loosening()) {
            block.put("color", "Attention").put("weight", "Bolder");
        }
        return block;
    }

    private static ObjectNode textBlock(String text) {
        return JSON.objectNode().put("type", "TextBlock").put("text", text).put("wrap", true);
    }

    static int bytes(ObjectNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
