package qdrift.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.ledger.PeriodReportTest;
import qdrift.report.html.HtmlReport;
import qdrift.testing.Chromium;
import qdrift.testing.ChromiumDevTools;

/**
 * The drift page and the period page in headless Chromium as a printer, a keyboard and a screen reader meet them:
 * "Save as PDF" gives a PDF of a sane page count; in print media the folded diffs are shown open, findings and rows
 * do not split across pages and no meaning rests on a background; headings go h1 > h2 > h3 without a skip, every
 * table header has a scope, every colour goes with a word, and the SVG timeline has a title, a description and a
 * table saying the same in text.
 */
class HtmlPrintAndAccessTest {
    @TempDir
    static Path temp;
    static Path driftPage;
    static Path periodPage;

    @BeforeAll
    static void pages() throws Exception {
        driftPage = temp.resolve("drift.html");
        Files.writeString(driftPage, HtmlReport.render(HtmlReportTest.everyCause(), HtmlReportTest.texts(), HtmlReportTest.NOW));
        periodPage = temp.resolve("period.html");
        PeriodReportTest.periodPage(Files.createDirectories(temp.resolve("ledger")), periodPage);
    }

    /** Levels of the headings in document order, e.g. [1, 2, 3, 3, 2]. */
    private static final String HEADINGS = "[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName.substring(1))";

    /** For each details block: is what it folds rendered (not only its summary)? */
    private static final String UNFOLDED = "[...document.querySelectorAll('details')].map(d => [...d.children]"
            + ".filter(c => c.tagName !== 'SUMMARY').every(c => c.checkVisibility() && c.getBoundingClientRect().height > 0))";

    @Test
    void printedToPdfBothPagesGiveASanePageCount() throws Exception {
        try (Chromium chromium = new Chromium()) {
            int driftPages = chromium.printToPdf(driftPage, temp.resolve("drift.pdf"), temp);
            int periodPages = chromium.printToPdf(periodPage, temp.resolve("period.pdf"), temp);
            System.out.println("PDF pages: drift " + driftPages + " (" + Files.size(temp.resolve("drift.pdf")) + " bytes), period "
                    + periodPages + " (" + Files.size(temp.resolve("period.pdf")) + " bytes)");
            assertTrue(driftPages >= 2 && driftPages <= 8, "six findings, six changes and two diffs on " + driftPages + " pages");
            assertTrue(periodPages >= 2 && periodPages <= 10, "totals, timeline and 12 episodes on " + periodPages + " pages");
            assertEquals(List.of(), chromium.pageRequests(), "printing asked for something over the network");
        }
    }

    @Test
    void inPrintMediaTheFoldedDiffsAreOpenAndNothingSplitsOrRestsOnABackground() throws Exception {
        try (Chromium chromium = new Chromium(); ChromiumDevTools tab = new ChromiumDevTools(chromium, temp)) {
            tab.emulateMedia("screen");
            tab.open(driftPage);
            JsonNode onScreen = tab.evaluate(UNFOLDED);
            assertTrue(onScreen.size() >= 2, "the drift page folds its diffs and the ignored list: " + onScreen);
            onScreen.forEach(open -> assertEquals(false, open.asBoolean(), "on screen the diffs are folded: " + onScreen));

            tab.emulateMedia("print");
            for (Path page : List.of(driftPage, periodPage)) {
                tab.open(page);
                JsonNode printed = tab.evaluate(UNFOLDED);
                printed.forEach(open -> assertEquals(true, open.asBoolean(), "printed, every fold is open: " + page + " " + printed));
                assertEquals("avoid", tab.evaluate("[...new Set([...document.querySelectorAll('.finding, tbody tr')]"
                        + ".map(e => getComputedStyle(e).breakInside))].join()").asText(), "a finding or a row never splits: " + page);
                assertEquals("", tab.evaluate("[...document.querySelectorAll('.badge, th, .finding')]"
                        + ".map(e => getComputedStyle(e).backgroundColor).filter(c => c !== 'rgba(0, 0, 0, 0)').join()").asText(),
                        "printed, badges, headers and findings carry no background: " + page);
            }
            tab.open(driftPage);
            assertTrue(tab.evaluate("document.body.innerText").asText().contains("+  max: 999999"), "the diff is in the printed text");
            assertEquals(List.of(), chromium.pageRequests(), "the pages asked for something over the network");
        }
    }

