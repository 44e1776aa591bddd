package qdrift.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.report.DriftReport;
import qdrift.report.Finding;
import qdrift.report.Origin;
import qdrift.report.Summary;

/** First-seen times from the ledger, and the auditor's summary of it. */
class DriftLedgerTest {
    private static final Origin ORIGIN = Origin.live("acme.qualytics.io", List.of(new Origin.DatastoreRef(42L, "prod")),
            "/repo", "qualytics-config", "abc");
    private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");

    @TempDir
    Path temp;

    static Finding finding(String fingerprint) {
        return new Finding(fingerprint, "modified", "checks", "prod", "orders", fingerprint, "check " + fingerprint + " modified",
                null, List.of(), List.of("datastores/prod/checks/orders/" + fingerprint + ".yaml"), null, null, null, null, null);
    }

    static DriftReport report(Origin origin, String status, String... fingerprints) {
        List<Finding> findings = java.util.Arrays.stream(fingerprints).map(DriftLedgerTest::finding).toList();
        return new DriftReport(DriftReport.SCHEMA, "qualytics-drift test", "drift", status, origin,
                new Summary(0, 0, findings.size(), 0, 0, Map.of()), findings, List.of(), List.of(), List.of(), List.of(), null, null);
    }

    static DriftReport report(String status, String... fingerprints) {
        return report(ORIGIN, status, fingerprints);
    }

    static String firstSeen(DriftReport report, String fingerprint) {
        return report.findings().stream().filter(f -> f.fingerprint().equals(fingerprint)).findFirst().orElseThrow().firstSeen();
    }

    @Test
    void aFindingIsFirstSeenWhenItsUnbrokenSeriesOfRunsBegan() {
        DriftLedger ledger = new DriftLedger(new LedgerFile(temp.resolve("ledger.jsonl")));
        ledger.record(report("clean"), T0);
        DriftReport second = ledger.record(report("drift", "a"), T0.plus(Duration.ofHours(1)));
        DriftReport third = ledger.record(report("drift", "a", "b"), T0.plus(Duration.ofHours(2)));
        DriftReport partial = ledger.record(report("partial", "b"), T0.plus(Duration.ofHours(3)));
        DriftReport fifth = ledger.record(report("drift", "a", "b"), T0.plus(Duration.ofHours(4)));
        ledger.record(report("clean"), T0.plus(Duration.ofHours(5)));
        DriftReport back = ledger.record(report("drift", "a"), T0.plus(Duration.ofHours(6)));

        assertEquals("2026-11-01T10:00:00Z", firstSeen(second, "a"), "new: first seen in this run");
        assertEquals("2026-11-01T10:00:00Z", firstSeen(third, "a"));
        assertEquals("2026-11-01T11:00:00Z", firstSeen(third, "b"));
        assertEquals("2026-11-01T11:00:00Z", firstSeen(partial, "b"));
        assertEquals("2026-11-01T10:00:00Z", firstSeen(fifth, "a"), "a partial run that did not see it does not end it");
        assertEquals("2026-11-01T15:00:00Z", firstSeen(back, "a"), "a clean run resolved it: it is new again");
    }

    @Test
    void runsOfAnotherScopeNeitherStartNorResolveAFinding() {
        DriftLedger ledger = new DriftLedger(new LedgerFile(temp.resolve("ledger.jsonl")));
        Origin other = Origin.live("acme.qualytics.io", List.of(new Origin.DatastoreRef(43L, "staging")), "/repo", "qualytics-config", "abc");
        ledger.record(report("drift", "a"), T0);
        ledger.record(report(other, "clean"), T0.plus(Duration.ofHours(1)));
        DriftReport later = ledger.record(report("drift", "a"), T0.plus(Duration.ofHours(2)));
        assertEquals(T0.toString(), firstSeen(later, "a"));
    }

