package qdrift.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import qdrift.report.ChangeKind;
import qdrift.report.DriftReport;
import qdrift.report.FailedDatastore;
import qdrift.report.FieldChange;
import qdrift.report.Origin;
import qdrift.report.ReportJson;
import qdrift.report.ResourceChange;
import qdrift.report.Summary;
import qdrift.testing.ScriptRun;

/** Issue #12 and #9: several reports make one alert (one PagerDuty event per origin); every input is validated strictly. */
class NotifyManyReportsTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    final TestRuntime runtime = new TestRuntime();

    @BeforeEach
    void destinations() {
        runtime.env.put("SLACK_WEBHOOK", wm.baseUrl() + "/slack/T0/B0/SECRET");
        runtime.env.put("TEAMS_WEBHOOK", wm.baseUrl() + "/teams/SECRET");
        runtime.env.put("PAGERDUTY_ROUTING_KEY", "R0UTINGKEY0000000000000000000000");
        runtime.env.put("WEBHOOK_URL", wm.baseUrl() + "/hook");
        wm.stubFor(post(urlEqualTo("/slack/T0/B0/SECRET")).willReturn(ok("ok")));
        wm.stubFor(post(urlEqualTo("/teams/SECRET")).willReturn(aResponse().withStatus(202)));
        wm.stubFor(post(urlEqualTo("/pd")).willReturn(aResponse().withStatus(202).withBody("{\"status\":\"success\"}")));
        wm.stubFor(post(urlEqualTo("/hook")).willReturn(ok()));
    }

    @AfterEach
    void uninstall() {
        NotifyRuntime.uninstall();
    }

    ScriptRun notify(String... args) {
        runtime.install();
        return ScriptRun.of("NotifyCommand", args);
    }

    static Origin tenant(long id, String name, String shard) {
        return Origin.live("acme.qualytics.io", List.of(new Origin.DatastoreRef(id, name)), "/opt/qualytics-config",
                "qualytics-config", "abc123").withShard(shard);
    }

    static ResourceChange changeIn(String datastore) {
        return new ResourceChange("checks", datastore, "orders", "not_null id " + datastore,
                "datastores/" + datastore + "/checks/orders/notnull__id.yaml", ChangeKind.MODIFIED, null,
                List.of(new FieldChange("description", TextNode.valueOf("a"), TextNode.valueOf("b"))), null);
    }

    /** The report of one shard: one change in its one datastore; partial when {@code failed} is given. */
    static DriftReport shard(String shard, long id, String name, FailedDatastore failed) {
        List<ResourceChange> changes = List.of(changeIn(name));
        DriftReport report = new DriftReport(DriftReport.SCHEMA, "qualytics-drift 0.1.0", "drift", DriftReport.DRIFT,
                tenant(id, name, shard), new Summary(0, 0, 1, 0, 0, Map.of("checks", 1)), changes, List.of(), List.of(), null);
        return failed == null ? report : report.withFailedDatastores(List.of(failed));
    }

    List<LoggedRequest> posts(String url) {
        return wm.findAll(postRequestedFor(urlEqualTo(url)));
    }

    String[] everywhere(String... reports) {
        List<String> args = new ArrayList<>(List.of("--slack", "--teams", "--pagerduty", "--pagerduty-url", wm.baseUrl() + "/pd", "--webhook"));
        args.addAll(List.of(reports));
        return args.toArray(String[]::new);
    }

    @Test
    void twoShardsMakeOneSlackMessageOneTeamsCardAndOnePagerDutyEvent() throws Exception {
        Path one = Reports.write(dir, "drift-1.json", shard("1/2", 10, "prod-warehouse", null));
        Path two = Reports.write(dir, "drift-2.json", shard("2/2", 11, "lake-raw", null));
        ScriptRun run = notify(everywhere("--report", one.toString(), "--report", two.toString()));
        assertEquals(0, run.exitCode(), run::toString);

        assertEquals(1, posts("/slack/T0/B0/SECRET").size(), "one Slack message");
        String slack = posts("/slack/T0/B0/SECRET").get(0).getBodyAsString();
        assertTrue(slack.contains("prod-warehouse") && slack.contains("lake-raw"), slack);
        assertTrue(slack.contains("2 changes"), slack);
        assertEquals(1, posts("/teams/SECRET").size(), "one Teams card");
        assertEquals(1, posts("/pd").size(), "one PagerDuty event for the two shards of one tenant");
        JsonNode event = JSON.readTree(posts("/pd").get(0).getBodyAsString());
        assertEquals("trigger", event.path("event_action").asText());
        assertEquals(2, event.path("payload").path("custom_details").path("changes").asInt());
        assertEquals(ReportIdentity.dedupKey(shard("1/2", 10, "prod-warehouse", null)), event.path("dedup_key").asText(),
                "the same incident as either shard's report alone");
        assertEquals(2, posts("/hook").size(), "the webhook receives each report as it was read");
    }

    @Test
    void aGlobReadsEveryMatchingReportAndTheShellsExpansionWorksToo() throws Exception {
        Files.createDirectories(dir.resolve("reports"));
        Reports.write(dir.resolve("reports"), "drift-1.json", shard("1/2", 10, "prod-warehouse", null));
        Reports.write(dir.resolve("reports"), "drift-2.json", shard("2/2", 11, "lake-raw", null));
        ScriptRun glob = notify("--slack", "--dry-run", "--report", dir.resolve("reports") + "/drift-*.json");
        assertEquals(0, glob.exitCode(), glob::toString);
        assertTrue(glob.out().contains("prod-warehouse") && glob.out().contains("lake-raw"), glob::toString);
        ScriptRun expanded = notify("--slack", "--dry-run", "--report", dir.resolve("reports/drift-1.json").toString(),
                dir.resolve("reports/drift-2.json").toString());
        assertEquals(glob.out(), expanded.out());
        ScriptRun none = notify("--slack", "--dry-run", "--report", dir.resolve("reports") + "/nothing-*.json");
        assertRefused(6, "matches no file", none);
    }

    @Test
    void differentTenantsAreOnePagerDutyEventEachAndOneSlackMessage() {
        DriftReport other = new DriftReport(DriftReport.SCHEMA, "qualytics-drift 0.1.0", "drift", DriftReport.DRIFT,
                Origin.live("other.qualytics.io", List.of(new Origin.DatastoreRef(7L, "eu")), "/opt/eu", "qualytics-config", "x"),
                new Summary(0, 0, 1, 0, 0, Map.of("checks", 1)), List.of(changeIn("eu")), List.of(), List.of(), null);
        Path one = Reports.write(dir, "a.json", Reports.drifted());
        Path two = Reports.write(dir, "b.json", other);
        ScriptRun run = notify(everywhere(one.toString(), two.toString()));
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(1, posts("/slack/T0/B0/SECRET").size());
        assertEquals(2, posts("/pd").size(), "one incident per origin");
        assertNotEquals(posts("/pd").get(0).getBodyAsString(), posts("/pd").get(1).getBodyAsString());
    }

    @Test
    void aPartialReportAlertsAndNamesTheDatastoresNotChecked() throws Exception {
        FailedDatastore finance = new FailedDatastore(12L, "finance", "permission denied on GET /datastores/12", 4);
        Path one = Reports.write(dir, "drift-1.json", shard("1/2", 10, "prod-warehouse", finance));
        Path two = Reports.write(dir, "drift-2.json", shard("2/2", 11, "lake-raw", null));
        ScriptRun run = notify(everywhere("--report", one.toString(), "--report", two.toString()));
        assertEquals(0, run.exitCode(), run::toString);
        String slack = posts("/slack/T0/B0/SECRET").get(0).getBodyAsString();
        assertTrue(slack.contains("partial") && slack.contains("not checked: finance (id 12)"), slack);
        JsonNode event = JSON.readTree(posts("/pd").get(0).getBodyAsString());
        assertEquals("trigger", event.path("event_action").asText());
        assertTrue(event.path("payload").path("summary").asText().contains("finance"), event::toString);
    }

    @Test
    void aMissingShardIsNamed() {
        Path one = Reports.write(dir, "drift-1.json", shard("1/3", 10, "prod-warehouse", null));
        Path two = Reports.write(dir, "drift-2.json", shard("2/3", 11, "lake-raw", null));
        ScriptRun run = notify("--slack", "--dry-run", one.toString(), two.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("no report from shard 3/3"), run::toString);
    }

    @Test
    void onlyOnChangeTreatsPartialAsDriftAndACleanRunResolvesIt() {
        Path state = dir.resolve("state.json");
        FailedDatastore finance = new FailedDatastore(12L, "finance", "permission denied", 4);
        DriftReport partial = shard("1/1", 10, "prod-warehouse", finance);
        Path report = Reports.write(dir, "drift.json", partial);
        String[] args = {"--pagerduty", "--pagerduty-url", wm.baseUrl() + "/pd", "--only-on-change", "--state-file", state.toString(),
                "--report", report.toString()};
        assertEquals(0, notify(args).exitCode());
        assertEquals(0, notify(args).exitCode());
        assertEquals(1, posts("/pd").size(), "the same partial result stays quiet");
        DriftReport clean = new DriftReport(DriftReport.SCHEMA, "qualytics-drift 0.1.0", "drift", DriftReport.CLEAN,
                tenant(10, "prod-warehouse", "1/1"), new Summary(0, 0, 0, 0, 0, Map.of()), List.of(), List.of(), List.of(), null);
        Reports.write(dir, "drift.json", clean);
        assertEquals(0, notify(args).exitCode());
        assertEquals(2, posts("/pd").size());
        assertTrue(posts("/pd").get(1).getBodyAsString().contains("\"resolve\""));
    }

    // ---- strict validation (issue #9 item 4): nothing is sent for an input that is not exactly one known report ----

    void assertRefused(int code, String expected, ScriptRun run) {
        assertEquals(code, run.exitCode(), run::toString);
        assertEquals(1, run.err().strip().lines().count(), run::toString);
        assertTrue(run.err().contains(expected), "expected '" + expected + "' in " + run);
    }

    Path withField(String name, String field, String json) throws Exception {
        JsonNode tree = JSON.readTree(ReportJson.write(Reports.drifted()));
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree).set(field, JSON.readTree(json));
        return Files.writeString(dir.resolve(name), tree.toString());
    }

    @qdrift.testing.Fault(group = "notify")
    @Test
    void aReportWithAnUnknownStatusKindOrSchemaIsRefusedNamingTheFile() throws Exception {
        Path weird = withField("weird.json", "status", "\"weird\"");
        assertRefused(6, weird + " is not a valid report: \"status\" is \"weird\"", notify(everywhere(weird.toString())));
        Path kind = withField("kind.json", "kind", "\"audit\"");
        assertRefused(6, kind + " is not a valid report: \"kind\" is \"audit\"", notify(everywhere(kind.toString())));
        Path noStatus = Files.writeString(dir.resolve("nostatus.json"), ReportJson.write(Reports.drifted()).replace("\"status\"", "\"state\""));
        assertRefused(6, "\"status\" is missing", notify(everywhere(noStatus.toString())));
        Path v3 = withField("v3.json", "schema", "\"qualytics-drift/report/v3\"");
        assertRefused(6, v3 + " has report schema qualytics-drift/report/v3", notify(everywhere(v3.toString())));
        Path partialV1 = Files.writeString(dir.resolve("v1.json"), ReportJson.write(
                shard("1/1", 10, "x", new FailedDatastore(1L, "y", "e", 4))).replace("report/v2", "report/v1"));
        assertRefused(6, "status \"partial\" needs schema", notify(everywhere(partialV1.toString())));
        Path noFailures = withField("nofail.json", "status", "\"partial\"");
        assertRefused(6, "status \"partial\" without failed_datastores", notify(everywhere(noFailures.toString())));
        Path array = Files.writeString(dir.resolve("array.json"), "[" + ReportJson.write(Reports.drifted()) + "]");
        assertRefused(6, array + " is not a qualytics-drift report", notify(everywhere(array.toString())));
        assertEquals(0, wm.findAll(postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())).size(), "nothing sent");
    }

    @qdrift.testing.Fault(group = "notify")
    @Test
    void twoConcatenatedReportsAreRefused() throws Exception {
        String one = ReportJson.write(Reports.drifted());
        Path twice = Files.writeString(dir.resolve("twice.json"), one + one);
        assertRefused(6, twice + " holds more than one JSON document", notify(everywhere(twice.toString())));
        runtime.stdin = one + ReportJson.write(Reports.clean());
        assertRefused(6, "stdin holds more than one JSON document", notify(everywhere()));
        assertEquals(0, wm.findAll(postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())).size(), "nothing sent");
    }

    @Test
    void oneBadReportAmongGoodOnesStopsEverythingAndTheSameRunTwiceIsRefused() throws Exception {
        Path good = Reports.write(dir, "good.json", Reports.drifted());
        Path weird = withField("weird.json", "status", "\"weird\"");
        assertRefused(6, "weird.json", notify(everywhere(good.toString(), weird.toString())));
        Path copy = Files.copy(good, dir.resolve("copy.json"));
        assertRefused(6, "are both reports of the same origin", notify(everywhere(good.toString(), copy.toString())));
        ScriptRun sameFileTwice = notify("--slack", "--dry-run", good.toString(), "--report", good.toString());
        assertEquals(0, sameFileTwice.exitCode(), "the same file named twice is read once\n" + sameFileTwice);
        assertEquals(0, wm.findAll(postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())).size(), "nothing sent");
    }
}
