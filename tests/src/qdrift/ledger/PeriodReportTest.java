package qdrift.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.report.DriftAge;
import qdrift.report.DriftReport;
import qdrift.report.Finding;
import qdrift.report.Origin;
import qdrift.report.Summary;
import qdrift.testing.Chromium;

/**
 * The period report of a 30-day ledger of 700 runs on two datastores with 12 drift episodes (reverted with
 * revert.java --ledger, accepted by a new commit, resolved by hand, one still open): written by the --summary code
 * path in under 2 s and 2 MB, and in headless Chromium its DOM holds every episode, how it ended and how long it lasted.
 */
public class PeriodReportTest {
    static final Instant START = Instant.parse("2026-11-05T00:00:00Z");
    static final Duration EVERY = Duration.ofMinutes(123);
    static final int RUNS_PER_DATASTORE = 350;

    /** An episode: first and last drifting run index (inclusive), and how it ends. */
    record Plan(int datastore, int first, int last, String how) {
    }

    static final List<Plan> PLANS = List.of(
            new Plan(0, 20, 29, "reverted"), new Plan(0, 70, 74, "accepted"), new Plan(0, 120, 139, "reverted"),
            new Plan(0, 190, 191, "resolved"), new Plan(0, 250, 269, "accepted"), new Plan(0, 320, 329, "reverted"),
            new Plan(1, 30, 44, "accepted"), new Plan(1, 90, 92, "reverted"), new Plan(1, 150, 160, "resolved"),
            new Plan(1, 200, 239, "reverted"), new Plan(1, 280, 283, "accepted"), new Plan(1, 330, 349, "open"));

    @TempDir
    Path temp;

    static Origin origin(int datastore, String commit) {
        return Origin.live("acme.qualytics.io", List.of(new Origin.DatastoreRef(42L + datastore, datastore == 0 ? "prod-warehouse" : "finance")),
                "/repo", "qualytics-config", commit);
    }

    static DriftReport report(int datastore, String status, String commit, List<Finding> findings) {
        return new DriftReport(DriftReport.SCHEMA, "qualytics-drift test", "drift", status, origin(datastore, commit),
                new Summary(0, 0, findings.size(), 0, 0, Map.of()), findings, List.of(), List.of(), List.of(), List.of(), null, null);
    }

    static Finding finding(int episode, int n) {
        String name = "orders__rule_" + episode + "_" + n;
        return new Finding("fp" + episode + "x" + n, "modified", "checks", "prod", "orders", name,
                "check `" + name + "` modified: properties.max 100 → 200", null, List.of(), List.of("checks/" + name + ".yaml"),
                null, "editor" + episode + "@example.com", "2026-11-20T10:00:00Z", null, null);
    }

    /** Writes the ledger through the real record paths; returns the time of the last run. */
    public static Instant writeLedger(LedgerFile file) {
        DriftLedger ledger = new DriftLedger(file);
        Instant last = null;
        String[] commits = {"c0", "c0"};
        for (int i = 0; i < RUNS_PER_DATASTORE; i++) {
            for (int ds = 0; ds < 2; ds++) {
                Instant at = START.plus(EVERY.multipliedBy(i)).plusSeconds(ds * 600L);
                Plan drifting = null;
                Plan ending = null;
                for (Plan p : PLANS) {
                    if (p.datastore() == ds && i >= p.first() && i <= p.last()) {
                        drifting = p;
                    }
                    if (p.datastore() == ds && i == p.last() + 1) {
                        ending = p;
                    }
                }
                if (ending != null && ending.how().equals("reverted")) {
                    DriftLedger.recordRevert(file, at.minusSeconds(300), "acme.qualytics.io", List.of(42L + ds), "qualytics-config",
                            commits[ds], "verified", 3);
                }
                if (ending != null && ending.how().equals("accepted")) {
                    commits[ds] = "commit" + PLANS.indexOf(ending) + "abcdef0123";
                }
                if (drifting != null) {
                    int e = PLANS.indexOf(drifting);
                    List<Finding> findings = List.of(finding(e, 1), finding(e, 2));
                    ledger.record(report(ds, "drift", commits[ds], findings), at);
                } else {
                    ledger.record(report(ds, i % 97 == 5 ? "partial" : "clean", commits[ds], List.of()), at);
                }
                last = at;
            }
        }
        return last;
    }

