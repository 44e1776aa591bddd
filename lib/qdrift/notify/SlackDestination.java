package qdrift.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Slack incoming webhook (URL from SLACK_WEBHOOK or a file). Slack answers errors as plain words, explained here. */
public record SlackDestination(Secret webhook, HttpDelivery http) implements Destination {
    private static final Map<String, String> HINTS = Map.of(
            "invalid_payload", "Slack could not read the message: report it with --verbose and --dry-run output",
            "no_service", "the webhook is disabled or revoked: create a new one and update SLACK_WEBHOOK",
            "no_team", "the workspace is gone or the webhook URL is wrong: check SLACK_WEBHOOK",
            "channel_not_found", "the webhook's channel no longer exists: recreate the webhook for another channel",
            "channel_is_archived", "the webhook's channel is archived: unarchive it or recreate the webhook",
            "action_prohibited", "a workspace admin restricts this webhook: ask them to allow it",
            "invalid_token", "the webhook URL is not valid: copy it again from Slack",
            "user_not_found", "the webhook's user does not exist: recreate the webhook");

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public ObjectNode preview(Alert alert) {
        ObjectNode preview = Destination.previewOf(name(), webhook);
        preview.set("payload", SlackMessage.payload(alert));
        return preview;
    }

    @Override
    public void send(Alert alert) {
        try {
            http.post(name(), webhook, SlackMessage.payload(alert).toString(), Map.of());
        } catch (DeliveryFailure failure) {
            throw withHint(failure);
        }
    }

    /** Slack's words explain a refusal (4xx) only; "no_service" means revoked only with 403, 404 or 410. */
    private static DeliveryFailure withHint(DeliveryFailure failure) {
        int status = failure.status();
        if (status == 429 || status >= 500) {
            return new DeliveryFailure(failure.getMessage() + ": Slack is busy or failing, not refusing the webhook;"
                    + " try again later", failure);
        }
        if (status < 400) {
            return failure;
        }
        for (Map.Entry<String, String> hint : HINTS.entrySet()) {
            boolean revoked = hint.getKey().equals("no_service");
            if (revoked && status != 403 && status != 404 && status != 410) {
                continue;
            }
            if (failure.getMessage().contains(" " + hint.getKey())) {
                return new DeliveryFailure(failure.getMessage() + ": " + hint.getValue(), failure);
            }
        }
        return failure;
    }
}
