package qdrift.git;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static qdrift.testing.GitCli.commitAll;
import static qdrift.testing.GitCli.git;
import static qdrift.testing.GitCli.write;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.testing.Fault;
import qdrift.testing.GitCli;
import qdrift.testing.SilentServer;

/** --open-pr against a git remote that accepts the push's connection and never answers: the push ends, exit 5. */
class SilentRemotePushTest {
    @RegisterExtension
    static WireMockExtension github = WireMockExtension.newInstance().options(WireMockConfiguration.options().dynamicPort()).build();

    @TempDir
    Path temp;

    @Test
    @Fault(group = "git")
    void aPushToARemoteThatNeverAnswersEndsWithExit5AndOpensNoPullRequest() throws Exception {
        Path repo = GitCli.init(temp.resolve("repo"));
        write(repo.resolve("qualytics-config/checks/c1.yaml"), "rule: notNull\n");
        commitAll(repo, "baseline");
        github.stubFor(get(urlPathEqualTo("/repos/acme/config/pulls")).willReturn(okJson("[]")));
        try (SilentServer silent = new SilentServer()) {
            String remote = silent.url("/acme/config.git");
            git(repo, "remote", "add", "origin", remote);
            write(repo.resolve("qualytics-config/checks/c1.yaml"), "rule: between\n");
            String head = git(repo, "rev-parse", "HEAD");
            long started = System.nanoTime();

            Failure failure;
            try (GitWorkspace workspace = GitWorkspace.open(repo, "qualytics-config").transportTimeout(Duration.ofSeconds(1))) {
                GitToken token = GitToken.of("ghp_NotSentAnywhere0123");
                DriftPullRequest pr = new DriftPullRequest(workspace, new GitHubClient(github.baseUrl(), token, Duration.ofSeconds(5)),
                        new GitHubRepo("acme", "config"), token, DriftPullRequest.DEFAULT_PREFIX,
                        Clock.fixed(Instant.parse("2026-11-27T23:04:31Z"), ZoneOffset.UTC), Log.silent());
                failure = assertThrows(Failure.class, () -> pr.submit("drift", "body"));
            }

            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertEquals(ExitCode.GIT, failure.exitCode(), failure.getMessage());
            assertEquals("the git remote origin (" + remote + ") did not answer within 1 s during the push:"
                    + " check the network and the remote URL, or raise --timeout", failure.getMessage());
            assertTrue(seconds < 15, "took " + seconds + " s");
            assertEquals(head, git(repo, "rev-parse", "HEAD"), "the user's branch moved");
            github.verify(0, postRequestedFor(urlPathEqualTo("/repos/acme/config/pulls")));
        }
    }
}
