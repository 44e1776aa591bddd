package qdrift.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Microsoft Teams Workflows webhook ("When a Teams webhook request is received"), URL from TEAMS_WEBHOOK or a file. */
public record TeamsDestination(Secret webhook, HttpDelivery http) implements Destination {
    @Override
    public String name() {
        return "teams";
    }

    @Override
    public ObjectNode preview(Alert alert) {
        ObjectNode preview = Destination.previewOf(name(), webhook);
        preview.set("payload", TeamsMessage.payload(alert));
        return preview;
    }

    @Override
    public void send(Alert alert) {
        http.post(name(), webhook, TeamsMessage.payload(alert).toString(), Map.of());
    }
}