    /** The demo ledger written into dir and its 30-day period page written to page, by the --summary code path. */
    public static void periodPage(Path dir, Path page) {
        LedgerFile file = new LedgerFile(dir.resolve("ledger.jsonl"));
        Instant now = writeLedger(file).plusSeconds(3600);
        LedgerOptions options = new LedgerOptions();
        options.ledger = file.path();
        options.summary = true;
        options.since = "30d";
        options.printSummary(List.of("html=" + page), now, new PrintWriter(new StringWriter()));
    }

    @Test
    void aThirtyDayLedgerGivesAPeriodReportWithEveryEpisodeHowItEndedAndItsDuration() throws Exception {
        LedgerFile file = new LedgerFile(temp.resolve("ledger.jsonl"));
        Instant now = writeLedger(file).plusSeconds(3600);
        Path page = temp.resolve("period.html");

        LedgerOptions options = new LedgerOptions();
        options.ledger = file.path();
        options.summary = true;
        options.since = "30d";
        long t0 = System.nanoTime();
        options.printSummary(List.of("html=" + page), now, new PrintWriter(new StringWriter()));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        long bytes = Files.size(page);
        System.out.println("period report: " + millis + " ms, " + bytes + " bytes");
        assertTrue(millis < 2000, "period report took " + millis + " ms");
        assertTrue(bytes < 2_000_000, "period report is " + bytes + " bytes");

        PeriodReport expected = PeriodReport.of(file.read(), LedgerOptions.parseSince("30d", now), now);
        assertEquals(700, expected.summary().runs());
        assertEquals(12, expected.episodes().size());
        String html = Files.readString(page);
        assertEquals(List.of(), Chromium.externalReferences(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")));

        try (Chromium chromium = new Chromium()) {
            String dom = chromium.dumpDom(page, temp);
            Matcher rows = Pattern.compile("<tr><th scope=\"row\">(E\\d+)</th>(.*?)</tr>", Pattern.DOTALL).matcher(dom);
            List<String> seen = new ArrayList<>();
            while (rows.find()) {
                seen.add(rows.group(1) + " " + rows.group(2));
            }
            assertEquals(12, seen.size(), "one table row per episode");
            List<PeriodReport.Episode> sorted = expected.episodes();
            for (int i = 0; i < sorted.size(); i++) {
                PeriodReport.Episode e = sorted.get(i);
                Plan plan = PLANS.stream().filter(p -> e.label().startsWith(p.datastore() == 0 ? "prod-warehouse" : "finance")
                        && e.started().equals(START.plus(EVERY.multipliedBy(p.first())).plusSeconds(p.datastore() * 600L))).findFirst().orElseThrow();
                String row = seen.get(i);
                assertTrue(row.contains(">" + plan.how() + "</span>"), "E" + (i + 1) + " ended " + plan.how() + ": " + row);
                assertTrue(row.contains(DriftAge.span(e.duration(now))), "E" + (i + 1) + " shows its duration: " + row);
                assertTrue(row.contains("editor" + PLANS.indexOf(plan) + "@example.com"), "who changed it: " + row);
                assertTrue(row.contains("orders__rule_" + PLANS.indexOf(plan) + "_1"), "its findings: " + row);
            }
            assertTrue(dom.contains("<strong>700</strong>runs"), "the run total");
            assertTrue(dom.contains("(1 open)"), "one episode is still open");
            BufferedImage shot = chromium.screenshot(page, temp.resolve("period.png"), 1100, 1300, temp);
            assertTrue(Chromium.colours(shot) > 20, "the screenshot is not blank: " + Chromium.colours(shot) + " colours");
            Path keep = Path.of("target", "screenshots");
            Files.createDirectories(keep);
            Files.copy(temp.resolve("period.png"), keep.resolve("period-report.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertEquals(List.of(), chromium.pageRequests(), "the page asked for something over the network");
        }
    }
}
