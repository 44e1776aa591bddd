package qdrift.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import qdrift.report.PullRequestRef;

/**
 * An Events API v2 event: trigger while drifting, resolve when clean, both under the same dedup_key
 * (see {@link ReportIdentity#dedupKey}). The routing key goes in only when sending, never in a preview.
 */
public final class PagerDutyEvent {
    public static final int MAX_SUMMARY = 1_024;
    static final int MAX_TOP_CHANGES = 20;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PagerDutyEvent() {
    }

    public static ObjectNode payload(Alert alert, String routingKey) {
        return payload(alert, routingKey, null);
    }

    /** The event of one route (null: notify.java's flags), under that route's dedup key. */
    public static ObjectNode payload(Alert alert, String routingKey, String route) {
        AlertText text = alert.text();
        ObjectNode event = JSON.objectNode().put("routing_key", routingKey);
        String dedupKey = ReportIdentity.dedupKey(alert.report(), route);
        if (!alert.occasion().isDrift()) {
            return event.put("event_action", "resolve").put("dedup_key", dedupKey);
        }
        event.put("event_action", "trigger").put("dedup_key", dedupKey).put("client", "qualytics-drift");
        ObjectNode payload = event.putObject("payload")
                .put("summary", Clip.to(text.subject(), MAX_SUMMARY))
                .put("source", text.source())
                .put("severity", text.loosening() > 0 ? "error" : "warning")
                .put("component", text.where())
                .put("group", alert.report().kind())
                .put("class", "configuration drift");
        ObjectNode details = payload.putObject("custom_details");
        details.put("findings", text.findings().size()).put("changes", text.total()).put("loosening", text.loosening());
        if (text.othersLine() != null) {
            details.put("not_routed_here", text.othersLine());
        }
        if (!text.notChecked().isEmpty()) {
            details.put("not_checked", text.notChecked());
        }
        if (text.driftingSince() != null) {
            details.put("drifting_since", text.driftingSince());
            if (text.driftingFor() != null) {
                details.put("drifting_for", text.driftingFor().substring("drifting for ".length()));
            }
        }
        ArrayNode editors = details.putArray("changed_by");
        text.editors().forEach(editors::add);
        ArrayNode lead = details.putArray("top_findings");
        List<AlertText.Item> items = text.items();
        items.stream().limit(MAX_TOP_CHANGES).map(AlertText.Item::oneLine).map(line -> Clip.to(line, 500)).forEach(lead::add);
        if (items.size() > MAX_TOP_CHANGES) {
            lead.add(AlertText.moreLine(items.size() - MAX_TOP_CHANGES));
        }
        ObjectNode byType = details.putObject("by_type");
        text.countsByType().forEach(byType::put);
        ArrayNode top = details.putArray("top_changes");
        text.topChanges().stream().limit(MAX_TOP_CHANGES).map(c -> AlertText.item(c).oneLine()).map(line -> Clip.to(line, 500))
                .forEach(top::add);
        if (text.changes().size() > MAX_TOP_CHANGES) {
            top.add(AlertText.moreLine(text.changes().size() - MAX_TOP_CHANGES));
        }
        PullRequestRef ref = alert.report().pullRequest();
        if (ref != null && ref.url() != null) {
            event.putArray("links").addObject().put("href", ref.url()).put("text", "Pull request #" + ref.number());
        }
        return event;
    }
}
