package qdrift.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.testing.Shell;

/**
 * The git command's status and JGit's give the same dirty, untracked and ignored paths, over a work tree with every
 * kind of change (real repositories made with the git command).
 */
class WorkTreeStatusTest {
    @TempDir
    Path temp;

    @Test
    void theGitCommandAndJGitAgreeOnEveryKindOfChange() throws IOException, GitAPIException {
        Path repo = committed(temp.resolve("repo"), "a/modified.txt", "a/staged.txt", "a/deleted.txt", "a/type.txt",
                "b/unindexed.txt", "qualytics-config/checks/ü ñ.yaml", "qualytics-config/manifest.yaml", "kept.txt");
        Files.writeString(repo.resolve(".gitignore"), "*.log\nbuild/\n");
        git(repo, "add", ".gitignore");
        git(repo, "commit", "-qm", "ignore");
        Files.writeString(repo.resolve("a/modified.txt"), "changed in the work tree\n");
        Files.writeString(repo.resolve("a/staged.txt"), "changed and staged\n");
        git(repo, "add", "a/staged.txt");
        Files.delete(repo.resolve("a/deleted.txt"));
        Files.delete(repo.resolve("a/type.txt"));
        Files.createSymbolicLink(repo.resolve("a/type.txt"), Path.of("modified.txt"));
        git(repo, "rm", "-q", "--cached", "b/unindexed.txt");
        Files.createDirectories(repo.resolve("c"));
        Files.writeString(repo.resolve("c/added.txt"), "new and staged\n");
        git(repo, "add", "c/added.txt");
        Files.writeString(repo.resolve("qualytics-config/checks/ü ñ.yaml"), "edited by hand\n");
        Files.createDirectories(repo.resolve("d/e"));
        Files.writeString(repo.resolve("d/e/untracked.txt"), "untracked\n");
        Files.createDirectories(repo.resolve("empty-folder"));
        Files.writeString(repo.resolve("top.log"), "ignored\n");
        Files.createDirectories(repo.resolve("build/out"));
        Files.writeString(repo.resolve("build/out/x.class"), "ignored folder\n");

        WorkTreeStatus byGit = byGit(repo).orElseThrow(() -> new AssertionError("the git command gave no status"));
        assertEquals(Set.of("a/modified.txt", "a/staged.txt", "a/deleted.txt", "a/type.txt", "b/unindexed.txt",
                "c/added.txt", "qualytics-config/checks/ü ñ.yaml"), byGit.dirty());
        assertEquals(Set.of("b/unindexed.txt", "d/e/untracked.txt"), byGit.untracked());
        assertTrue(byGit.ignored().contains("top.log") && byGit.ignored().stream().anyMatch(p -> p.startsWith("build")), byGit::toString);
        WorkTreeStatus byJGit = byJGit(repo);
        assertEquals(byJGit.dirty(), byGit.dirty());
        assertEquals(byJGit.untracked(), byGit.untracked());
        assertEquals(covered(byJGit.ignored()), covered(byGit.ignored()), "the same ignored files, folder or not: " + byJGit + " / " + byGit);
    }

    @Test
    void aConflictIsDirtyBothWays() throws IOException, GitAPIException {
        Path repo = committed(temp.resolve("conflict"), "m.txt");
        git(repo, "checkout", "-qb", "side");
        Files.writeString(repo.resolve("m.txt"), "side\n");
        git(repo, "commit", "-qam", "side");
        git(repo, "checkout", "-q", "-");
        Files.writeString(repo.resolve("m.txt"), "main\n");
        git(repo, "commit", "-qam", "main");
        Shell.Result merge = git(repo, "merge", "-q", "side");
        assertFalse(merge.exitCode() == 0, "the merge conflicts: " + merge);
        assertEquals(Set.of("m.txt"), byGit(repo).orElseThrow().dirty());
        assertEquals(Set.of("m.txt"), byJGit(repo).dirty());
    }

    @Test
    void aCleanTreeIsCleanAndNoIndexIsWritten() throws IOException, GitAPIException {
        Path repo = committed(temp.resolve("clean"), "qualytics-config/a.yaml", "b.txt");
        Path index = repo.resolve(".git/index");
        byte[] before = Files.readAllBytes(index);
        Files.setLastModifiedTime(repo.resolve("b.txt"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        WorkTreeStatus clean = new WorkTreeStatus(Set.of(), Set.of(), Set.of());
        assertEquals(Optional.of(clean), byGit(repo));
        assertEquals(clean, byJGit(repo));
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(Files.readAllBytes(index)), "git status wrote no index");
    }

    @Test
    void withoutAWorkingGitCommandOrRepositoryThereIsNoAnswer() throws IOException {
        Path repo = committed(temp.resolve("plain"), "x.txt");
        assertEquals(Optional.empty(), WorkTreeStatus.byGitCommand(temp.resolve("no-such-git").toString(), repo.resolve(".git"), repo));
        Path notARepository = Files.createDirectories(temp.resolve("not-a-repository"));
        assertEquals(Optional.empty(), WorkTreeStatus.byGitCommand("git", notARepository.resolve(".git"), notARepository));
    }

    @Test
    void porcelainOfAnotherShapeIsNoAnswer() {
        assertEquals(Optional.empty(), WorkTreeStatus.parsePorcelain("R  new.txt\0old.txt\0"));
        assertEquals(Optional.empty(), WorkTreeStatus.parsePorcelain("garbage"));
        assertEquals(Optional.of(new WorkTreeStatus(Set.of("a b"), Set.of("u"), Set.of("i"))),
                WorkTreeStatus.parsePorcelain(" M a b\0?? u\0!! i/\0"));
    }

    /** Each path, and each folder above it: "build" covers "build/out/x.class", as a folder JGit names covers its files. */
    private static Set<String> covered(Set<String> paths) {
        Set<String> tops = new java.util.TreeSet<>();
        paths.forEach(p -> tops.add(p.contains("/") ? p.substring(0, p.indexOf('/')) : p));
        return tops;
    }

    private static Optional<WorkTreeStatus> byGit(Path repo) {
        return WorkTreeStatus.byGitCommand("git", repo.resolve(".git"), repo);
    }

    private static WorkTreeStatus byJGit(Path repo) throws IOException, GitAPIException {
        try (Git git = Git.open(repo.toFile())) {
            return WorkTreeStatus.of(git.status().call());
        }
    }

    private static Path committed(Path repo, String... files) throws IOException {
        Files.createDirectories(repo);
        git(repo, "init", "-q");
        for (String file : files) {
            Files.createDirectories(repo.resolve(file).getParent());
            Files.writeString(repo.resolve(file), file + "\n");
        }
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-qm", "first");
        git(repo, "config", "user.name", "t");
        git(repo, "config", "user.email", "t@localhost");
        return repo;
    }

    private static Shell.Result git(Path repo, String... args) {
        Shell.Result result = Shell.git(repo, args);
        if (!(args[0].equals("merge"))) {
            assertEquals(0, result.exitCode(), () -> "git " + String.join(" ", args) + ": " + result);
        }
        return result;
    }
}
