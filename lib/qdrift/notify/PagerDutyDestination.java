package qdrift.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * PagerDuty Events API v2: trigger while drifting, resolve when clean, one incident per watched origin and route
 * (route null: the incident notify.java's flags have always used), so one route resolving leaves another's open.
 */
public record PagerDutyDestination(Secret routingKey, Secret endpoint, HttpDelivery http, String route) implements Destination {
    public static final String DEFAULT_ENDPOINT = "https://events.pagerduty.com/v2/enqueue";

    public PagerDutyDestination(Secret routingKey, Secret endpoint, HttpDelivery http) {
        this(routingKey, endpoint, http, null);
    }

    @Override
    public String name() {
        return "pagerduty";
    }

    /** One incident per watched origin: several reports of one origin (its shards) are one event. */
    @Override
    public Fanout fanout() {
        return Fanout.PER_ORIGIN;
    }

    @Override
    public Destination forRoute(String name) {
        return new PagerDutyDestination(routingKey, endpoint, http, name);
    }

    @Override
    public ObjectNode preview(Alert alert) {
        ObjectNode preview = Destination.previewOf(name(), null).put("url", endpoint.value());
        preview.set("payload", PagerDutyEvent.payload(alert, routingKey == null ? "(not set)" : "***", route));
        return preview;
    }

    @Override
    public void send(Alert alert) {
        String body = PagerDutyEvent.payload(alert, routingKey.value(), route).toString();
        try {
            http.post(name(), endpoint, body, Map.of());
        } catch (DeliveryFailure failure) {
            throw new DeliveryFailure(routingKey.redact(failure.getMessage()), failure.getCause());
        }
    }
}
