package qdrift.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

class GitHubRepoAndTokenTest {
    @TempDir
    Path temp;

    @Test
    void ownerAndNameComeFromEveryUsualRemoteUrl() {
        GitHubRepo expected = new GitHubRepo("acme", "qualytics-config");
        for (String url : new String[] {
                "https://github.com/acme/qualytics-config.git",
                "https://x-access-token:secret@github.com/acme/qualytics-config",
                "git@github.com:acme/qualytics-config.git",
                "ssh://git@ghe.corp.example:2222/acme/qualytics-config.git",
                "https://ghe.corp.example/acme/qualytics-config/"}) {
            assertEquals(expected, GitHubRepo.fromRemoteUrl(url), url);
        }
        assertEquals(expected, GitHubRepo.parse("acme/qualytics-config"));
    }

    @Test
    void aRemoteUrlWithoutOwnerAndNameAsksForThem() {
        Failure failure = assertThrows(Failure.class, () -> GitHubRepo.fromRemoteUrl("/srv/git/config.git"));

        assertEquals(ExitCode.USAGE, failure.exitCode());
        assertEquals("cannot tell the GitHub repository from the remote URL '/srv/git/config.git': pass it as "
                + "owner/name (--github-repo)", failure.getMessage());
    }

    @Test
    void theTokenComesFromTheFileBeforeTheEnvironmentAndNeverShows() throws IOException {
        Path file = Files.writeString(temp.resolve("token"), "from-file\n");
        Map<String, String> env = Map.of(GitToken.ENV, "from-env");

        assertEquals("from-file", GitToken.resolve(Optional.of(file), env).orElseThrow().value());
        assertEquals("from-env", GitToken.resolve(Optional.empty(), env).orElseThrow().value());
        assertEquals(Optional.empty(), GitToken.resolve(Optional.empty(), Map.of()));
        assertFalse(GitToken.of("from-env").toString().contains("from-env"));
    }

    @Test
    void remoteUrlsLoseTheirCredentialsInAnyText() {
        assertEquals("cannot reach https://github.com/acme/c.git: refused",
                RemoteUrls.withoutCredentials("cannot reach https://x-access-token:tok@github.com/acme/c.git: refused"));
    }

    @Test
    @qdrift.testing.Fault(group = "input")
    void aGitTokenWithALineBreakOrNonAsciiIsRefusedWithoutShowingIt() {
        for (String token : java.util.List.of("ghp_SECRETPART\nX-Evil: 1", "ghp_SECRETPARTé")) {
            qdrift.cli.Failure failure = org.junit.jupiter.api.Assertions.assertThrows(qdrift.cli.Failure.class, () -> GitToken.of(token));
            org.junit.jupiter.api.Assertions.assertEquals(qdrift.cli.ExitCode.GIT, failure.exitCode());
            assertFalse(failure.getMessage().contains("SECRETPART"), failure.getMessage());
            org.junit.jupiter.api.Assertions.assertTrue(failure.getMessage().startsWith("the git token holds a "), failure.getMessage());
        }
    }
}
