package qdrift.git;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static qdrift.testing.GitCli.commitAll;
import static qdrift.testing.GitCli.git;
import static qdrift.testing.GitCli.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.testing.GitCli;
import qdrift.testing.Fault;

class GitWorkspaceTest {
    @TempDir
    Path temp;
    Path repo;

    @BeforeEach
    void committedExport() {
        repo = GitCli.init(temp.resolve("repo"));
        write(repo.resolve("README.md"), "# config\n");
        write(repo.resolve("scripts/run.sh"), "echo hi\n");
        write(repo.resolve("qualytics-config/connections/pg.yaml"), "name: pg\n");
        write(repo.resolve("qualytics-config/checks/c1.yaml"), "rule: notNull\n");
        write(repo.resolve("qualytics-config/checks/c2.yaml"), "rule: between\n");
        commitAll(repo, "baseline export");
    }

    @Test
    @Fault(group = "git")
    void aFolderThatIsNoRepositoryIsRefused() throws IOException {
        Path plain = Files.createDirectories(temp.resolve("plain"));

        Failure failure = assertThrows(Failure.class, () -> GitWorkspace.open(plain, "config"));

        assertEquals(ExitCode.GIT, failure.exitCode());
        assertEquals(plain + " is not a git repository: run git init or pass --repo", failure.getMessage());
    }

    @Test
    @Fault(group = "git")
    void theExportFolderMustStayInsideTheWorkTreeAndBeBelowItsRoot() {
        for (String bad : List.of("../elsewhere", "qualytics-config/../..", ".", ".git/hooks")) {
            Failure failure = assertThrows(Failure.class, () -> GitWorkspace.open(repo, bad).close(), bad);
            assertEquals(ExitCode.GIT, failure.exitCode(), bad);
        }
    }

    @Test
    @Fault(group = "git")
    void aMissingFolderIsFineOnlyWhileHeadHasNothingThere() throws IOException {
        try (GitWorkspace workspace = GitWorkspace.open(repo, "new-config")) {
            assertEquals("new-config", workspace.path());
        }
        deleteTree(repo.resolve("qualytics-config"));

        Failure failure = assertThrows(Failure.class, () -> GitWorkspace.open(repo, "qualytics-config"));

        assertEquals(ExitCode.GIT, failure.exitCode());
        assertTrue(failure.getMessage().contains("committed in HEAD but missing"), failure.getMessage());
    }

    @Test
    void openingFromASubfolderFindsTheWorkTree() {
        try (GitWorkspace workspace = GitWorkspace.open(repo.resolve("scripts"), "../qualytics-config")) {
            assertEquals("qualytics-config", workspace.path());
        }
    }

    @Test
    void changesOutsideTheExportFolderAreRefusedNamingUpToThreeFiles() {
        write(repo.resolve("README.md"), "# edited\n");
        write(repo.resolve("scripts/run.sh"), "echo edited\n");
        write(repo.resolve("scripts/new.sh"), "staged\n");
        git(repo, "add", "scripts/new.sh");
        write(repo.resolve("zz.txt"), "untracked\n");
        git(repo, "rm", "-q", "--cached", "--", "scripts/run.sh");

        try (GitWorkspace workspace = GitWorkspace.open(repo, "qualytics-config")) {
            Failure failure = assertThrows(Failure.class, workspace::refuseDirtyOutside);

            assertEquals(ExitCode.GIT, failure.exitCode());
            assertEquals("uncommitted changes outside qualytics-config in " + workspace.workTree()
                    + ": README.md, scripts/new.sh, scripts/run.sh: commit or stash them first", failure.getMessage());
        }
    }

    @Test
    void moreThanThreeDirtyFilesAreCounted() {
        for (int i = 0; i < 5; i++) {
            write(repo.resolve("other/f" + i + ".txt"), "v1\n");
        }
        commitAll(repo, "others");
        for (int i = 0; i < 5; i++) {
            write(repo.resolve("other/f" + i + ".txt"), "v2\n");
        }
        try (GitWorkspace workspace = GitWorkspace.open(repo, "qualytics-config")) {
            Failure failure = assertThrows(Failure.class, workspace::refuseDirtyOutside);

            assertTrue(failure.getMessage().contains("other/f0.txt, other/f1.txt, other/f2.txt and 2 more"),
                    failure.getMessage());
        }
    }

