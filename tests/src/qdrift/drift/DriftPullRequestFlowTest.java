package qdrift.drift;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.report.DriftReport;
import qdrift.report.PullRequestRef;
import qdrift.report.ReportJson;
import qdrift.sandbox.Kind;
import qdrift.testing.ScriptRun;

/**
 * Issue #4, --open-pr: the drifted snapshot is pushed to a drift/ branch of a bare local "origin" and proposed on a
 * WireMock GitHub; a second drifted run updates that pull request instead of opening another.
 */
class DriftPullRequestFlowTest {
    private static final String TOKEN = "ghp_DriftFlowToken0123456789abcdef";
    private static final String PULLS = "/repos/acme/qualytics-config/pulls";
    private static final String PR_URL = "https://github.com/acme/qualytics-config/pull/7";

    @TempDir
    Path temp;
    DriftRepo fixture;
    WireMockServer github = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @AfterEach
    void stop() {
        github.stop();
        if (fixture != null) {
            fixture.close();
        }
    }

    private static String pullJson(String branch) {
        return """
                {"number": 7, "html_url": "%s", "head": {"ref": "%s", "repo": {"full_name": "acme/qualytics-config"}}}"""
                .formatted(PR_URL, branch);
    }

    private ScriptRun openPr(Path tokenFile, Path json) {
        return fixture.drift("--open-pr", "--git-token-file", tokenFile.toString(), "--github-api-url", github.baseUrl(),
                "--github-repo", "acme/qualytics-config", "-o", "text", "-o", "json=" + json);
    }

    private String originBranches() {
        return git(fixture.origin, "for-each-ref", "--format=%(refname:short) %(objectname)", "refs/heads/drift/");
    }

    @Test
    void aDriftIsPushedAndProposedOnceThenTheSamePullRequestIsUpdated() throws IOException {
        fixture = DriftRepo.create(temp);
        github.start();
        Path tokenFile = temp.resolve("git-token");
        Files.writeString(tokenFile, TOKEN + "\n");
        fixture.state().updateCheck(fixture.activeCheck().path("id").asLong(), "{\"coverage\": 0.5}");
        github.stubFor(get(urlPathEqualTo(PULLS)).willReturn(okJson("[]")));
        github.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withTransformers("response-template")
                .withBody(pullJson("{{jsonPath request.body '$.head'}}"))));
        String mainBefore = git(fixture.repo, "rev-parse", "HEAD");

        Path firstJson = temp.resolve("first.json");
        ScriptRun first = openPr(tokenFile, firstJson);

        assertEquals(1, first.exitCode(), first.toString());
        PullRequestRef opened = ReportJson.read(Files.readString(firstJson), "first.json").pullRequest();
        assertEquals(7, opened.number(), "the JSON report should carry the pull request: " + opened);
        assertEquals(PR_URL, opened.url());
        assertEquals("opened", opened.action());
        assertTrue(opened.branch().matches("drift/\\d{4}-\\d{2}-\\d{2}T\\d{4}Z"), "branch drift/<UTC minute>, not " + opened.branch());
        assertTrue(first.out().contains("Pull request #7 opened: " + PR_URL),
                "the text report on stdout should give the pull request URL (stderr is silenced by --quiet in cron)\n" + first);
        List<String> pushed = originBranches().lines().toList();
        assertEquals(1, pushed.size(), "exactly one drift branch on origin: " + pushed);
        assertTrue(pushed.get(0).startsWith(opened.branch() + " "), pushed.get(0));
        String firstCommit = pushed.get(0).split(" ")[1];
        assertEquals(mainBefore, git(fixture.origin, "rev-parse", firstCommit + "^"), "the snapshot commit sits on main's HEAD");
        assertEquals(mainBefore, git(fixture.repo, "rev-parse", "HEAD"), "the user's branch does not move");
        assertEquals(mainBefore, git(fixture.origin, "rev-parse", "main"), "origin's main does not move");
        github.verify(1, postRequestedFor(urlPathEqualTo(PULLS))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));

        github.resetAll();
        github.stubFor(get(urlPathEqualTo(PULLS)).willReturn(okJson("[" + pullJson(opened.branch()) + "]")));
        github.stubFor(patch(urlPathEqualTo(PULLS + "/7")).willReturn(okJson(pullJson(opened.branch()))));
        fixture.state().delete(Kind.COMPUTED_FIELD, fixture.computedField().path("id").asLong());

        Path secondJson = temp.resolve("second.json");
        ScriptRun second = openPr(tokenFile, secondJson);

        assertEquals(1, second.exitCode(), second.toString());
        DriftReport secondReport = ReportJson.read(Files.readString(secondJson), "second.json");
        assertEquals(new PullRequestRef(PR_URL, 7, opened.branch(), "updated"), secondReport.pullRequest());
        assertTrue(second.out().contains("Pull request #7 updated: " + PR_URL), second.toString());
        github.verify(0, postRequestedFor(urlPathEqualTo(PULLS)));
        github.verify(1, patchRequestedFor(urlPathEqualTo(PULLS + "/7")));
        github.verify(1, getRequestedFor(urlPathEqualTo(PULLS)));
        List<String> afterUpdate = originBranches().lines().toList();
        assertEquals(1, afterUpdate.size(), "still exactly one drift branch: " + afterUpdate);
        String secondCommit = afterUpdate.get(0).split(" ")[1];
        assertNotEquals(firstCommit, secondCommit, "the branch should carry the second snapshot");
        String changedFiles = git(fixture.origin, "diff", "--name-only", mainBefore.trim(), secondCommit);
        for (var change : secondReport.changes()) {
            assertTrue(changedFiles.contains(DriftRepo.FOLDER + "/" + change.file()), change.file() + " is not in the snapshot commit");
        }

        List<String> places = new ArrayList<>(List.of(first.out(), first.err(), second.out(), second.err(),
                Files.readString(firstJson), Files.readString(secondJson),
                Files.readString(fixture.repo.resolve(".git/config")), Files.readString(fixture.origin.resolve("config"))));
        for (String place : places) {
            assertFalse(place.contains(TOKEN), "the git token leaked:\n" + place);
        }
    }

    @Test
    void aRejectedPullRequestStillReportsTheDriftThenFailsAsAGitFailure() throws IOException {
        fixture = DriftRepo.create(temp);
        github.start();
        Path tokenFile = temp.resolve("git-token");
        Files.writeString(tokenFile, TOKEN + "\n");
        fixture.state().updateCheck(fixture.activeCheck().path("id").asLong(), "{\"coverage\": 0.5}");
        github.stubFor(get(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Bad credentials\"}")));

        Path json = temp.resolve("drift.json");
        ScriptRun run = openPr(tokenFile, json);

        assertEquals(5, run.exitCode(), "a failed proposal is a git failure, never plain drift or clean\n" + run);
        assertTrue(run.out().startsWith("Drift detected"), "the text report still reaches stdout\n" + run);
        DriftReport report = ReportJson.read(Files.readString(json), "drift.json");
        assertEquals(DriftReport.DRIFT, report.status(), "the JSON report is still written");
        assertEquals(null, report.pullRequest());
        assertEquals(1, run.err().lines().filter(line -> line.startsWith("error: ")).count(), run.toString());
        assertFalse(run.out().contains(TOKEN) || run.err().contains(TOKEN), "the git token leaked\n" + run);
    }
}
