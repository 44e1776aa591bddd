package qdrift.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import qdrift.report.DriftReport;
import qdrift.testing.ScriptRun;

/** --only-on-change: one message per new drift, reminders on schedule, exactly one "resolved". */
class OnlyOnChangeTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;
    final TestRuntime runtime = new TestRuntime();
    Path stateFile;

    @BeforeEach
    void slack() {
        runtime.env.put("SLACK_WEBHOOK", wm.baseUrl() + "/slack/hook");
        wm.stubFor(post(urlEqualTo("/slack/hook")).willReturn(ok("ok")));
        stateFile = dir.resolve("state/notify-state.json");
    }

    @AfterEach
    void uninstall() {
        NotifyRuntime.uninstall();
    }

    /** Runs notify over the report an hour after the previous run and returns the Slack texts it sent. */
    List<String> hourLater(DriftReport report) throws Exception {
        runtime.now = runtime.now.plus(Duration.ofHours(1));
        int before = slackTexts().size();
        runtime.install();
        ScriptRun run = ScriptRun.of("NotifyCommand", "--report", Reports.write(dir, "r.json", report).toString(), "--slack",
                "--only-on-change", "--state-file", stateFile.toString(), "--remind-every", "3h");
        assertEquals(0, run.exitCode(), run::toString);
        List<String> all = slackTexts();
        return all.subList(before, all.size());
    }

    List<String> slackTexts() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new java.util.ArrayList<>();
        for (var request : wm.findAll(postRequestedFor(urlEqualTo("/slack/hook")))) {
            texts.add(json.readTree(request.getBodyAsString()).path("text").asText());
        }
        return texts;
    }

    @Test
    void aReminderSaysHowLongItHasBeenDriftingAndListsTheFindingsFirst() throws Exception {
        DriftReport report = Reports.withFindings("2024-05-29T10:00:00Z"); // three days before runtime.now + 1h
        List<String> first = hourLater(report);
        assertTrue(first.get(0).startsWith("[qualytics-drift] drift: 2 findings, 3 changes (1 loosening)"), first.toString());
        DriftReport resaved = new DriftReport(report.schema(), report.tool(), report.kind(), report.status(), report.origin(),
                report.summary(), report.findings(), report.changes().stream().map(c -> new qdrift.report.ResourceChange(c.type(),
                        c.datastore(), c.container(), c.name(), c.file(), c.kind(), c.severity(), c.fields(), null, null,
                        "Lee", "2024-06-01T09:30:00Z", null)).toList(), report.ignored(), report.warnings(), List.of(),
                report.pullRequest(), null);
        assertEquals(List.of(), hourLater(resaved), "the same values saved again by someone else are the same drift");
        hourLater(report);
        List<String> reminder = hourLater(report);
        assertEquals(List.of("[qualytics-drift] still drifting for 3 days: 2 findings, 3 changes (1 loosening) in prod-warehouse"
                + " https://github.com/acme/qualytics-config/pull/7"), reminder);
        String blocks = new ObjectMapper().readTree(wm.findAll(postRequestedFor(urlEqualTo("/slack/hook"))).get(1)
                .getBodyAsString()).path("blocks").toString();
        assertTrue(blocks.contains("still 2 findings, 3 changes (1 loosening), drifting for 3 days"), blocks);
        assertTrue(blocks.contains(":rotating_light: check `between total_amount` (container `orders`) modified:"
                + " coverage 1 → 0.9, properties.max 10 → 1000 [LOOSENING]"), "the loosened finding, with its values: " + blocks);
        assertTrue(blocks.contains("changed by Dana Reviewer at 2024-05-29T08:00:00Z · drifting for 3 days"
                + " (first seen 2024-05-29T10:00:00Z)"), "its editor and age: " + blocks);
    }

    @Test
    void driftIsToldOnceThenRemindedThenResolvedOnce() throws Exception {
        assertEquals(List.of(), hourLater(Reports.clean()), "a clean first run has nothing to resolve");
        assertTrue(hourLater(Reports.drifted()).get(0).startsWith("[qualytics-drift] drift: 3 changes"), "new drift is sent");
        assertEquals(List.of(), hourLater(Reports.driftedAgainLater()), "same drift (other commit, tool, warnings) stays quiet");
        assertEquals(List.of(), hourLater(Reports.drifted()), "still quiet before the reminder is due");
        assertTrue(hourLater(Reports.drifted()).get(0).startsWith("[qualytics-drift] still drifting: 3 changes"),
                "a reminder once 3h passed since the last message");
        assertEquals(List.of(), hourLater(Reports.drifted()), "the reminder restarts the interval");
        assertTrue(hourLater(Reports.driftedMore()).get(0).startsWith("[qualytics-drift] drift: 4 changes"), "changed drift is sent at once");
        assertEquals(List.of("[qualytics-drift] resolved: no drift in prod-warehouse"), hourLater(Reports.clean()));
        assertEquals(List.of(), hourLater(Reports.clean()), "resolved is never sent twice");
        assertTrue(hourLater(Reports.drifted()).get(0).startsWith("[qualytics-drift] drift: 3 changes"), "drift again after clean is new");

        String state = Files.readString(stateFile);
        assertFalse(state.contains("prod-warehouse") || state.contains("hook"), "the state holds hashes, not content: " + state);
    }

    @Test
    @qdrift.testing.Fault(group = "notify")
    void aFailedSendIsTriedAgainNextRun() throws Exception {
        wm.stubFor(post(urlEqualTo("/slack/hook")).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(410)
                .withBody("channel_is_archived")));
        runtime.install();
        ScriptRun failed = ScriptRun.of("NotifyCommand", "--report", Reports.write(dir, "r.json", Reports.drifted()).toString(),
                "--slack", "--only-on-change", "--state-file", stateFile.toString());
        assertEquals(7, failed.exitCode(), failed::toString);
        assertTrue(failed.err().contains("error: slack: 410 channel_is_archived: the webhook's channel is archived"), failed::toString);

        wm.stubFor(post(urlEqualTo("/slack/hook")).willReturn(ok("ok")));
        assertEquals(1, hourLater(Reports.drifted()).size(), "not remembered as sent, so sent now");
    }

    @Test
    @qdrift.testing.Fault(group = "notify")
    void aStateFileThatIsAFolderIsRefusedWithoutAdvisingToDeleteIt() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("state-folder"));
        Files.writeString(folder.resolve("keep.txt"), "the user's own file\n");
        runtime.install();
        ScriptRun run = ScriptRun.of("NotifyCommand", "--report", Reports.write(dir, "r.json", Reports.drifted()).toString(),
                "--slack", "--only-on-change", "--state-file", folder.toString());
        assertEquals(6, run.exitCode(), run::toString);
        assertTrue(run.err().contains("error: the state file " + folder + " is not a file (a folder?): pass --state-file a file path"),
                run::toString);
        assertFalse(run.err().contains("delete"), run::toString);
        assertEquals(0, wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/slack/hook"))).size(),
                "nothing sent");
        assertTrue(Files.exists(folder.resolve("keep.txt")));
    }
}
