package qdrift.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import qdrift.cli.Log;
import qdrift.report.ReportJson;

/**
 * Sends one alert to every destination; a failing destination never stops the others.
 * With a state (--only-on-change) each destination is asked the {@link ChangeGate} first and remembered after a
 * successful send only, so a failed one is tried again on the next run. A dry run prints the masked payloads instead.
 */
public final class Notifier {
    /** What happened: destinations that received (or, dry run, would receive) the alert, stayed quiet, or failed. */
    public record Outcome(List<String> sent, List<String> quiet, List<String> failures) {
        public boolean ok() {
            return failures.isEmpty();
        }
    }

    private static final ObjectMapper MAPPER = ReportJson.mapper();

    private final List<Destination> destinations;
    private final Log log;

    public Notifier(List<Destination> destinations, Log log) {
        this.destinations = List.copyOf(destinations);
        this.log = log;
    }

    /** state and gate are null without --only-on-change; dryRunOut is null unless --dry-run. */
    public Outcome run(Alert alert, NotifyState state, ChangeGate gate, Instant now, PrintWriter dryRunOut) {
        return run(CombinedReports.Alerts.of(alert), state, gate, now, dryRunOut);
    }

    /** Each destination gets the alerts its fanout asks for: the combined one, one per origin, or one per report. */
    public Outcome run(CombinedReports.Alerts alerts, NotifyState state, ChangeGate gate, Instant now, PrintWriter dryRunOut) {
        List<String> sent = new ArrayList<>();
        List<String> quiet = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Destination destination : destinations) {
            List<Alert> toSend = switch (destination.fanout()) {
                case COMBINED -> List.of(alerts.combined());
                case PER_ORIGIN -> alerts.origins();
                case PER_REPORT -> alerts.reports();
            };
            for (Alert alert : toSend) {
                String key = ChangeGate.key(destination, alert.report());
                if (destination.fanout() == Destination.Fanout.PER_REPORT && alert.report().origin() != null
                        && alert.report().origin().shard() != null) {
                    key += " shard " + alert.report().origin().shard();
                }
                send(destination, alert, key, state, gate, now, dryRunOut, sent, quiet, failures);
            }
        }
        if (state != null && dryRunOut == null && !sent.isEmpty()) {
            state.save();
        }
        return new Outcome(sent, quiet, failures);
    }

    private void send(Destination destination, Alert alert, String key, NotifyState state, ChangeGate gate, Instant now,
                      PrintWriter dryRunOut, List<String> sent, List<String> quiet, List<String> failures) {
        String fingerprint = ReportIdentity.fingerprint(alert.report());
        Alert toSend = alert.at(now);
        if (state != null) {
            Optional<Occasion> occasion = gate.decide(alert.report(), fingerprint, state.get(key), now);
            if (occasion.isEmpty()) {
                log.info(destination.name() + ": nothing new since the last notification, staying quiet");
                quiet.add(destination.name());
                return;
            }
            toSend = toSend.as(occasion.get());
        }
        if (dryRunOut != null) {
            dryRunOut.println(MAPPER.valueToTree(destination.preview(toSend)).toPrettyString());
            sent.add(destination.name());
            return;
        }
        try {
            destination.send(toSend);
            log.info(destination.name() + ": sent (" + toSend.occasion().label() + ")");
            sent.add(destination.name());
            if (state != null) {
                state.put(key, new NotifyState.Entry(fingerprint, alert.report().status(), now));
            }
        } catch (DeliveryFailure failure) {
            failures.add(failure.getMessage());
        }
    }
}
