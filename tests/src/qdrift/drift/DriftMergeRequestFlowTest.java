package qdrift.drift;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static qdrift.testing.GitCli.git;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.report.DriftReport;
import qdrift.report.PullRequestRef;
import qdrift.report.ReportJson;
import qdrift.sandbox.Kind;
import qdrift.testing.ScriptRun;

/**
 * Issue #12, --open-pr on GitLab: the drifted snapshot is pushed to a drift/ branch of a bare local "origin" and
 * proposed as a merge request on a WireMock GitLab (REST API v4, self-managed URL); a second drifted run finds the
 * open merge request and updates it instead of opening another.
 */
class DriftMergeRequestFlowTest {
    private static final String TOKEN = "glpat-DriftFlowToken0123456789";
    private static final String MRS = "/api/v4/projects/acme%2Fdata%2Fqualytics-config/merge_requests";
    private static final String MR_URL = "https://gitlab.example.com/acme/data/qualytics-config/-/merge_requests/12";

    @TempDir
    Path temp;
    DriftRepo fixture;
    Path tokenFile;
    WireMockServer gitlab = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @BeforeEach
    void start() throws IOException {
        fixture = DriftRepo.create(temp);
        gitlab.start();
        tokenFile = Files.writeString(temp.resolve("gitlab-token"), TOKEN + "\n");
    }

    @AfterEach
    void stop() {
        gitlab.stop();
        fixture.close();
    }

    private static String mrJson(String branch) {
        return """
                {"iid": 12, "web_url": "%s", "source_branch": "%s", "source_project_id": 5, "target_project_id": 5}"""
                .formatted(MR_URL, branch);
    }

    private ScriptRun openMr(Path json) {
        return fixture.drift("--open-pr", "--forge", "gitlab", "--git-token-file", tokenFile.toString(),
                "--gitlab-api-url", gitlab.baseUrl() + "/api/v4", "--gitlab-project", "acme/data/qualytics-config",
                "-o", "text", "-o", "json=" + json);
    }

    private String originBranches() {
        return git(fixture.origin, "for-each-ref", "--format=%(refname:short) %(objectname)", "refs/heads/drift/");
    }

