package qdrift.notify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One place an alert goes. Implementations never put a secret in a preview, a log line or a failure message. */
public interface Destination {
    /** "slack", "teams", "pagerduty", "email", "webhook": names failures and keys the --only-on-change state. */
    String name();

    /** What {@link #send} would deliver, with every secret masked (for --dry-run). */
    ObjectNode preview(Alert alert);

    /** How several reports reach this destination: one message for all (chat, email), or one per origin or report. */
    enum Fanout { COMBINED, PER_ORIGIN, PER_REPORT }

    default Fanout fanout() {
        return Fanout.COMBINED;
    }

    /** This destination as one route's (PagerDuty keeps one incident per route); most are the same for every route. */
    default Destination forRoute(String route) {
        return this;
    }

    /** Delivers the alert or throws a {@link DeliveryFailure} naming this destination. */
    void send(Alert alert);

    static ObjectNode previewOf(String name, Secret secret) {
        return JsonNodeFactory.instance.objectNode().put("destination", name).put("url", secret == null ? "(not set)" : "***");
    }
}
