package qdrift.git;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static qdrift.testing.GitCli.commitAll;
import static qdrift.testing.GitCli.git;
import static qdrift.testing.GitCli.write;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.report.PullRequestRef;
import qdrift.testing.GitCli;

/** A drift run proposes its snapshot: pushed to a bare local remote, the pull request opened on a WireMock GitHub. */
class DriftPullRequestTest {
    private static final String TOKEN = "ghp_TopSecretToken0123456789";
    private static final GitHubRepo REPO = new GitHubRepo("acme", "config");
    private static final String PULLS = "/repos/acme/config/pulls";
    private static final Instant FIRST_RUN = Instant.parse("2026-11-27T23:04:31Z");
    private static final String BRANCH = "drift/2026-11-27T2304Z";

    @TempDir
    Path temp;
    Path origin;
    Path repo;
    static WireMockServer github = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    StringWriter logged = new StringWriter();

    @BeforeEach
    void clonedConfigRepositoryAndGitHub() {
        origin = GitCli.initBare(temp.resolve("origin.git"));
        repo = GitCli.init(temp.resolve("repo"));
        write(repo.resolve("README.md"), "# config\n");
        write(repo.resolve("qualytics-config/checks/c1.yaml"), "rule: notNull\n");
        write(repo.resolve("qualytics-config/checks/c2.yaml"), "rule: unique\n");
        commitAll(repo, "baseline");
        git(repo, "remote", "add", "origin", origin.toString());
        git(repo, "push", "-q", "-u", "origin", "main");
        github.resetAll();
    }

    @BeforeAll
    static void startGitHub() {
        github.start();
    }

    @AfterAll
    static void stopGitHub() {
        github.stop();
    }

    private PullRequestRef runDrift(Instant now) {
        try (GitWorkspace workspace = GitWorkspace.open(repo, "qualytics-config")) {
            GitToken token = GitToken.of(TOKEN);
            GitHubClient client = new GitHubClient(github.baseUrl(), token, Duration.ofSeconds(10));
            return new DriftPullRequest(workspace, client, REPO, token, DriftPullRequest.DEFAULT_PREFIX,
                    Clock.fixed(now, ZoneOffset.UTC), new Log(new PrintWriter(logged), false, true))
                    .submit("Qualytics drift detected", "drift body at " + now);
        }
    }

    private static String pullJson(int number, String branch, String headRepo) {
        return """
                {"number": %d, "html_url": "https://github.com/acme/config/pull/%d",
                 "head": {"ref": "%s", "repo": {"full_name": "%s"}}}""".formatted(number, number, branch, headRepo);
    }

    private String remoteBranchCommit() {
        String line = git(repo, "ls-remote", "origin", "refs/heads/" + BRANCH).trim();
        assertFalse(line.isEmpty(), "the drift branch was not pushed to origin");
        return line.split("\\s+")[0];
    }