    @Test
    void aDriftIsProposedAsOneMergeRequestThenThatMergeRequestIsUpdated() throws IOException {
        fixture.state().updateCheck(fixture.activeCheck().path("id").asLong(), "{\"coverage\": 0.5}");
        // a fork's drift MR and another branch's MR are not ours
        gitlab.stubFor(get(urlPathEqualTo(MRS)).willReturn(okJson("""
                [{"iid": 3, "web_url": "x", "source_branch": "drift/2020-01-01T0000Z", "source_project_id": 9, "target_project_id": 5},
                 {"iid": 4, "web_url": "y", "source_branch": "feature/x", "source_project_id": 5, "target_project_id": 5}]""")));
        gitlab.stubFor(post(urlPathEqualTo(MRS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withTransformers("response-template")
                .withBody(mrJson("{{jsonPath request.body '$.source_branch'}}"))));
        String mainBefore = git(fixture.repo, "rev-parse", "HEAD");

        Path firstJson = temp.resolve("first.json");
        ScriptRun first = openMr(firstJson);

        assertEquals(1, first.exitCode(), first.toString());
        PullRequestRef opened = ReportJson.read(Files.readString(firstJson), "first.json").pullRequest();
        assertEquals(new PullRequestRef(MR_URL, 12, opened.branch(), "opened"), opened);
        assertTrue(opened.branch().matches("drift/\\d{4}-\\d{2}-\\d{2}T\\d{4}Z"), opened.branch());
        assertTrue(first.out().contains(MR_URL), first::toString);
        gitlab.verify(1, postRequestedFor(urlPathEqualTo(MRS))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(matchingJsonPath("$.source_branch", equalTo(opened.branch())))
                .withRequestBody(matchingJsonPath("$.target_branch", equalTo("main")))
                .withRequestBody(matchingJsonPath("$.description"))
                .withRequestBody(matchingJsonPath("$.title")));
        gitlab.verify(getRequestedFor(urlPathEqualTo(MRS)).withQueryParam("state", equalTo("opened")));
        List<String> pushed = originBranches().lines().toList();
        assertEquals(1, pushed.size(), pushed::toString);
        String firstCommit = pushed.get(0).split(" ")[1];
        assertEquals(mainBefore, git(fixture.repo, "rev-parse", "HEAD"), "the user's branch does not move");

        gitlab.resetAll();
        gitlab.stubFor(get(urlPathEqualTo(MRS)).willReturn(okJson("[" + mrJson(opened.branch()) + "]")));
        gitlab.stubFor(put(urlPathEqualTo(MRS + "/12")).willReturn(okJson(mrJson(opened.branch()))));
        fixture.state().delete(Kind.COMPUTED_FIELD, fixture.computedField().path("id").asLong());

        Path secondJson = temp.resolve("second.json");
        ScriptRun second = openMr(secondJson);

        assertEquals(1, second.exitCode(), second.toString());
        DriftReport report = ReportJson.read(Files.readString(secondJson), "second.json");
        assertEquals(new PullRequestRef(MR_URL, 12, opened.branch(), "updated"), report.pullRequest());
        gitlab.verify(0, postRequestedFor(urlPathEqualTo(MRS)));
        gitlab.verify(1, putRequestedFor(urlPathEqualTo(MRS + "/12")).withRequestBody(matchingJsonPath("$.description")));
        List<String> afterUpdate = originBranches().lines().toList();
        assertEquals(1, afterUpdate.size(), "still one drift branch: " + afterUpdate);
        assertNotEquals(firstCommit, afterUpdate.get(0).split(" ")[1], "the branch carries the second snapshot");

        for (String place : List.of(first.out(), first.err(), second.out(), second.err(), Files.readString(firstJson),
                Files.readString(secondJson), Files.readString(fixture.repo.resolve(".git/config")))) {
            assertFalse(place.contains(TOKEN), "the token leaked:\n" + place);
        }
    }

    @Test
    void anUnknownForgeIsAUsageErrorBeforeAnyRequest() {
        fixture.sandbox.stats().reset();
        ScriptRun run = fixture.drift("--open-pr", "--forge", "bitbucket", "--git-token-file", tokenFile.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--forge takes github or gitlab"), run::toString);
        assertEquals(0, fixture.sandbox.stats().total(), "no request was made");
    }

    @Test
    void aRejectedTokenStillReportsTheDriftThenExits5WithoutTheToken() throws IOException {
        fixture.state().updateCheck(fixture.activeCheck().path("id").asLong(), "{\"coverage\": 0.5}");
        gitlab.stubFor(get(urlPathEqualTo(MRS)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"401 Unauthorized\"}")));
        Path json = temp.resolve("drift.json");
        ScriptRun run = openMr(json);
        assertEquals(5, run.exitCode(), run::toString);
        assertTrue(run.err().contains("GitLab rejected the token (HTTP 401"), run::toString);
        assertEquals(DriftReport.DRIFT, ReportJson.read(Files.readString(json), "drift.json").status());
        assertFalse(run.out().contains(TOKEN) || run.err().contains(TOKEN), run::toString);
    }

    @Test
    void aRedirectIsNotFollowedSoTheTokenStaysOnTheGitLabHost() throws IOException {
        fixture.state().updateCheck(fixture.activeCheck().path("id").asLong(), "{\"coverage\": 0.5}");
        gitlab.stubFor(get(urlPathEqualTo(MRS)).willReturn(aResponse().withStatus(302).withHeader("Location", "http://127.0.0.2:1/steal")));
        ScriptRun run = openMr(temp.resolve("drift.json"));
        assertEquals(5, run.exitCode(), run::toString);
        assertTrue(run.err().contains("redirect"), run::toString);
    }
}
