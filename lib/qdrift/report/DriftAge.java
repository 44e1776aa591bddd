package qdrift.report;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** How long something has been drifting, in the words every report and alert uses: "drifting for 3 days". */
public final class DriftAge {
    private DriftAge() {
    }

    /** "3 days", "1 day", "5 hours", "40 minutes", "less than a minute". */
    public static String span(Duration duration) {
        long minutes = Math.max(0, duration.toMinutes());
        if (minutes >= 24 * 60) {
            return plural(minutes / (24 * 60), "day");
        }
        if (minutes >= 60) {
            return plural(minutes / 60, "hour");
        }
        return minutes == 0 ? "less than a minute" : plural(minutes, "minute");
    }

    /**
     * "drifting for 3 days (first seen 2026-11-28T09:00:00Z)", "first seen in this run" when it is new, or just
     * "first seen ..." when now is unknown; null when firstSeen is null.
     */
    public static String phrase(String firstSeen, Instant now) {
        if (firstSeen == null) {
            return null;
        }
        Instant since = parse(firstSeen);
        if (now == null || since == null) {
            return "first seen " + firstSeen;
        }
        if (!since.isBefore(now)) {
            return "first seen in this run";
        }
        return "drifting for " + span(Duration.between(since, now)) + " (first seen " + firstSeen + ")";
    }

    /** The earliest of the given first-seen instants (how long the oldest finding has drifted), or null. */
    public static String earliest(Iterable<String> firstSeens) {
        String earliest = null;
        for (String seen : firstSeens) {
            Instant at = seen == null ? null : parse(seen);
            if (at != null && (earliest == null || at.isBefore(parse(earliest)))) {
                earliest = seen;
            }
        }
        return earliest;
    }

    static Instant parse(String instant) {
        try {
            return Instant.parse(instant);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
