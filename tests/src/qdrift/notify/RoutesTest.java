package qdrift.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import qdrift.report.ChangeKind;
import qdrift.report.DriftReport;
import qdrift.report.FieldChange;
import qdrift.report.Finding;
import qdrift.report.ResourceChange;
import qdrift.report.Severity;
import qdrift.testing.ScriptRun;

/** Alert routing: --when and --routes against WireMock (Slack, PagerDuty) and GreenMail (email). */
class RoutesTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    final TestRuntime runtime = new TestRuntime();

    @BeforeEach
    void destinations() {
        runtime.env.put("SLACK_WEBHOOK", wm.baseUrl() + "/slack/T0/B0/secret123456");
        runtime.env.put("PAGERDUTY_ROUTING_KEY", "R0UTINGKEY0000000000000000000000");
        wm.stubFor(post(urlEqualTo("/slack/T0/B0/secret123456")).willReturn(ok("ok")));
        wm.stubFor(post(urlEqualTo("/pd")).willReturn(aResponse().withStatus(202).withBody("{\"status\":\"success\"}")));
    }

    @AfterEach
    void uninstall() {
        NotifyRuntime.uninstall();
    }

    ScriptRun notify(String... args) {
        runtime.install();
        return ScriptRun.of("NotifyCommand", args);
    }

    /** A connection change, a loosened check and a re-worded check description, one finding each. */
    static DriftReport threeFindings() {
        DriftReport d = Reports.withFindings("2024-05-30T08:00:00Z");
        ResourceChange described = new ResourceChange("checks", "prod-warehouse", "orders", "not_null id",
                "datastores/prod_warehouse/checks/orders/not_null__id.yaml", ChangeKind.MODIFIED, Severity.NEUTRAL,
                List.of(new FieldChange("description", TextNode.valueOf("old words"), TextNode.valueOf("new words"))), null);
        List<ResourceChange> changes = List.of(d.changes().get(0), d.changes().get(1), described);
        List<Finding> findings = new ArrayList<>(d.findings());
        findings.add(new Finding("fp-desc", "modified", "checks", "prod-warehouse", "orders", "not_null id",
                "check `not_null id` (container `orders`) modified: description old words → new words", Severity.NEUTRAL,
                described.fields(), List.of(described.file()), null, null, null, null, null));
        return new DriftReport(d.schema(), d.tool(), d.kind(), d.status(), d.origin(),
                new qdrift.report.Summary(0, 0, 3, 0, 1, java.util.Map.of("checks", 2, "connections", 1)), findings, changes,
                d.ignored(), d.warnings(), List.of(), d.pullRequest(), null);
    }

    /** Only check changes: the loosened check of {@link Reports#drifted()}, as a v1 report (no findings). */
    static DriftReport onlyChecks() {
        DriftReport d = Reports.drifted();
        return new DriftReport(d.schema(), d.tool(), d.kind(), d.status(), d.origin(),
                new qdrift.report.Summary(1, 0, 1, 0, 1, java.util.Map.of("checks", 2)), d.changes().subList(1, 3), List.of(),
                List.of(), d.pullRequest());
    }

    Path routes(String yaml) throws Exception {
        return Files.writeString(dir.resolve("routes.yaml"), yaml.replace("SMTP_PORT", String.valueOf(greenMail.getSmtp().getPort()))
                .replace("PD_URL", wm.baseUrl() + "/pd"));
    }

    static final String THREE_ROUTES = """
            routes:
              - name: on-call
                when:
                  - type: connections
                  - {type: checks, severity: loosening}
                continue: true
                pagerduty:
                  url: PD_URL
              - name: platform-team
                when: {cause: platform}
                email:
                  smtp_host: 127.0.0.1
                  smtp_port: SMTP_PORT
                  smtp_security: none
                  from: drift@acme.example
                  to: [platform@acme.example]
              - name: channel
                slack: {}
            """;

    List<JsonNode> bodies(String url) throws Exception {
        List<JsonNode> bodies = new ArrayList<>();
        for (var request : wm.findAll(postRequestedFor(urlEqualTo(url)))) {
            bodies.add(JSON.readTree(request.getBodyAsString()));
        }
        return bodies;
    }

    @Test
    void threeRoutesPageForTheConnectionAndTheLoosenedCheckTellSlackEverythingAndMailNobody() throws Exception {
        Path report = Reports.write(dir, "drift.json", threeFindings());
        ScriptRun run = notify("--report", report.toString(), "--routes", routes(THREE_ROUTES).toString());
        assertEquals(0, run.exitCode(), run::toString);

        List<JsonNode> pd = bodies("/pd");
        assertEquals(1, pd.size(), "one PagerDuty event: " + pd);
        String findings = pd.get(0).at("/payload/custom_details/top_findings").toString();
        assertTrue(findings.contains("connection `warehouse-conn`"), findings);
        assertTrue(findings.contains("check `between total_amount`"), findings);
        assertFalse(findings.contains("not_null id"), "the re-worded description does not page: " + findings);
        assertEquals("1 other finding of this report is not routed here",
                pd.get(0).at("/payload/custom_details/not_routed_here").asText(), pd.get(0)::toString);

        List<JsonNode> slack = bodies("/slack/T0/B0/secret123456");
        assertEquals(1, slack.size());
        String blocks = slack.get(0).path("blocks").toString();
        assertTrue(blocks.contains("warehouse-conn") && blocks.contains("between total_amount") && blocks.contains("not_null id"), blocks);
        assertFalse(blocks.contains("not routed here"), "Slack hears everything: " + blocks);

        assertEquals(0, greenMail.getReceivedMessages().length, "no platform finding, so no email");
    }

    @Test
    void theFirstMatchingRouteKeepsAFindingUnlessItContinues() throws Exception {
        Path report = Reports.write(dir, "drift.json", threeFindings());
        Path file = routes("""
                routes:
                  - name: descriptions
                    when: {severity: neutral}
                    email:
                      smtp_host: 127.0.0.1
                      smtp_port: SMTP_PORT
                      smtp_security: none
                      from: drift@acme.example
                      to: docs@acme.example
                  - name: channel
                    slack: {}
                """);
        ScriptRun run = notify("--report", report.toString(), "--routes", file.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(1, greenMail.getReceivedMessages().length, "the description edit is mailed");
        String mail = com.icegreen.greenmail.util.GreenMailUtil.getBody(greenMail.getReceivedMessages()[0]);
        assertTrue(mail.contains("not_null id") && !mail.contains("warehouse-conn"), mail);
        String blocks = bodies("/slack/T0/B0/secret123456").get(0).path("blocks").toString();
        assertFalse(blocks.contains("not_null id"), "the email route stopped the description edit: " + blocks);
        assertTrue(blocks.contains("warehouse-conn") && blocks.contains("1 other finding of this report is not routed here"), blocks);
    }

    @Test
    void whenConnectionsOnAReportOfOnlyCheckChangesSendsNothingRecordsNothingAndExitsZero() {
        Path report = Reports.write(dir, "checks.json", onlyChecks());
        Path state = dir.resolve("state.json");
        ScriptRun run = notify("--report", report.toString(), "--slack", "--pagerduty", "--pagerduty-url", wm.baseUrl() + "/pd",
                "--when", "type=connections", "--only-on-change", "--state-file", state.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(0, wm.findAll(anyRequestedFor(anyUrl())).size(), "nothing sent");
        assertFalse(Files.exists(state), "nothing recorded");

        ScriptRun stateless = notify("--report", report.toString(), "--slack", "--when", "type=connections");
        assertEquals(0, stateless.exitCode(), stateless::toString);
        assertEquals(0, wm.findAll(anyRequestedFor(anyUrl())).size(), "nothing sent without --only-on-change either");
    }

    @Test
    void whenConditionsAllHoldAndTheMessageCountsWhatWasLeftOut() throws Exception {
        Path report = Reports.write(dir, "drift.json", threeFindings());
        ScriptRun run = notify("--report", report.toString(), "--slack", "--when", "type=checks", "--when", "severity=loosening");
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode slack = bodies("/slack/T0/B0/secret123456").get(0);
        String blocks = slack.path("blocks").toString();
        assertTrue(blocks.contains("between total_amount"), blocks);
        assertFalse(blocks.contains("warehouse-conn") || blocks.contains("not_null id"), blocks);
        assertTrue(blocks.contains("2 other findings of this report are not routed here"), blocks);
        assertTrue(slack.path("text").asText().contains("1 finding, 1 change (1 loosening)"), slack::toString);
    }

    @Test
    void eachRouteKeepsItsOwnIncidentSoOneResolvingLeavesTheOtherOpen() throws Exception {
        Path file = routes("""
                routes:
                  - name: connections
                    when: {type: connections}
                    pagerduty: {url: PD_URL}
                  - name: checks
                    when: {type: checks}
                    pagerduty: {url: PD_URL}
                """);
        Path state = dir.resolve("state.json");
        ScriptRun first = notify("--report", Reports.write(dir, "a.json", threeFindings()).toString(), "--routes", file.toString(),
                "--only-on-change", "--state-file", state.toString());
        assertEquals(0, first.exitCode(), first::toString);
        List<JsonNode> triggers = bodies("/pd");
        assertEquals(2, triggers.size());
        String connectionsKey = triggers.get(0).path("dedup_key").asText();
        String checksKey = triggers.get(1).path("dedup_key").asText();
        assertNotEquals(connectionsKey, checksKey, "one incident per route");

        wm.resetRequests();
        ScriptRun second = notify("--report", Reports.write(dir, "b.json", onlyChecks()).toString(), "--routes", file.toString(),
                "--only-on-change", "--state-file", state.toString());
        assertEquals(0, second.exitCode(), second::toString);
        List<JsonNode> events = bodies("/pd");
        JsonNode resolve = events.stream().filter(e -> e.path("event_action").asText().equals("resolve")).findFirst().orElseThrow();
        assertEquals(connectionsKey, resolve.path("dedup_key").asText(), "the connection route resolves its own incident");
        assertTrue(events.stream().noneMatch(e -> e.path("event_action").asText().equals("resolve")
                && e.path("dedup_key").asText().equals(checksKey)), "the checks incident stays open: " + events);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown route key|wen: {type: connections}|3|unknown key 'wen' in route 1",
            "unknown type|when: {type: conections}|3|unknown type 'conections'",
            "unknown cause|when: {cause: deleted}|3|unknown cause 'deleted'",
            "unknown severity|when: {severity: loose}|3|unknown severity 'loose'",
            "unknown condition|when: {owner: me}|3|unknown key 'owner'",
            "unknown destination|opsgenie: {}|3|unknown key 'opsgenie'",
            "inline secret|slack: {webhook: 'https://hooks.slack.com/x'}|3|secrets are named by environment variable"})
    void aMalformedRoutesFileExitsTwoNamingTheLineBeforeAnyRequest(String what, String line, int lineNumber, String message)
            throws Exception {
        Path file = routes("routes:\n  - name: first\n    " + line + "\n    slack: {}\n  - pagerduty: {url: PD_URL}\n");
        if (what.equals("inline secret") || what.equals("unknown destination")) {
            file = routes("routes:\n  - name: first\n    " + line + "\n  - pagerduty: {url: PD_URL}\n");
        }
        ScriptRun run = notify("--report", Reports.write(dir, "drift.json", threeFindings()).toString(), "--routes", file.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains(file + ":" + lineNumber + ": ") && run.err().contains(message), run::toString);
        assertFalse(run.err().contains("hooks.slack.com"), "the inline secret is not echoed: " + run.err());
        assertEquals(0, wm.findAll(anyRequestedFor(anyUrl())).size(), "no request before the file is valid");
    }

    @Test
    void theExampleRoutesFilesPageForTheConnectionAndTheLoosenedCheckAndTellSlackAll() throws Exception {
        Path example = qdrift.testing.ProjectRoot.get().resolve("examples/alert-routes.yaml");
        String configMap = Files.readString(qdrift.testing.ProjectRoot.get().resolve("examples/kubernetes/alert-routes.configmap.yaml"));
        String embedded = routesOf(configMap).at("/data/alert-routes.yaml").asText();
        assertEquals(routesOf(Files.readString(example)), routesOf(embedded), "the ConfigMap carries the same routes");
        Path file = routes(Files.readString(example).replace("routing_key_env: PAGERDUTY_ROUTING_KEY",
                "routing_key_env: PAGERDUTY_ROUTING_KEY\n      url: PD_URL"));
        ScriptRun run = notify("--report", Reports.write(dir, "drift.json", threeFindings()).toString(), "--routes", file.toString());
        assertEquals(0, run.exitCode(), run::toString);
        String pd = bodies("/pd").get(0).at("/payload/custom_details/top_findings").toString();
        assertTrue(pd.contains("warehouse-conn") && pd.contains("between total_amount") && !pd.contains("not_null id"), pd);
        String slack = bodies("/slack/T0/B0/secret123456").get(0).path("blocks").toString();
        assertTrue(slack.contains("warehouse-conn") && slack.contains("between total_amount") && slack.contains("not_null id"), slack);
    }

    private static JsonNode routesOf(String yaml) throws Exception {
        return new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(yaml);
    }
}
