package qdrift.notify;

import qdrift.report.DriftReport;

/** What every destination turns into its own payload: the report, its exact JSON text and why it is sent. */
public record Alert(DriftReport report, String json, Occasion occasion) {

    public static Alert of(DriftReport report, String json) {
        return new Alert(report, json, report.isClean() ? Occasion.CLEAN : Occasion.DRIFT);
    }

    public Alert as(Occasion occasion) {
        return new Alert(report, json, occasion);
    }

    public AlertText text() {
        return new AlertText(report, occasion);
    }
}
