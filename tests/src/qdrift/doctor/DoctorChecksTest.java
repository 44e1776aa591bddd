package qdrift.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import qdrift.api.ApiOperations;
import qdrift.api.ApiOperations.Operation;
import qdrift.api.ApiOperations.Param;
import qdrift.cli.ExitCode;

/** The parts of doctor that need no server: the OpenAPI comparison and the notify settings. */
class DoctorChecksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Operation CHECKS = new Operation("GET", "/api/quality-checks",
            List.of(Param.of("datastore", "1"), new Param("archived", "include", List.of("only")), Param.of("size", "100")),
            ApiOperations.Use.READ);

    private static JsonNode document(String archivedEnum, int maxSize, boolean withDatastore) throws Exception {
        String datastore = withDatastore ? "{\"name\":\"datastore\",\"in\":\"query\",\"schema\":{\"anyOf\":[{\"type\":\"integer\"},{\"type\":\"null\"}]}}," : "";
        return JSON.readTree("{\"openapi\":\"3.1.0\",\"paths\":{\"/api/quality-checks\":{\"get\":{\"parameters\":[" + datastore
                + "{\"name\":\"archived\",\"in\":\"query\",\"schema\":{\"anyOf\":[{\"$ref\":\"#/components/schemas/A\"},{\"type\":\"null\"}]}},"
                + "{\"name\":\"size\",\"in\":\"query\",\"schema\":{\"type\":\"integer\",\"maximum\":" + maxSize + "}}]}}},"
                + "\"components\":{\"schemas\":{\"A\":{\"type\":\"string\",\"enum\":" + archivedEnum + "}}}}");
    }

    @Test
    void everyValueTheToolSendsMustFitTheSchema() throws Exception {
        OpenApiCompatibility.Result fits = new OpenApiCompatibility(document("[\"include\",\"only\"]", 100, true)).check(List.of(CHECKS));
        assertEquals(List.of(), fits.problems());
        assertEquals(List.of(), fits.notes());

        OpenApiCompatibility.Result small = new OpenApiCompatibility(document("[\"include\"]", 50, true)).check(List.of(CHECKS));
        assertEquals(1, small.problems().size(), small::toString);
        assertTrue(small.problems().get(0).toString().contains("refuses size=100: is above the maximum 50"), small::toString);

        OpenApiCompatibility.Result noDatastore = new OpenApiCompatibility(document("[\"include\"]", 100, false)).check(List.of(CHECKS));
        assertTrue(noDatastore.problems().get(0).toString().startsWith("GET /api/quality-checks lacks the query parameter datastore"), noDatastore::toString);
    }

    @Test
    void aRefusedValueWithAFallbackTheServerTakesIsANoteNotAProblem() throws Exception {
        OpenApiCompatibility.Result result = new OpenApiCompatibility(document("[\"only\",\"exclude\"]", 100, true)).check(List.of(CHECKS));
        assertEquals(List.of(), result.problems());
        assertTrue(result.notes().get(0).contains("archived=include not one of [only, exclude]; the tool falls back to archived=only"), result::toString);

        OpenApiCompatibility.Result none = new OpenApiCompatibility(document("[\"exclude\"]", 100, true)).check(List.of(CHECKS));
        assertTrue(none.problems().get(0).toString().contains("refuses archived=include: not one of [exclude]"), none::toString);
    }

    @Test
    void pathParameterNamesDoNotMatterButMethodsDo() throws Exception {
        JsonNode doc = JSON.readTree("{\"paths\":{\"/api/quality-checks/{id}\":{\"get\":{}}}}");
        Operation put = new Operation("PUT", "/api/quality-checks/{check_id}", List.of(), ApiOperations.Use.WRITE);
        Operation get = new Operation("GET", "/api/quality-checks/{check_id}", List.of(), ApiOperations.Use.READ);
        OpenApiCompatibility.Result result = new OpenApiCompatibility(doc).check(List.of(get, put));
        assertEquals(1, result.problems().size(), result::toString);
        assertEquals("PUT /api/quality-checks/{check_id} is missing: the path has only GET (used by revert --apply)", result.problems().get(0).toString());
    }

    @Test
    void notifySettingsArePresentAndWellFormedAndNeverShown() {
        String secretPath = "/services/T000/B000/XXXXSECRET";
        List<Check> slack = NotifyChecks.check(List.of(), Map.of("SLACK_WEBHOOK", "https://hooks.slack.com" + secretPath)::get);
        assertEquals(Check.Status.PASS, slack.get(0).status(), slack::toString);
        assertTrue(!slack.get(0).detail().contains("SECRET"), "the webhook's secret path is never shown: " + slack);

        List<Check> bad = NotifyChecks.check(List.of("slack", "pagerduty"), Map.of("SLACK_WEBHOOK", "hooks.slack.com/x",
                "PAGERDUTY_ROUTING_KEY", "short")::get);
        assertEquals(Check.Status.FAIL, bad.get(0).status(), bad::toString);
        assertEquals(ExitCode.NOTIFY, bad.get(0).kind());
        assertTrue(bad.get(1).detail().contains("is not a routing key (5 characters"), bad::toString);

        List<Check> missing = NotifyChecks.check(List.of("teams"), Map.<String, String>of()::get);
        assertEquals("TEAMS_WEBHOOK is not set", missing.get(0).detail());
        assertEquals(Check.Status.SKIP, NotifyChecks.check(List.of(), Map.<String, String>of()::get).get(0).status(),
                "nothing named and nothing set: nothing to check");
        List<Check> smtp = NotifyChecks.check(List.of(), Map.of("SMTP_USER", "bot")::get);
        assertEquals(Check.Status.FAIL, smtp.get(0).status(), smtp::toString);
    }
}
