package qdrift.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import qdrift.cli.Log;
import qdrift.report.ReportJson;

/**
 * Sends one alert along every route (each a filter and a destination); a failing destination never stops the others.
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

    private final Routes routes;
    private final Log log;

    public Notifier(List<Destination> destinations, Log log) {
        this(Routes.each(destinations, When.everything()), log);
    }

    public Notifier(Routes routes, Log log) {
        this.routes = routes;
        this.log = log;
    }

    /** state and gate are null without --only-on-change; dryRunOut is null unless --dry-run. */
    public Outcome run(Alert alert, NotifyState state, ChangeGate gate, Instant now, PrintWriter dryRunOut) {
        return run(CombinedReports.Alerts.of(alert), state, gate, now, dryRunOut);
    }

    /**
     * Each route's destination gets the alerts its fanout asks for (the combined one, one per origin, or one per
     * report), each cut down to what the route takes; an alert with nothing for the route is not sent (with a state,
     * it is the route's "resolved" when the route last heard of drift).
     */
    public Outcome run(CombinedReports.Alerts alerts, NotifyState state, ChangeGate gate, Instant now, PrintWriter dryRunOut) {
        List<String> sent = new ArrayList<>();
        List<String> quiet = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < routes.all().size(); i++) {
            Route route = routes.all().get(i);
            Predicate<When.Subject> selects = routes.selector(i);
            Destination destination = route.destination();
            List<Alert> toSend = switch (destination.fanout()) {
                case COMBINED -> List.of(alerts.combined());
                case PER_ORIGIN -> alerts.origins();
                case PER_REPORT -> alerts.reports();
            };
            for (Alert whole : toSend) {
                ReportSlice slice = ReportSlice.of(whole, selects, route.when()::concernsDatastore);
                if (slice.outside() && state == null) {
                    log.info(route.label() + ": nothing in this report for " + route.when().text() + ", staying quiet");
                    quiet.add(route.label());
                    continue;
                }
                Alert alert = slice.alert();
                String key = route.stateKey(ChangeGate.key(destination, alert.report()));
                if (destination.fanout() == Destination.Fanout.PER_REPORT && alert.report().origin() != null
                        && alert.report().origin().shard() != null) {
                    key += " shard " + alert.report().origin().shard();
                }
                send(route, alert, key, state, gate, now, dryRunOut, sent, quiet, failures);
            }
        }
        if (state != null && dryRunOut == null && !sent.isEmpty()) {
            state.save();
        }
        return new Outcome(sent, quiet, failures);
    }

    private void send(Route route, Alert alert, String key, NotifyState state, ChangeGate gate, Instant now,
                      PrintWriter dryRunOut, List<String> sent, List<String> quiet, List<String> failures) {
        Destination destination = route.destination();
        String fingerprint = ReportIdentity.fingerprint(alert.report());
        Alert toSend = alert.at(now);
        if (state != null) {
            Optional<Occasion> occasion = gate.decide(alert.report(), fingerprint, state.get(key), now);
            if (occasion.isEmpty()) {
                log.info(route.label() + ": nothing new since the last notification, staying quiet");
                quiet.add(route.label());
                return;
            }
            toSend = toSend.as(occasion.get());
        }
        if (dryRunOut != null) {
            ObjectNode preview = destination.preview(toSend);
            if (route.name() != null) {
                preview.put("route", route.name());
            }
            dryRunOut.println(MAPPER.valueToTree(preview).toPrettyString());
            sent.add(route.label());
            return;
        }
        try {
            destination.send(toSend);
            log.info(route.label() + ": sent (" + toSend.occasion().label() + ")");
            sent.add(route.label());
            if (state != null) {
                state.put(key, new NotifyState.Entry(fingerprint, alert.report().status(), now));
            }
        } catch (DeliveryFailure failure) {
            failures.add(route.name() == null ? failure.getMessage() : "route " + route.name() + ": " + failure.getMessage());
        }
    }
}
