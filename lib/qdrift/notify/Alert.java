package qdrift.notify;

import java.time.Instant;
import qdrift.report.DriftReport;

/**
 * What every destination turns into its own payload: the report, its exact JSON text, why it is sent and when (now,
 * so a reminder can say how long it has drifted; null when unknown), and others: how many findings (or changes) of
 * the report as read a filter left out of this one (0 without a filter).
 */
public record Alert(DriftReport report, String json, Occasion occasion, Instant now, int others) {

    public Alert(DriftReport report, String json, Occasion occasion, Instant now) {
        this(report, json, occasion, now, 0);
    }

    public Alert(DriftReport report, String json, Occasion occasion) {
        this(report, json, occasion, null);
    }

    public static Alert of(DriftReport report, String json) {
        return new Alert(report, json, report.isClean() ? Occasion.CLEAN : Occasion.DRIFT);
    }

    public Alert as(Occasion occasion) {
        return new Alert(report, json, occasion, now, others);
    }

    public Alert at(Instant when) {
        return new Alert(report, json, occasion, when, others);
    }

    public AlertText text() {
        return new AlertText(report, occasion, now, others);
    }
}