    /** The status from the git command and, where there is none, from JGit: the same refusal and the same verdict on the folder. */
    @Test
    void withOrWithoutTheGitCommandTheStatusSaysTheSame() throws IOException {
        assertEquals(List.of("clean"), bothWays(), "a fresh clone");
        write(repo.resolve("qualytics-config/checks/c1.yaml"), "rule: edited\n");
        assertEquals(List.of("folder changed"), bothWays());
        write(repo.resolve("qualytics-config/checks/c1.yaml"), "rule: notNull\n");
        write(repo.resolve(".gitignore"), "*.bak\n");
        commitAll(repo, "ignore backups");
        write(repo.resolve("qualytics-config/checks/c1.yaml.bak"), "ignored\n");
        assertEquals(List.of("folder changed"), bothWays(), "an ignored file in the folder");
        Files.delete(repo.resolve("qualytics-config/checks/c1.yaml.bak"));
        write(repo.resolve("notes.txt"), "untracked outside\n");
        assertEquals(List.of("clean"), bothWays());
        write(repo.resolve("README.md"), "# edited\n");
        assertEquals(List.of("uncommitted changes outside qualytics-config in " + repo.toRealPath()
                + ": README.md: commit or stash them first"), bothWays());
    }

    /** HEAD's files in the folder, and the refusal of a link committed there: the same from the git command and from JGit. */
    @Test
    void headsFilesAndACommittedLinkAreTheSameWithOrWithoutTheGitCommand() throws IOException {
        write(repo.resolve("qualytics-config/checks/ü ñ.yaml"), "rule: unicode\n");
        write(repo.resolve("qualytics-config-other/c.yaml"), "a sibling folder with a longer name\n");
        commitAll(repo, "more files");
        List<java.util.Map<String, org.eclipse.jgit.lib.ObjectId>> files = new java.util.ArrayList<>();
        for (String git : List.of("git", repo.resolve("no-such-git").toString())) {
            try (GitWorkspace workspace = GitWorkspace.open(repo, "qualytics-config")) {
                workspace.useGitCommand(git);
                files.add(workspace.committedFiles());
            }
        }
        assertEquals(java.util.Set.of("connections/pg.yaml", "checks/c1.yaml", "checks/c2.yaml", "checks/ü ñ.yaml"),
                files.get(0).keySet());
        assertEquals(files.get(0), files.get(1));

        Files.createSymbolicLink(repo.resolve("qualytics-config/checks/link.yaml"), Path.of("c1.yaml"));
        commitAll(repo, "a link");
        java.util.Set<String> messages = new java.util.TreeSet<>();
        for (String git : List.of("git", repo.resolve("no-such-git").toString())) {
            try (GitWorkspace workspace = GitWorkspace.open(repo, "qualytics-config")) {
                workspace.useGitCommand(git);
                messages.add(assertThrows(Failure.class, () -> workspace.requireCommittedExport("manifest.yaml")).getMessage());
            }
        }
        assertEquals(1, messages.size(), messages::toString);
        assertTrue(messages.iterator().next().startsWith("qualytics-config/checks/link.yaml is committed as a symbolic link to c1.yaml (commit "),
                messages::toString);
    }

    /** One verdict that both readers must give: the refusal's message, else whether the folder is as HEAD has it. */
    private List<String> bothWays() {
        java.util.Set<String> verdicts = new java.util.TreeSet<>();
        for (String git : List.of("git", repo.resolve("no-such-git").toString())) {
            try (GitWorkspace workspace = GitWorkspace.open(repo, "qualytics-config")) {
                workspace.useGitCommand(git);
                try {
                    workspace.refuseDirtyOutside();
                    verdicts.add(workspace.folderCleanAtStatus() ? "clean" : "folder changed");
                } catch (Failure refused) {
                    verdicts.add(refused.getMessage());
                }
            }
        }
        return List.copyOf(verdicts);
    }

    @Test
    void untrackedFilesOutsideAndAnyChangeInsideAreAllowed() throws IOException {
        write(repo.resolve("notes.txt"), "untracked\n");
        write(repo.resolve("qualytics-config/checks/c1.yaml"), "rule: changed\n");
        Files.delete(repo.resolve("qualytics-config/checks/c2.yaml"));
        write(repo.resolve("qualytics-config/checks/c3.yaml"), "rule: new\n");
        git(repo, "add", "qualytics-config/checks/c3.yaml");

        try (GitWorkspace workspace = GitWorkspace.open(repo, "qualytics-config")) {
            workspace.refuseDirtyOutside();
        }
    }

