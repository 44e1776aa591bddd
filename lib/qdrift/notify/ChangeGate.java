package qdrift.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import qdrift.report.DriftReport;

/**
 * --only-on-change: decides whether a destination hears about this report, given what it heard last.
 * New or changed drift (or a partial result, which is treated as drift) is sent; the same drift only as a reminder
 * once remindEvery has passed; the first clean
 * report after drift is sent as "resolved", and later clean reports (or a clean first run) stay quiet.
 */
public record ChangeGate(Duration remindEvery) {

    /** The occasion to send, or empty to stay quiet. */
    public Optional<Occasion> decide(DriftReport report, String fingerprint, NotifyState.Entry previous, Instant now) {
        boolean wasDrift = previous != null && (DriftReport.DRIFT.equals(previous.status())
                || DriftReport.PARTIAL.equals(previous.status()));
        if (report.isClean()) {
            return wasDrift ? Optional.of(Occasion.RESOLVED) : Optional.empty();
        }
        if (!wasDrift || !previous.fingerprint().equals(fingerprint)) {
            return Optional.of(Occasion.DRIFT);
        }
        boolean due = !now.isBefore(previous.lastSent().plus(remindEvery));
        return due ? Optional.of(Occasion.REMINDER) : Optional.empty();
    }

    /** The key one destination's memory of one origin is stored under. */
    public static String key(Destination destination, DriftReport report) {
        return destination.name() + " " + ReportIdentity.dedupKey(report);
    }
}
