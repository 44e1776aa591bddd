package qdrift.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import qdrift.report.ReportJson;
import qdrift.testing.ScriptRun;

/** notify.java against WireMock standing in for Slack, Teams, PagerDuty and a generic webhook. */
class HttpDestinationsTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String SLACK_TOKEN = "T000SLACKSECRET/B000/xoxSLACK0123456789";
    static final String TEAMS_TOKEN = "workflows/TEAMSSECRET987/triggers/manual";
    static final String ROUTING_KEY = "R0UTINGKEYSECRET0000000000000000";
    static final String WEBHOOK_TOKEN = "hook-WEBHOOKSECRET-555";
    static final String HMAC_SECRET = "hmac-SIGNINGSECRET-777";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    final TestRuntime runtime = new TestRuntime();

    @BeforeEach
    void destinations() {
        runtime.env.put("SLACK_WEBHOOK", wm.baseUrl() + "/slack/" + SLACK_TOKEN);
        runtime.env.put("TEAMS_WEBHOOK", wm.baseUrl() + "/teams/" + TEAMS_TOKEN);
        runtime.env.put("PAGERDUTY_ROUTING_KEY", ROUTING_KEY);
        runtime.env.put("WEBHOOK_URL", wm.baseUrl() + "/hook/" + WEBHOOK_TOKEN);
        runtime.env.put("WEBHOOK_SECRET", HMAC_SECRET);
        wm.stubFor(post(urlEqualTo("/slack/" + SLACK_TOKEN)).willReturn(ok("ok")));
        wm.stubFor(post(urlEqualTo("/teams/" + TEAMS_TOKEN)).willReturn(aResponse().withStatus(202)));
        wm.stubFor(post(urlEqualTo("/pd")).willReturn(aResponse().withStatus(202)
                .withBody("{\"status\":\"success\",\"message\":\"Event processed\"}")));
        wm.stubFor(post(urlEqualTo("/hook/" + WEBHOOK_TOKEN)).willReturn(ok()));
    }

    @AfterEach
    void uninstall() {
        NotifyRuntime.uninstall();
    }

    ScriptRun notify(String... args) {
        runtime.install();
        return ScriptRun.of("NotifyCommand", args);
    }

    String[] everyDestination(Path report, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--report", report.toString(), "--slack", "--teams", "--pagerduty",
                "--pagerduty-url", wm.baseUrl() + "/pd", "--webhook"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    JsonNode onlyBody(String url) throws Exception {
        List<LoggedRequest> requests = wm.findAll(postRequestedFor(urlEqualTo(url)));
        assertEquals(1, requests.size(), "one POST to " + url);
        return JSON.readTree(requests.get(0).getBodyAsString());
    }

    @Test
    void aDriftReachesEveryDestinationInItsOwnShape() throws Exception {
        Path report = Reports.write(dir, "drift.json", Reports.drifted());
        ScriptRun run = notify(everyDestination(report));
        assertEquals(0, run.exitCode(), run::toString);

        JsonNode slack = onlyBody("/slack/" + SLACK_TOKEN);
        assertEquals("[qualytics-drift] drift: 3 changes (1 loosening) in prod-warehouse https://github.com/acme/qualytics-config/pull/7",
                slack.path("text").asText());
        JsonNode blocks = slack.path("blocks");
        assertEquals("header", blocks.get(0).path("type").asText());
        StringBuilder texts = new StringBuilder();
        blocks.forEach(block -> texts.append(block.at("/text/text").asText()).append("\n"));
        String sections = texts.toString();
        assertTrue(sections.contains("*checks*: 2") && sections.contains("*connections*: 1"), "counts per type: " + sections);
        assertTrue(sections.contains(":rotating_light: modified checks prod-warehouse / orders / between total_amount [LOOSENING]:"
                        + " coverage 1 → 0.9, properties.max 10 → 1000"),
                "a report without findings (v1) lists the loosened check with what its fields became: " + sections);
        assertTrue(blocks.get(4).toString().contains("LOOSENING"), "the loosened check is listed first: " + blocks.get(4));
        assertTrue(sections.contains("<https://github.com/acme/qualytics-config/pull/7|#7> (opened)"), "PR link: " + sections);

        JsonNode teams = onlyBody("/teams/" + TEAMS_TOKEN);
        assertEquals("message", teams.path("type").asText());
        JsonNode attachment = teams.path("attachments").get(0);
        assertEquals("application/vnd.microsoft.card.adaptive", attachment.path("contentType").asText());
        assertEquals("AdaptiveCard", attachment.at("/content/type").asText());
        assertEquals("Action.OpenUrl", attachment.at("/content/actions/0/type").asText());
        assertTrue(attachment.at("/content/body").toString().contains("\"title\":\"checks\",\"value\":\"2\""), teams::toString);

        JsonNode pd = onlyBody("/pd");
        assertEquals(ROUTING_KEY, pd.path("routing_key").asText());
        assertEquals("trigger", pd.path("event_action").asText());
        assertTrue(pd.path("dedup_key").asText().startsWith("qualytics-drift-drift-"), pd::toString);
        assertEquals("[qualytics-drift] drift: 3 changes (1 loosening) in prod-warehouse", pd.at("/payload/summary").asText());
        assertEquals("acme.qualytics.io", pd.at("/payload/source").asText());
        assertEquals("error", pd.at("/payload/severity").asText(), "a loosened check makes it an error");
        assertEquals(3, pd.at("/payload/custom_details/changes").asInt());
        assertEquals(2, pd.at("/payload/custom_details/by_type/checks").asInt());
        assertEquals(3, pd.at("/payload/custom_details/top_changes").size());
        assertEquals("https://github.com/acme/qualytics-config/pull/7", pd.at("/links/0/href").asText());

        LoggedRequest hook = wm.findAll(postRequestedFor(urlEqualTo("/hook/" + WEBHOOK_TOKEN))).get(0);
        assertEquals(Files.readString(report), hook.getBodyAsString(), "the webhook gets the report exactly as read");
    }

    @Test
    void theWebhookSignatureIsAnHmacOfTheExactBody() throws Exception {
        Path report = Reports.write(dir, "drift.json", Reports.drifted());
        ScriptRun run = notify("--report", report.toString(), "--webhook");
        assertEquals(0, run.exitCode(), run::toString);
        LoggedRequest hook = wm.findAll(postRequestedFor(urlEqualTo("/hook/" + WEBHOOK_TOKEN))).get(0);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HMAC_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(hook.getBody()));
        assertEquals(expected, hook.getHeader("X-Qualytics-Drift-Signature"));
    }

    @Test
    void twoThousandChangesStayWithinEveryDestinationsLimits() throws Exception {
        Path report = Reports.write(dir, "huge.json", Reports.huge());
        ScriptRun run = notify(everyDestination(report));
        assertEquals(0, run.exitCode(), run::toString);

        JsonNode blocks = onlyBody("/slack/" + SLACK_TOKEN).path("blocks");
        assertTrue(blocks.size() <= 50, "at most 50 Slack blocks, got " + blocks.size());
        int total = 0;
        for (JsonNode block : blocks) {
            int length = block.at("/text/text").asText().length();
            assertTrue(length <= 3_000, "section text over 3,000 chars: " + length);
            total += length;
        }
        assertTrue(total < 12_000, "Slack refuses long block sets in total (msg_blocks_too_long): " + total);
        assertTrue(blocks.toString().matches(".*\\.\\.\\. and 19\\d\\d more.*"), "the rest is counted");

        String teams = wm.findAll(postRequestedFor(urlEqualTo("/teams/" + TEAMS_TOKEN))).get(0).getBodyAsString();
        assertTrue(teams.getBytes(StandardCharsets.UTF_8).length < 28 * 1024, "Teams payload under 28 KB: " + teams.length());
        assertTrue(teams.matches("(?s).*\\.\\.\\. and \\d+ more.*"), "the Teams list is trimmed with a count");

        JsonNode pd = onlyBody("/pd");
        assertTrue(pd.at("/payload/summary").asText().length() <= 1_024);
        assertEquals(21, pd.at("/payload/custom_details/top_changes").size(), "20 changes and a count of the rest");
    }

    @Test
    @qdrift.testing.Fault(group = "notify")
    void aRateLimitedPostIsRetriedAfterTheAskedWait() {
        wm.stubFor(post(urlEqualTo("/slack/" + SLACK_TOKEN)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7").withBody("rate_limited"))
                .willSetStateTo("calm"));
        wm.stubFor(post(urlEqualTo("/slack/" + SLACK_TOKEN)).inScenario("busy").whenScenarioStateIs("calm").willReturn(ok("ok")));
        Path report = Reports.write(dir, "drift.json", Reports.drifted());

        ScriptRun run = notify("--report", report.toString(), "--slack");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(2, wm.findAll(postRequestedFor(urlEqualTo("/slack/" + SLACK_TOKEN))).size());
        assertEquals(List.of(Duration.ofSeconds(7)), runtime.waits, "waited as Retry-After asked");
    }

    @Test
    @qdrift.testing.Fault(group = "notify")
    void aServerErrorIsRetriedABoundedNumberOfTimes() {
        wm.stubFor(post(urlEqualTo("/teams/" + TEAMS_TOKEN)).willReturn(aResponse().withStatus(502)));
        Path report = Reports.write(dir, "drift.json", Reports.drifted());

        ScriptRun run = notify("--report", report.toString(), "--teams", "--retries", "2");

        assertEquals(7, run.exitCode(), run::toString);
        assertEquals(3, wm.findAll(postRequestedFor(urlEqualTo("/teams/" + TEAMS_TOKEN))).size(), "one try and two retries");
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), runtime.waits, "doubling backoff");
        assertTrue(run.err().contains("error: teams: 502"), run::toString);
    }

    @Test
    @qdrift.testing.Fault(group = "notify")
    void oneFailingDestinationIsNamedWhileTheOthersStillReceiveTheirs() {
        wm.stubFor(post(urlEqualTo("/slack/" + SLACK_TOKEN)).willReturn(aResponse().withStatus(404).withBody("no_service")));
        wm.stubFor(post(urlEqualTo("/pd")).willReturn(aResponse().withStatus(400)
                .withBody("{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"Length of 'routing_key' is incorrect\"]}")));
        Path report = Reports.write(dir, "drift.json", Reports.drifted());

        ScriptRun run = notify(everyDestination(report));

        assertEquals(7, run.exitCode(), run::toString);
        List<String> errors = run.err().lines().filter(line -> line.startsWith("error: ")).toList();
        assertEquals(2, errors.size(), run::toString);
        assertTrue(errors.get(0).startsWith("error: slack: 404 no_service: the webhook is disabled or revoked"), errors::toString);
        assertTrue(errors.get(1).startsWith("error: pagerduty: 400 "), errors::toString);
        assertEquals(1, wm.findAll(postRequestedFor(urlEqualTo("/teams/" + TEAMS_TOKEN))).size(), "Teams still got its message");
        assertEquals(1, wm.findAll(postRequestedFor(urlEqualTo("/hook/" + WEBHOOK_TOKEN))).size(), "the webhook still got the report");
    }

    @Test
    void pagerDutyTriggersOnDriftAndResolvesTheSameIncidentWhenClean() throws Exception {
        String pdUrl = wm.baseUrl() + "/pd";
        notify("--report", Reports.write(dir, "drift.json", Reports.drifted()).toString(), "--pagerduty", "--pagerduty-url", pdUrl);
        notify("--report", Reports.write(dir, "later.json", Reports.driftedMore()).toString(), "--pagerduty", "--pagerduty-url", pdUrl);
        ScriptRun last = notify("--report", Reports.write(dir, "clean.json", Reports.clean()).toString(), "--pagerduty", "--pagerduty-url", pdUrl);
        assertEquals(0, last.exitCode(), last::toString);

        List<LoggedRequest> events = wm.findAll(postRequestedFor(urlEqualTo("/pd")));
        assertEquals(3, events.size());
        JsonNode first = JSON.readTree(events.get(0).getBodyAsString());
        JsonNode second = JSON.readTree(events.get(1).getBodyAsString());
        JsonNode resolve = JSON.readTree(events.get(2).getBodyAsString());
        assertEquals("trigger", first.path("event_action").asText());
        assertEquals("trigger", second.path("event_action").asText());
        assertEquals("resolve", resolve.path("event_action").asText());
        assertEquals(first.path("dedup_key"), second.path("dedup_key"), "other changes, same origin: same incident");
        assertEquals(first.path("dedup_key"), resolve.path("dedup_key"), "resolve closes the incident the trigger opened");
        assertEquals(ROUTING_KEY, resolve.path("routing_key").asText());
    }

    @Test
    @qdrift.testing.Fault(group = "notify")
    void secretsNeverReachStdoutOrStderr() {
        wm.stubFor(post(urlEqualTo("/slack/" + SLACK_TOKEN)).willReturn(aResponse().withStatus(500).withBody("rollup_error " + SLACK_TOKEN)));
        runtime.env.put("SMTP_PASSWORD", "SMTPPASSWORDSECRET");
        runtime.env.put("SMTP_USER", "alerts");
        Path report = Reports.write(dir, "drift.json", Reports.drifted());
        List<ScriptRun> runs = List.of(
                notify(everyDestination(report, "--verbose")),
                notify(everyDestination(report, "--verbose", "--dry-run", "--email", "--smtp-host", "localhost",
                        "--mail-from", "a@example.com", "--mail-to", "b@example.com")),
                notify("--report", report.toString(), "--dry-run", "--verbose"));
        for (ScriptRun run : runs) {
            for (String secret : List.of(SLACK_TOKEN, "SLACKSECRET", "TEAMSSECRET", ROUTING_KEY, "WEBHOOKSECRET", HMAC_SECRET, "SMTPPASSWORDSECRET")) {
                assertFalse(run.out().contains(secret) || run.err().contains(secret), "leaked " + secret + " in\n" + run);
            }
        }
        assertEquals(7, runs.get(0).exitCode(), runs.get(0)::toString);
        assertTrue(runs.get(0).err().contains("debug: slack: POST attempt 1 answered 500"), "verbose talks: " + runs.get(0));
        assertEquals(0, runs.get(1).exitCode(), runs.get(1)::toString);
    }

    @Test
    void aDryRunPrintsEveryPayloadMaskedAndSendsNothing() throws Exception {
        Path report = Reports.write(dir, "drift.json", Reports.drifted());
        ScriptRun run = notify(everyDestination(report, "--dry-run"));
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(wm.getAllServeEvents().isEmpty(), "nothing sent");
        List<JsonNode> previews = new java.util.ArrayList<>();
        ReportJson.mapper().readerFor(JsonNode.class).readValues(run.out()).forEachRemaining(n -> previews.add((JsonNode) n));
        assertEquals(List.of("slack", "teams", "pagerduty", "webhook"), previews.stream().map(p -> p.path("destination").asText()).toList());
        assertEquals("***", previews.get(0).path("url").asText());
        assertEquals("***", previews.get(2).at("/payload/routing_key").asText());
        assertEquals("header", previews.get(0).at("/payload/blocks/0/type").asText());
        assertNotNull(previews.get(3).at("/headers/X-Qualytics-Drift-Signature").textValue());
    }

    @Test
    @qdrift.testing.Fault(group = "notify")
    void aSlack500Or429IsNotCalledARevokedWebhook() {
        Path report = Reports.write(dir, "drift.json", Reports.drifted());
        wm.stubFor(post(urlEqualTo("/slack/" + SLACK_TOKEN)).willReturn(aResponse().withStatus(500).withBody("no_service")));
        ScriptRun failing = notify("--report", report.toString(), "--slack", "--retries", "0");
        wm.stubFor(post(urlEqualTo("/slack/" + SLACK_TOKEN)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")
                .withBody("no_service")));
        ScriptRun busy = notify("--report", report.toString(), "--slack");
        for (ScriptRun run : List.of(failing, busy)) {
            assertEquals(7, run.exitCode(), run::toString);
            assertTrue(run.err().contains("Slack is busy or failing, not refusing the webhook; try again later"), run::toString);
            assertFalse(run.err().contains("disabled or revoked"), run::toString);
        }
    }

    @Test
    @qdrift.testing.Fault(group = "notify")
    void aDestinationThatTricklesItsAnswerIsCutOffByTheTimeout() {
        wm.stubFor(post(urlEqualTo("/slack/" + SLACK_TOKEN)).willReturn(ok("ok-and-then-some-more-words-slowly")
                .withChunkedDribbleDelay(8, 16_000)));
        Path report = Reports.write(dir, "drift.json", Reports.drifted());
        long started = System.nanoTime();

        ScriptRun run = notify("--report", report.toString(), "--slack", "--timeout", "1", "--retries", "0");

        assertEquals(7, run.exitCode(), run::toString);
        assertTrue(run.err().contains("error: slack: no complete answer within 1 s (gave up after 1 attempts)"), run::toString);
        assertTrue((System.nanoTime() - started) / 1_000_000 < 5_000, "cut off at the timeout");
    }
}