    @Test
    void changesAgainstHeadListExactlyWhatGitStatusShows() throws IOException {
        write(repo.resolve(".gitignore"), "*.bak\n");
        commitAll(repo, "ignore backups");
        Path config = repo.resolve("qualytics-config");
        write(config.resolve("checks/c1.yaml"), "rule: changed\n");
        Files.delete(config.resolve("checks/c2.yaml"));
        write(config.resolve("containers/orders/c9.yaml"), "rule: new\n");
        write(config.resolve("connections/pg.yaml"), "name: pg\n"); // rewritten with the same bytes
        write(config.resolve("checks/c1.yaml.bak"), "ignored\n");
        write(repo.resolve("outside.txt"), "not in the folder\n");

        List<String> gitSays = Arrays.stream(git(repo, "status", "--porcelain", "-uall", "--", "qualytics-config")
                        .split("\n"))
                .filter(line -> !line.isBlank())
                .map(line -> line.substring(3).substring("qualytics-config/".length()))
                .sorted().toList();
        try (GitWorkspace workspace = GitWorkspace.open(repo, "qualytics-config")) {
            List<FileChange> changes = workspace.changesAgainstHead(workspace.folder());

            assertEquals(gitSays, changes.stream().map(FileChange::file).toList());
            assertEquals(List.of("checks/c1.yaml", "checks/c2.yaml", "containers/orders/c9.yaml"), gitSays);
            assertArrayEquals("rule: notNull\n".getBytes(UTF_8), changes.get(0).before());
            assertArrayEquals("rule: changed\n".getBytes(UTF_8), changes.get(0).after());
            assertTrue(changes.get(1).isRemoved(), changes.toString());
            assertTrue(changes.get(2).isAdded(), changes.toString());
        }
    }

    @Test
    void theCronCaseComparesByBlobIdAndAnIgnoredFileAloneIsStillLeftOut() throws IOException {
        Path config = repo.resolve("qualytics-config");
        try (GitWorkspace workspace = GitWorkspace.open(repo, "qualytics-config")) {
            write(config.resolve("checks/c1.yaml"), "rule: notNull\n"); // rewritten with the same bytes: HEAD's blob id
            assertEquals(List.of(), workspace.changesAgainstHead(workspace.folder()));

            write(config.resolve("checks/c2.yaml"), "rule: betweeN\n"); // same length, one byte differs
            assertEquals(List.of(new FileChange("checks/c2.yaml", "rule: between\n".getBytes(UTF_8),
                    "rule: betweeN\n".getBytes(UTF_8))), workspace.changesAgainstHead(workspace.folder()));
        }
        write(config.resolve("checks/c2.yaml"), "rule: between\n");
        write(repo.resolve(".gitignore"), "*.bak\n");
        commitAll(repo, "ignore backups");
        write(config.resolve("checks/c1.yaml.bak"), "ignored\n"); // the only untracked file, and ignored
        try (GitWorkspace workspace = GitWorkspace.open(repo, "qualytics-config")) {
            assertEquals(List.of(), workspace.changesAgainstHead(workspace.folder()));
        }
    }

    @Test
    void aSeparateFolderIsComparedWithHeadForCheckOnlyRuns() {
        Path fresh = temp.resolve("check-only");
        write(fresh.resolve("connections/pg.yaml"), "name: pg\n");
        write(fresh.resolve("checks/c1.yaml"), "rule: notNull\n");

        try (GitWorkspace workspace = GitWorkspace.open(repo, "qualytics-config")) {
            List<FileChange> changes = workspace.changesAgainstHead(fresh);

            assertEquals(List.of(new FileChange("checks/c2.yaml", "rule: between\n".getBytes(UTF_8), null)), changes);
        }
    }

    @Test
    void reportsHeadBranchAndRemoteWithoutCredentials() {
        git(repo, "remote", "add", "origin", "https://x-access-token:sekrit@github.com/acme/config.git");

        try (GitWorkspace workspace = GitWorkspace.open(repo, "qualytics-config")) {
            assertEquals(git(repo, "rev-parse", "HEAD").trim(), workspace.headCommit());
            assertEquals("main", workspace.branch());
            assertEquals("https://github.com/acme/config.git", workspace.remoteUrl());
        }
    }

    @Test
    void aRepositoryWithoutRemoteHasNoRemoteUrl() {
        try (GitWorkspace workspace = GitWorkspace.open(repo, "qualytics-config")) {
            assertNull(workspace.remoteUrl());
            assertEquals(PullResult.Status.SKIPPED, workspace.pull(Optional.empty()).status());
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) {
                Files.delete(p);
            }
        }
    }
}