    @Test
    void aFirstDriftPushesABranchAndOpensOnePullRequest() {
        github.stubFor(get(urlPathEqualTo(PULLS)).willReturn(okJson("[]")));
        github.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(pullJson(7, BRANCH, "acme/config"))));
        write(repo.resolve("qualytics-config/checks/c1.yaml"), "rule: between\n");
        Path c2 = repo.resolve("qualytics-config/checks/c2.yaml");
        c2.toFile().delete();
        String headBefore = git(repo, "rev-parse", "HEAD");
        String statusBefore = git(repo, "status", "--porcelain", "-uall");

        PullRequestRef ref = runDrift(FIRST_RUN);

        assertEquals(new PullRequestRef("https://github.com/acme/config/pull/7", 7, BRANCH, "opened"), ref);
        String pushed = remoteBranchCommit();
        assertEquals(headBefore.trim(), git(repo, "rev-parse", pushed + "^").trim(), "the snapshot is not on top of HEAD");
        assertEquals("rule: between\n", git(repo, "show", pushed + ":qualytics-config/checks/c1.yaml"));
        assertEquals("D\tqualytics-config/checks/c2.yaml\nM\tqualytics-config/checks/c1.yaml\n",
                sortedLines(git(repo, "diff", "--name-status", headBefore.trim(), pushed)));
        assertEquals(headBefore, git(repo, "rev-parse", "HEAD"), "the user's branch moved");
        assertEquals("main\n", git(repo, "branch", "--show-current"));
        assertEquals(statusBefore, git(repo, "status", "--porcelain", "-uall"), "the work tree or index changed");
        github.verify(1, postRequestedFor(urlPathEqualTo(PULLS))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(matchingJsonPath("$.head", equalTo(BRANCH)))
                .withRequestBody(matchingJsonPath("$.base", equalTo("main")))
                .withRequestBody(matchingJsonPath("$.title", equalTo("Qualytics drift detected"))));
        assertTokenNowhere();
    }

    @Test
    void aSecondDriftUpdatesTheOpenPullRequestInsteadOfOpeningAnother() {
        github.stubFor(get(urlPathEqualTo(PULLS)).willReturn(okJson("[]")));
        github.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(pullJson(7, BRANCH, "acme/config"))));
        write(repo.resolve("qualytics-config/checks/c1.yaml"), "rule: between\n");
        runDrift(FIRST_RUN);
        String firstPush = remoteBranchCommit();

        github.resetAll();
        github.stubFor(get(urlPathEqualTo(PULLS)).willReturn(okJson("[" + pullJson(3, "drift/from-a-fork", "someone/config")
                + "," + pullJson(7, BRANCH, "acme/config") + "]")));
        github.stubFor(patch(urlPathEqualTo(PULLS + "/7")).willReturn(okJson(pullJson(7, BRANCH, "acme/config"))));
        write(repo.resolve("qualytics-config/checks/c3.yaml"), "rule: new\n");
        Instant later = FIRST_RUN.plus(Duration.ofHours(1));

        PullRequestRef ref = runDrift(later);

        assertEquals(new PullRequestRef("https://github.com/acme/config/pull/7", 7, BRANCH, "updated"), ref);
        String secondPush = remoteBranchCommit();
        assertFalse(secondPush.equals(firstPush), "the new snapshot was not pushed");
        assertEquals("rule: new\n", git(repo, "show", secondPush + ":qualytics-config/checks/c3.yaml"));
        assertEquals(git(repo, "rev-parse", "HEAD").trim(), git(repo, "rev-parse", secondPush + "^").trim());
        github.verify(0, postRequestedFor(urlPathEqualTo(PULLS)));
        github.verify(1, patchRequestedFor(urlPathEqualTo(PULLS + "/7"))
                .withRequestBody(matchingJsonPath("$.body", equalTo("drift body at " + later))));
        assertTokenNowhere();
    }

    @Test
    void aRejectedTokenIsOneLineWithoutTheToken() {
        github.stubFor(get(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Bad credentials\"}")));
        write(repo.resolve("qualytics-config/checks/c1.yaml"), "rule: between\n");

        Failure failure = assertThrows(Failure.class, () -> runDrift(FIRST_RUN));

        assertEquals(ExitCode.GIT, failure.exitCode());
        assertTrue(failure.getMessage().startsWith("GitHub rejected the token (HTTP 401"), failure.getMessage());
        assertFalse(failure.getMessage().contains(TOKEN));
        assertEquals("", git(repo, "ls-remote", "origin", "refs/heads/drift/*"), "nothing should be pushed");
    }

    @Test
    void aRefusedPullRequestCarriesGitHubsReason() {
        github.stubFor(get(urlPathEqualTo(PULLS)).willReturn(okJson("[]")));
        github.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"Validation Failed\", \"errors\": [{\"message\": \"base main is protected\"}]}")));
        write(repo.resolve("qualytics-config/checks/c1.yaml"), "rule: between\n");

        Failure failure = assertThrows(Failure.class, () -> runDrift(FIRST_RUN));

        assertEquals(ExitCode.GIT, failure.exitCode());
        assertEquals("GitHub refused POST /repos/acme/config/pulls (HTTP 422): Validation Failed: base main is protected",
                failure.getMessage());
    }

    private void assertTokenNowhere() {
        try {
            assertFalse(Files.readString(repo.resolve(".git/config")).contains(TOKEN), "token in .git/config");
            assertFalse(Files.readString(origin.resolve("config")).contains(TOKEN), "token in the remote's config");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertFalse(git(repo, "remote", "-v").contains(TOKEN), "token in a remote URL");
        assertFalse(logged.toString().contains(TOKEN), "token in the log: " + logged);
    }

    private static String sortedLines(String text) {
        return text.lines().sorted().map(l -> l + "\n").reduce("", String::concat);
    }
}
