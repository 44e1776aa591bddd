package qdrift.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.SandboxOptions;
import qdrift.sandbox.TenantSpec;
import qdrift.testing.Fault;
import qdrift.testing.GitCli;
import qdrift.testing.PausedRun;
import qdrift.testing.ScriptRun;
import qdrift.testing.TreeSnapshot;

/**
 * export.java as a real process, killed while it updates a large committed folder (1,500 checks, a third of them
 * changed and a fifth deleted on the server): a test hook ({@link FolderSync#PAUSE_PROPERTY}) stops it after N staged
 * files or N steps of the update, then it gets kill -9 or SIGTERM. Whatever the point, the folder ends up equal to
 * the old commit or to a full export, never in between, and no staging folder or journal remains.
 */
class UpdateCrashTest {
    private static final String FOLDER = "qualytics-config";

    @TempDir
    static Path shared;
    @TempDir
    Path temp;

    private static Sandbox sandbox;
    private static Path template;
    private static Map<String, String> oldFiles;
    private static Map<String, String> newFiles;

    @BeforeAll
    static void baselineThenManyChangesOnTheServer() throws IOException {
        sandbox = Sandbox.start(TenantSpec.of(11, 1500, 50), SandboxOptions.defaults());
        template = GitCli.init(shared.resolve("template"));
        assertEquals(0, export(template.resolve(FOLDER), sandbox.token()).exitCode());
        GitCli.commitAll(template, "baseline");
        oldFiles = contents(template.resolve(FOLDER));

        List<Long> checks = sandbox.state().ids(qdrift.sandbox.Kind.CHECK);
        for (int i = 0; i < checks.size(); i++) {
            if (i % 5 == 0) {
                sandbox.state().deleteCheck(checks.get(i));
            } else if (i % 3 == 0) {
                sandbox.state().updateCheck(checks.get(i), "{\"description\": \"edited in the UI " + i + "\"}");
            }
        }
        Path fresh = shared.resolve("fresh");
        assertEquals(0, export(fresh, sandbox.token()).exitCode());
        newFiles = contents(fresh);
        assertTrue(oldFiles.size() - newFiles.size() > 200, "too few deletions to test a half-way kill");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static ScriptRun export(Path folder, String token) {
        return ScriptRun.of("ExportCommand", "--url", sandbox.url(), "--token", token, "--all-datastores",
                "--folder", folder.toString(), "--quiet");
    }

    @ParameterizedTest(name = "kill -9 at {0}")
    @ValueSource(strings = {"stage:400", "apply:1", "apply:300", "apply:600"})
    @Fault(group = "process")
    void killNineAtAnyPointOfTheUpdateThenTheNextRunLeavesTheOldCommitOrAFullExport(String point) throws Exception {
        Path repo = copyOfTheBaseline();
        Process run = startPausedExport(repo, point);
        run.destroyForcibly();
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        if (point.startsWith("stage")) {
            assertEquals(oldFiles, contents(repo.resolve(FOLDER)), "staging must not touch the folder");
        }

        // the next run fails at once (a rejected token), but first puts the folder right
        ScriptRun next = export(repo.resolve(FOLDER), "not-the-token");
        assertEquals(4, next.exitCode(), next.toString());
        assertEquals(point.startsWith("stage") ? oldFiles : newFiles, contents(repo.resolve(FOLDER)),
                "after kill -9 at " + point + " and a second run the folder is neither the old commit nor the new export");
        assertNoStagingLeft(repo);
    }

    @ParameterizedTest(name = "SIGTERM at {0}")
    @ValueSource(strings = {"stage:300", "apply:300"})
    @Fault(group = "process")
    void sigtermDuringTheUpdateStopsStagingOrFinishesTheMovesAndLeavesNoStaging(String point) throws Exception {
        Path repo = copyOfTheBaseline();
        Process run = startPausedExport(repo, point);
        run.destroy(); // SIGTERM, what timeout(1) sends
        assertTrue(run.waitFor(30, TimeUnit.SECONDS), "SIGTERM did not end the run");
        assertEquals(143, run.exitValue());

        assertEquals(point.startsWith("stage") ? oldFiles : newFiles, contents(repo.resolve(FOLDER)),
                "SIGTERM at " + point + " left the folder in between");
        assertNoStagingLeft(repo);
    }

    @Test
    @Fault(group = "process")
    void killNineWhileReadingFromTheApiLeavesTheFolderUntouched() throws Exception {
        Path repo = copyOfTheBaseline();
        sandbox.stats().reset();
        Process run = start(repo, List.of());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (sandbox.stats().total() < 10) {
                assertTrue(run.isAlive(), "the export ended before it was killed");
                assertTrue(System.nanoTime() < deadline, "the export made no requests");
                Thread.sleep(5);
            }
        } finally {
            run.destroyForcibly();
            run.waitFor(30, TimeUnit.SECONDS);
        }

        assertEquals(oldFiles, contents(repo.resolve(FOLDER)));
        assertEquals("", GitCli.git(repo, "status", "--porcelain", "-uall"), "the killed read left something in the repository");
        assertNoStagingLeft(repo);
    }

    private Path copyOfTheBaseline() throws IOException {
        Path repo = temp.resolve("repo");
        copyTree(template, repo);
        return repo;
    }

    /** export.java in its own JVM, paused by the test hook at point; returns once it says it paused. */
    private static Process startPausedExport(Path repo, String point) throws Exception {
        Process run = start(repo, List.of("-D" + FolderSync.PAUSE_PROPERTY + "=" + point));
        return PausedRun.awaitPause(run, point);
    }

    private static Process start(Path repo, List<String> jvmOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
        command.addAll(jvmOptions);
        command.addAll(List.of("ExportCommand", "--url", sandbox.url(), "--token", sandbox.token(), "--all-datastores",
                "--folder", repo.resolve(FOLDER).toString(), "--quiet"));
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** No staging folder or journal anywhere: beside the folder, in it, or in the git directory's sync area. */
    private static void assertNoStagingLeft(Path repo) throws IOException {
        Path areas = repo.resolve(".git/qualytics-drift/sync");
        if (Files.isDirectory(areas)) {
            try (var each = Files.list(areas)) {
                for (Path area : each.toList()) {
                    try (var inside = Files.list(area)) {
                        assertEquals(List.of("lock"), inside.map(p -> p.getFileName().toString()).toList(),
                                "staging or journal left in " + area);
                    }
                }
            }
        }
        for (String line : GitCli.git(repo, "status", "--porcelain", "-uall").lines().toList()) {
            assertTrue(line.substring(3).startsWith(FOLDER + "/") && !line.contains("staging"),
                    "git add -A would commit " + line);
        }
        try (var siblings = Files.list(repo)) {
            assertEquals(List.of(".git", FOLDER), siblings.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertFalse(Files.exists(SyncArea.sibling(repo.resolve(FOLDER))));
    }

    private static Map<String, String> contents(Path folder) {
        return TreeSnapshot.contents(folder);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