    @Test
    void headingsTableHeadersColourWordsAndTheTimelineReadWithoutSightOrColour() throws Exception {
        try (Chromium chromium = new Chromium(); ChromiumDevTools tab = new ChromiumDevTools(chromium, temp)) {
            for (Path page : List.of(driftPage, periodPage)) {
                tab.open(page);
                List<Integer> levels = new ArrayList<>();
                tab.evaluate(HEADINGS).forEach(l -> levels.add(l.asInt()));
                assertEquals(1, levels.get(0), "the page starts with its h1: " + levels);
                assertEquals(1, levels.stream().filter(l -> l == 1).count(), "one h1: " + levels);
                for (int i = 1; i < levels.size(); i++) {
                    assertTrue(levels.get(i) <= levels.get(i - 1) + 1, "no heading level skipped: " + levels);
                }
                assertEquals(0, tab.evaluate("[...document.querySelectorAll('th')].filter(t => !['col','row']"
                        + ".includes(t.getAttribute('scope'))).length").asInt(), "every th has a scope: " + page);
                assertEquals(0, tab.evaluate("[...document.querySelectorAll('table')].filter(t => !t.querySelector('thead th[scope=col]')).length"
                        ).asInt(), "every table has column headers: " + page);
                assertEquals(0, tab.evaluate("[...document.querySelectorAll('.badge')].filter(b => b.innerText.trim().length < 3).length").asInt(),
                        "every coloured badge says its word: " + page);
            }
            tab.open(driftPage);
            assertEquals(0, tab.evaluate("[...document.querySelectorAll('.finding[class*=sev-]')].filter(f => {"
                    + " const sev = [...f.classList].find(c => c.startsWith('sev-')).substring(4);"
                    + " return !f.querySelector('h3 .badge') || f.querySelector('h3 .badge').innerText !== sev; }).length").asInt(),
                    "each finding's coloured edge is named by a severity word in its heading");

            tab.open(periodPage);
            JsonNode svg = tab.evaluate("[...document.querySelectorAll('svg')].map(s => [s.getAttribute('role'),"
                    + " s.querySelector(':scope > title')?.textContent || '', s.querySelector(':scope > desc')?.textContent || '',"
                    + " (s.getAttribute('aria-labelledby') || '').split(' ').every(id => document.getElementById(id))])");
            assertEquals(1, svg.size(), "one timeline: " + svg);
            assertEquals("img", svg.get(0).get(0).asText(), "the timeline is one image to a screen reader");
            assertTrue(svg.get(0).get(1).asText().contains("Drift episodes"), "the timeline has a title: " + svg);
            assertTrue(svg.get(0).get(2).asText().contains("12 episodes"), "the timeline has a description: " + svg);
            assertTrue(svg.get(0).get(3).asBoolean(), "aria-labelledby names the title and description");
            JsonNode bars = tab.evaluate("[...document.querySelectorAll('svg g')].map(g => g.querySelector('text').textContent)");
            assertEquals(12, bars.size(), "one bar per episode: " + bars);
            bars.forEach(b -> assertTrue(b.asText().matches("E\\d+ (reverted|accepted|resolved|open)"), "each bar says how it ended: " + b));
            JsonNode table = tab.evaluate("[...document.querySelectorAll('#timeline-table + table tbody tr')]"
                    + ".map(r => [...r.children].map(c => c.innerText))");
            assertEquals(2, table.size(), "the timeline as a table: one row per datastore: " + table);
            int runs = 0;
            for (JsonNode row : table) {
                runs += row.get(1).asInt();
                assertEquals(row.get(1).asInt(), row.get(2).asInt() + row.get(3).asInt() + row.get(4).asInt(), "clean + drift + partial = runs: " + row);
            }
            assertEquals(700, runs, "every run of the timeline is counted in its table");
            assertEquals(List.of(), chromium.pageRequests(), "the pages asked for something over the network");
        }
    }
}