    @Test
    void theSummaryCountsRunsEpisodesAndTimeToResolution() {
        LedgerFile file = new LedgerFile(temp.resolve("ledger.jsonl"));
        DriftLedger ledger = new DriftLedger(file);
        ledger.record(report("clean"), T0);                                           // day 0 09:00
        ledger.record(report("drift", "a"), T0.plus(Duration.ofHours(1)));            // episode 1 starts
        ledger.record(report("drift", "a", "b"), T0.plus(Duration.ofHours(2)));
        ledger.record(report("drift", "b"), T0.plus(Duration.ofHours(4)));            // a resolved after 3 h
        ledger.record(report("clean"), T0.plus(Duration.ofHours(7)));                 // episode 1: 6 h; b: 5 h
        ledger.record(report("drift", "c"), T0.plus(Duration.ofDays(2)));             // episode 2, still open
        Instant now = T0.plus(Duration.ofDays(3));

        LedgerSummary all = LedgerSummary.of(file.read(), Instant.EPOCH, now);
        assertEquals(6, all.runs());
        assertEquals(2, all.clean());
        assertEquals(4, all.drift());
        assertEquals(2, all.episodes().size());
        assertEquals(new LedgerSummary.Episode(ORIGIN.host() + " [42] qualytics-config", T0.plus(Duration.ofHours(1)),
                T0.plus(Duration.ofHours(7)), 3, 2), all.episodes().get(0));
        assertNull(all.episodes().get(1).resolved(), "the last episode is ongoing");
        assertEquals(new LedgerSummary.Resolution(1, Duration.ofHours(6), Duration.ofHours(6)), all.episodeResolution());
        assertEquals(new LedgerSummary.Resolution(2, Duration.ofHours(4), Duration.ofHours(5)), all.findingResolution());
        assertEquals(1, all.openFindings());

        LedgerSummary lastDay = LedgerSummary.of(file.read(), now.minus(Duration.ofDays(1)).minusSeconds(1), now);
        assertEquals(1, lastDay.runs());
        assertEquals(1, lastDay.episodes().size(), "only the episode that overlaps the period");
        assertEquals(0, lastDay.episodeResolution().resolved());

        String text = SummaryRenderer.text(all, "ledger.jsonl");
        assertTrue(text.contains("runs: 6 (clean 2, drift 4, partial 0)"), text);
        assertTrue(text.contains("drift episodes: 2 (1 resolved, 1 ongoing)"), text);
        assertTrue(text.contains("2026-11-01T10:00:00Z .. 2026-11-01T16:00:00Z  6 hours, 3 runs, 2 findings"), text);
        assertTrue(text.contains("time to resolution: episodes 1 resolved, median 6 hours, longest 6 hours;"
                + " findings 2 resolved, median 4 hours, longest 5 hours; 1 finding still open"), text);
        String json = SummaryRenderer.json(all, "ledger.jsonl");
        assertTrue(json.contains("\"median_seconds\" : 21600"), json);
    }

    /** Without --since the summary's period starts at the first run, to the second, and ends now, to the second. */
    @Test
    void theSummaryWithoutSinceStartsAtTheFirstRunInWholeSeconds() throws java.io.IOException {
        Path path = temp.resolve("period.jsonl");
        DriftLedger ledger = new DriftLedger(new LedgerFile(path));
        Instant first = T0.plusNanos(654_663_665);
        ledger.record(report("clean"), first);
        ledger.record(report("drift", "a"), first.plus(Duration.ofHours(2)));
        LedgerOptions options = new LedgerOptions();
        options.ledger = path;
        options.summary = true;
        java.io.StringWriter text = new java.io.StringWriter();
        options.printSummary(List.of(), first.plus(Duration.ofDays(1)), new java.io.PrintWriter(text));
        String header = text.toString().lines().findFirst().orElseThrow();
        assertTrue(header.contains(", 2026-11-01T09:00:00Z to 2026-11-02T09:00:00Z"), header);
        assertFalse(text.toString().contains("1970"), text.toString());
        assertEquals(first.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), LedgerOptions.firstRun(new LedgerFile(path).read(), Instant.MAX));
    }
}
