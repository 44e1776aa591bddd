package qdrift.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import qdrift.cli.Failure;

/** The GitLab project and API URL from a remote URL or the options; which remotes are GitLab. */
class GitLabProjectTest {
    @Test
    void theProjectAndApiComeFromTheRemoteUrlSubgroupsIncluded() {
        assertEquals(new GitLabProject("acme/data/config", "https://gitlab.example.com/api/v4"),
                GitLabProject.resolve("https://oauth2:secret@gitlab.example.com/acme/data/config.git", null, null));
        assertEquals(new GitLabProject("acme/config", "https://gitlab.com/api/v4"),
                GitLabProject.resolve("git@gitlab.com:acme/config.git", null, null));
        assertEquals(new GitLabProject("acme/config", "https://git.corp/api/v4"),
                GitLabProject.resolve("ssh://git@git.corp:2222/acme/config.git", null, null));
        assertEquals(new GitLabProject("acme/config", "http://127.0.0.1:8080/api/v4"),
                GitLabProject.resolve("http://127.0.0.1:8080/acme/config", null, null));
    }

    @Test
    void optionsWinAndTheApiIdIsTheEncodedPathOrTheNumber() {
        GitLabProject project = GitLabProject.resolve("/srv/git/config.git", "acme/sub/config", "https://gl.corp/api/v4/");
        assertEquals("https://gl.corp/api/v4", project.apiUrl());
        assertEquals("acme%2Fsub%2Fconfig", project.apiId());
        assertEquals("42", GitLabProject.resolve(null, "42", "https://gl.corp/api/v4").apiId());
    }

    @Test
    void aLocalRemoteWithoutOptionsOrABadProjectIsAUsageError() {
        Failure local = assertThrows(Failure.class, () -> GitLabProject.resolve("/srv/git/config.git", null, null));
        assertTrue(local.getMessage().contains("--gitlab-project"), local.getMessage());
        assertThrows(Failure.class, () -> GitLabProject.resolve(null, "no-slash", "https://gl/api/v4"));
        Failure leak = assertThrows(Failure.class, () -> GitLabProject.resolve("https://u:hunter2@/x", null, null));
        assertFalse(leak.getMessage().contains("hunter2"), leak.getMessage());
    }

    @Test
    void theTokenComesFromTheFileThenTheVariablesInTurn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.util.Map<String, String> env = java.util.Map.of("GITLAB_TOKEN", "glpat-A", "GIT_TOKEN", "ghp-B");
        assertEquals("glpat-A", GitToken.resolve(java.util.Optional.empty(), env, "GITLAB_TOKEN", "GIT_TOKEN").orElseThrow().value());
        assertEquals("ghp-B", GitToken.resolve(java.util.Optional.empty(), env, "GIT_TOKEN", "GITLAB_TOKEN").orElseThrow().value());
        assertEquals("ghp-B", GitToken.resolve(java.util.Optional.empty(), java.util.Map.of("GIT_TOKEN", "ghp-B"),
                "GITLAB_TOKEN", "GIT_TOKEN").orElseThrow().value());
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("token"), "glpat-FILE\n");
        assertEquals("glpat-FILE", GitToken.resolve(java.util.Optional.of(file), env, "GITLAB_TOKEN").orElseThrow().value());
        assertFalse(GitToken.resolve(java.util.Optional.empty(), java.util.Map.of(), "GITLAB_TOKEN").isPresent());
    }

    @Test
    void aHostNamedGitlabIsGitLab() {
        assertTrue(qdrift.drift.PullRequestOptions.looksLikeGitLab("git@gitlab.example.com:acme/config.git"));
        assertTrue(qdrift.drift.PullRequestOptions.looksLikeGitLab("https://GITLAB.com/acme/config"));
        assertFalse(qdrift.drift.PullRequestOptions.looksLikeGitLab("https://github.com/gitlab/config"));
        assertFalse(qdrift.drift.PullRequestOptions.looksLikeGitLab("/srv/git/config.git"));
    }
}
