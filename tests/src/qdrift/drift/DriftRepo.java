package qdrift.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static qdrift.testing.GitCli.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;
import qdrift.sandbox.Kind;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.SandboxOptions;
import qdrift.sandbox.TenantSpec;
import qdrift.sandbox.TenantState;
import qdrift.testing.ScriptRun;
import qdrift.testing.TenantPicks;

/**
 * What a drift run meets in production, in a temporary folder: a sandbox Qualytics with a small tenant, a bare
 * "origin", and a clone of it whose main branch tracks origin/main and holds a committed export of one datastore
 * (made by export.java itself). Tests then change things "in the UI" through {@link #state()} and run drift.java.
 */
final class DriftRepo implements AutoCloseable {
    static final String FOLDER = "qualytics-config";

    final Sandbox sandbox;
    final Path origin;
    final Path repo;
    final long datastoreId;
    /** The token the cron job was set up with; rotating the sandbox's token makes it a rejected one. */
    private final String token;

    private DriftRepo(Sandbox sandbox, String token, Path origin, Path repo, long datastoreId) {
        this.sandbox = sandbox;
        this.token = token;
        this.origin = origin;
        this.repo = repo;
        this.datastoreId = datastoreId;
    }

    /**
     * A fresh tenant (60 checks over 10 containers) and a repository whose HEAD matches it exactly. The fixture is
     * built with JGit in-process (spawning git a dozen times per test is slow); the tests judge with the git CLI.
     */
    static DriftRepo create(Path temp) {
        Sandbox sandbox = Sandbox.start(TenantSpec.of(TenantSpec.DEFAULT_SEED, 60, 10), SandboxOptions.defaults());
        try {
            Path origin = temp.resolve("origin.git");
            Path repo = temp.resolve("config");
            Git.init().setBare(true).setDirectory(origin.toFile()).setInitialBranch("main").call().close();
            long datastoreId = sandbox.state().busiestDatastoreId();
            DriftRepo fixture = new DriftRepo(sandbox, sandbox.token(), origin, repo, datastoreId);
            try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
                Files.writeString(repo.resolve("README.md"), "# Approved Qualytics configuration\n");
                fixture.export(repo.resolve(FOLDER));
                fixture.commitAll("baseline: approved configuration");
                StoredConfig config = git.getRepository().getConfig();
                config.setString("remote", "origin", "url", origin.toString());
                config.setString("remote", "origin", "fetch", "+refs/heads/*:refs/remotes/origin/*");
                config.setString("branch", "main", "remote", "origin");
                config.setString("branch", "main", "merge", "refs/heads/main");
                config.save();
                git.push().setRemote("origin").add("main").call();
                git.fetch().setRemote("origin").call();
            }
            sandbox.stats().reset();
            return fixture;
        } catch (IOException e) {
            sandbox.close();
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            sandbox.close();
            throw new IllegalStateException("cannot build the fixture repository: " + e.getMessage(), e);
        } catch (RuntimeException | AssertionError e) {
            sandbox.close();
            throw e;
        }
    }

    /** {@link #create} with one check edited "in the UI" since the baseline: a drift run finds exactly that. */
    static DriftRepo withDriftWaiting(Path temp) {
        DriftRepo fixture = create(temp);
        fixture.state().updateCheck(fixture.activeCheck().path("id").asLong(), "{\"coverage\": 0.5}");
        return fixture;
    }

    /** export.java over {@code folder}, as a person would run it to (re-)baseline. */
    void export(Path folder) {
        ScriptRun export = ScriptRun.of("ExportCommand", "--url", sandbox.url(), "--token", token,
                "--datastore-id", String.valueOf(datastoreId), "--folder", folder.toString(), "--quiet");
        assertEquals(0, export.exitCode(), "export.java failed\n" + export);
    }

    TenantState state() {
        return sandbox.state();
    }

    /** drift.java against this sandbox and repository, with the given extra arguments. */
    ScriptRun drift(String... extra) {
        return driftAt(FOLDER, extra);
    }

    /** drift.java with another --path than the committed export's. */
    ScriptRun driftAt(String path, String... extra) {
        List<String> args = new ArrayList<>(List.of("--url", sandbox.url(), "--token", token,
                "--repo", repo.toString(), "--path", path, "--datastore-id", String.valueOf(datastoreId), "--no-color"));
        args.addAll(Arrays.asList(extra));
        return ScriptRun.of("DriftCommand", args.toArray(String[]::new));
    }

    /** `git status --porcelain -uall` as the git CLI sees the worktree. */
    String gitStatus() {
        return git(repo, "status", "--porcelain", "-uall");
    }

    /** The files `git status` names as changed, relative to the export folder, sorted. */
    List<String> changedFilesInFolder() {
        return gitStatus().lines().map(line -> line.substring(3))
                .filter(file -> file.startsWith(FOLDER + "/"))
                .map(file -> file.substring(FOLDER.length() + 1)).sorted().toList();
    }

    void commitAll(String message) {
        try (Git git = Git.open(repo.toFile())) {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            PersonIdent test = new PersonIdent("Test", "test@example.com");
            git.commit().setMessage(message).setAuthor(test).setCommitter(test).setSign(false).call();
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException("cannot commit in " + repo + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every file of the work tree and its bytes, to prove a run touched nothing. .git is never entered: git may be
     * writing there in the background (auto gc), which is no change of the work tree.
     */
    Map<String, String> workTreeBytes() {
        Map<String, String> files = new TreeMap<>();
        try {
            Files.walkFileTree(repo, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return dir.equals(repo.resolve(".git")) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    if (attributes.isRegularFile()) {
                        files.put(repo.relativize(file).toString(), Arrays.toString(Files.readAllBytes(file)));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    // ---- changes made "in the UI" ----

    ObjectNode activeCheck() {
        return TenantPicks.activeCheck(state(), datastoreId);
    }

    ObjectNode computedField() {
        return TenantPicks.computedField(state(), datastoreId);
    }

    long connectionId() {
        return state().get(Kind.DATASTORE, datastoreId).path("connection_id").asLong();
    }

    static String text(JsonNode node, String field) {
        return node.path(field).asText();
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
