package qdrift.drift;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import qdrift.notify.NotifyRuntime;
import qdrift.report.DriftReport;
import qdrift.report.Finding;
import qdrift.report.ReportJson;
import qdrift.sandbox.Kind;
import qdrift.testing.ScriptRun;

/**
 * Issue #11 end to end: a check edited in the (sandbox) UI, drift.java with a ledger that has seen it for three days,
 * then notify.java to Slack, Teams and PagerDuty (WireMock) and email (GreenMail): every alert leads with the finding,
 * says what the value became, who changed it and since when.
 */
class DriftToNotifyTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static final ObjectMapper JSON = new ObjectMapper();
    static final String EDITOR = "Dana Reviewer";

    @TempDir
    Path temp;
    DriftRepo fixture;

    @BeforeEach
    void setUp() {
        fixture = DriftRepo.create(temp);
        wm.stubFor(post(urlEqualTo("/slack")).willReturn(ok("ok")));
        wm.stubFor(post(urlEqualTo("/teams")).willReturn(aResponse().withStatus(202)));
        wm.stubFor(post(urlEqualTo("/pd")).willReturn(aResponse().withStatus(202).withBody("{\"status\":\"success\"}")));
    }

    @AfterEach
    void tearDown() {
        NotifyRuntime.uninstall();
        fixture.close();
    }

    /** A between check's max raised in the UI by Dana; returns "properties.max OLD → 999999". */
    String raiseMax() {
        ObjectNode check = fixture.state().checkIds(fixture.datastoreId).stream().map(id -> fixture.state().get(Kind.CHECK, id))
                .filter(c -> "between".equals(c.path("rule_type").asText()) && c.path("properties").has("max"))
                .findFirst().orElseThrow(() -> new AssertionError("the tenant has no between check"));
        ObjectNode properties = check.path("properties").deepCopy();
        String old = properties.path("max").asText();
        properties.put("max", 999999);
        fixture.state().editAs(8, EDITOR);
        fixture.sandbox.configure(o -> o.withCheckEditors(true));
        fixture.state().update(Kind.CHECK, check.path("id").asLong(), JSON.createObjectNode().set("properties", properties));
        return "properties.max " + old + " → 999999";
    }

    /** Two drift runs with a ledger, the first moved three days back: the report of the second. */
    Path reportSeenForThreeDays() throws IOException {
        Path ledger = temp.resolve("ledger.jsonl");
        assertEquals(1, fixture.drift("--ledger", ledger.toString(), "-o", "json").exitCode());
        ObjectNode line = (ObjectNode) JSON.readTree(Files.readString(ledger));
        line.put("time", Instant.now().minus(Duration.ofDays(3)).minusSeconds(60).toString());
        Files.writeString(ledger, JSON.writeValueAsString(line) + "\n");
        Path report = temp.resolve("drift.json");
        ScriptRun run = fixture.drift("--ledger", ledger.toString(), "-o", "json=" + report);
        assertEquals(1, run.exitCode(), run.toString());
        return report;
    }

    ScriptRun notify(String... args) {
        NotifyRuntime.install(NotifyRuntime.forTests(Map.of("SLACK_WEBHOOK", wm.baseUrl() + "/slack",
                "TEAMS_WEBHOOK", wm.baseUrl() + "/teams", "PAGERDUTY_ROUTING_KEY", "R0UTINGKEY00000000000000000000000"),
                new ByteArrayInputStream(new byte[0]), Clock.systemUTC()));
        return ScriptRun.of("NotifyCommand", args);
    }

    static JsonNode body(String url) throws IOException {
        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> requests = wm.findAll(postRequestedFor(urlEqualTo(url)));
        assertEquals(1, requests.size(), "one POST to " + url);
        return JSON.readTree(requests.get(0).getBodyAsString());
    }

    @Test
    void everyDestinationLeadsWithTheFindingItsNewValueItsEditorAndItsAge() throws Exception {
        String became = raiseMax();
        Path report = reportSeenForThreeDays();
        DriftReport parsed = ReportJson.read(Files.readString(report), "drift.json");
        Finding finding = parsed.findings().get(0);
        assertEquals(EDITOR, finding.changedBy());
        String changed = "changed by " + EDITOR + " at " + finding.changedAt();

        ScriptRun run = notify("--report", report.toString(), "--slack", "--teams", "--pagerduty",
                "--pagerduty-url", wm.baseUrl() + "/pd", "--email", "--smtp-host", "127.0.0.1",
                "--smtp-port", String.valueOf(greenMail.getSmtp().getPort()), "--smtp-security", "none",
                "--mail-from", "drift@acme.example", "--mail-to", "data-team@acme.example");
        assertEquals(0, run.exitCode(), run.toString());

        List<String> payloads = new ArrayList<>();
        JsonNode slack = body("/slack");
        String firstListed = slack.path("blocks").get(4).at("/text/text").asText();
        assertTrue(firstListed.contains(became), "Slack lists the finding first, with its new value: " + slack);
        payloads.add(firstListed);
        payloads.add(body("/teams").toString());
        JsonNode pd = body("/pd");
        payloads.add(pd.at("/payload/custom_details/top_findings/0").asText());
        assertEquals(EDITOR, pd.at("/payload/custom_details/changed_by/0").asText(), pd.toString());
        assertEquals("3 days", pd.at("/payload/custom_details/drifting_for").asText(), pd.toString());
        MimeMessage mail = greenMail.getReceivedMessages()[0];
        payloads.add((String) ((MimeMultipart) mail.getContent()).getBodyPart(0).getContent());
        payloads.add((String) ((MimeMultipart) mail.getContent()).getBodyPart(1).getContent());

        for (String payload : payloads) {
            assertTrue(payload.contains(became), "what the value became: " + payload);
            assertTrue(payload.contains(changed), "who changed it and when: " + payload);
            assertTrue(payload.contains("drifting for 3 days"), "since when: " + payload);
        }
    }

    @Test
    void notifyReadsAV1ReportWithoutFindingsAndListsItsChanges() throws Exception {
        String became = raiseMax();
        Path report = temp.resolve("drift.json");
        assertEquals(1, fixture.drift("-o", "json=" + report).exitCode());
        ObjectNode v1 = (ObjectNode) JSON.readTree(Files.readString(report));
        v1.put("schema", DriftReport.SCHEMA_V1);
        v1.remove(List.of("findings", "failed_datastores", "revert_command"));
        ((ArrayNode) v1.get("changes")).forEach(c -> ((ObjectNode) c).remove(List.of("changed_by", "changed_at", "attribution")));
        Files.writeString(report, JSON.writeValueAsString(v1));

        ScriptRun run = notify("--report", report.toString(), "--slack", "--dry-run");

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("modified checks " + fixture.state().nameOf(Kind.DATASTORE, fixture.datastoreId)), run.out());
        assertTrue(run.out().contains(became), "a v1 change says what its fields became: " + run.out());
    }
}
