package qdrift.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.api.ClientSettings;
import qdrift.api.QualyticsClient;
import qdrift.cli.Log;
import qdrift.cli.ServerConfig;
import qdrift.model.ResourceType;
import qdrift.model.ServerFieldsFile;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.SandboxOptions;
import qdrift.sandbox.TenantSpec;
import qdrift.testing.Fault;
import qdrift.testing.GitCli;
import qdrift.testing.PausedRun;
import qdrift.testing.ScriptRun;
import qdrift.testing.TreeSnapshot;

/**
 * A first export writes each datastore's files into the sync's staging folder while the other datastores are still
 * read ({@link StagingAhead}). The folder must come out byte for byte as the sequential path writes it, and a failure
 * or a kill in the middle of the read must leave no folder, no staging and nothing a clean re-run trips on.
 */
class StagingAheadTest {
    private static final Set<ResourceType> ALL = EnumSet.allOf(ResourceType.class);
    private static final String FOLDER = "qualytics-config";

    @TempDir
    static Path shared;
    @TempDir
    Path temp;

    private static Sandbox sandbox;
    /** The export of the sandbox written the sequential way (everything staged after the read). */
    private static Map<String, String> sequential;

    @BeforeAll
    static void sequentialExport() throws IOException {
        // a few milliseconds a request, so that the datastores end their reads at different times
        sandbox = Sandbox.start(TenantSpec.of(TenantSpec.DEFAULT_SEED, 900, 60),
                SandboxOptions.defaults().withPort(0).withRandomOrder(true).withLatencyMs(3));
        Path folder = shared.resolve("sequential");
        try (QualyticsClient client = client()) {
            Exporter.Export export = new Exporter(client, Log.silent()).export(scope());
            FolderExport.write(export, client.baseUrl(), ALL, folder, folder, false, Log.silent());
        }
        sequential = TreeSnapshot.contents(folder);
        assertTrue(sequential.size() > 900, "too few files: " + sequential.size());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void filesStagedDuringTheReadGiveTheFolderOfTheSequentialPathByteForByte() {
        Path folder = temp.resolve("ahead");
        AtomicInteger written = new AtomicInteger();
        int stagedAhead;
        FolderSync sync = new FolderSync(counting(written));
        try (QualyticsClient client = client(); StagingAhead ahead = sync.stageAhead(folder)) {
            Exporter.Export export = new Exporter(client, Log.silent()).export(scope(), ahead);
            stagedAhead = ahead.handedCount(); // handed over during the read: the writes may still be under way
            FolderExport.Plan plan = FolderExport.plan(export, client.baseUrl(), ALL, folder, folder, false, Log.silent());
            FolderSync.SyncResult result = sync.sync(folder, plan.files(), plan.owned(), Set.of(), ahead);
            assertEquals(new FolderSync.SyncResult(plan.files().size(), 0, 0), result);
        }
        assertEquals(sequential, TreeSnapshot.contents(folder), "staging during the read changed the files written");
        // the datastores' contents went during the read; the connection and datastore files (a handful) after it
        assertTrue(stagedAhead > sequential.size() / 2, "only " + stagedAhead + " files were handed to staging during the read");
        assertEquals(sequential.size(), written.get(), "a file staged during the read was written again by the sync");
        assertFalse(Files.exists(SyncArea.sibling(folder.toAbsolutePath())), "the sync area was left beside the folder");
    }

    @Test
    void aFileStagedAheadThatTheExportDoesNotWantIsNeitherMovedNorLeftInStaging() throws IOException {
        Path folder = temp.resolve("extra");
        try (QualyticsClient client = client(); StagingAhead ahead = new FolderSync().stageAhead(folder)) {
            ahead.accept(Map.of("datastores/gone/checks/stale.yaml", "stale\n".getBytes(StandardCharsets.UTF_8),
                    "connections/x.yaml", "not the bytes of the export\n".getBytes(StandardCharsets.UTF_8)));
            Exporter.Export export = new Exporter(client, Log.silent()).export(scope(), ahead);
            FolderExport.write(export, client.baseUrl(), ALL, folder, folder, false, Log.silent(), ahead);
        }
        assertEquals(sequential, TreeSnapshot.contents(folder));
        assertFalse(Files.exists(folder.resolve("datastores/gone")), "the folder of an unwanted staged file was moved in");
    }

    @Test
    void aFailureInTheMiddleOfTheReadLeavesNoFolderNoStagingAndACleanRerunWritesTheSameFiles() throws IOException {
        Path repo = GitCli.init(temp.resolve("repo"));
        Path folder = repo.resolve(FOLDER);
        AtomicInteger written = new AtomicInteger();
        AtomicInteger datastores = new AtomicInteger();
        try (QualyticsClient client = client();
             StagingAhead ahead = new FolderSync(counting(written)).stageAhead(folder)) {
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> new Exporter(client, Log.silent())
                    .export(scope(), files -> {
                        ahead.accept(files);
                        if (datastores.incrementAndGet() == 2) {
                            waitFor(() -> written.get() >= files.size());
                            throw new IllegalStateException("injected: the read fails half-way");
                        }
                    }));
            assertTrue(thrown.getMessage().contains("injected"), thrown.toString());
            assertTrue(Files.isDirectory(ahead.area().staging()), "nothing was staged before the failure");
        }
        assertTrue(written.get() > 0, "no file was staged before the failure");
        assertFalse(Files.exists(folder), "a failed first export created the folder");
        assertOnlyTheLockLeft(repo);

        ScriptRun rerun = ScriptRun.of("ExportCommand", "--url", sandbox.url(), "--token", sandbox.token(),
                "--all-datastores", "--folder", folder.toString(), "--quiet");
        assertEquals(0, rerun.exitCode(), rerun.toString());
        assertEquals(sequential, TreeSnapshot.contents(folder));
        assertOnlyTheLockLeft(repo);
    }

    @Test
    void onlyAMissingOrEmptyFolderIsStagedDuringTheRead() throws IOException {
        Path missing = temp.resolve("missing");
        try (StagingAhead ahead = FolderExport.stageAhead(missing, ServerFieldsFile.load(missing))) {
            assertTrue(ahead != null && Files.isDirectory(ahead.area().staging()));
        }
        assertFalse(Files.exists(SyncArea.sibling(missing.toAbsolutePath())), "closing left the sync area");
        Path held = Files.createDirectories(temp.resolve("held"));
        Files.writeString(held.resolve("README.md"), "notes\n");
        assertEquals(null, FolderExport.stageAhead(held, ServerFieldsFile.load(held)));
    }

    @Test
    @Fault(group = "process")
    void killNineWhileAFirstExportStagesDuringTheReadThenTheNextRunStartsClean() throws Exception {
        Path repo = GitCli.init(temp.resolve("repo"));
        Process run = startPaused(repo, "stage-ahead:20");
        run.destroyForcibly();
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(repo.resolve(FOLDER)), "staging during the read touched the folder");

        // the next run fails at once (a rejected token), but first deletes the staging the killed run left
        ScriptRun next = ScriptRun.of("ExportCommand", "--url", sandbox.url(), "--token", "not-the-token",
                "--all-datastores", "--folder", repo.resolve(FOLDER).toString(), "--quiet");
        assertEquals(4, next.exitCode(), next.toString());
        assertOnlyTheLockLeft(repo);
        assertFalse(Files.exists(repo.resolve(FOLDER)));

        ScriptRun clean = ScriptRun.of("ExportCommand", "--url", sandbox.url(), "--token", sandbox.token(),
                "--all-datastores", "--folder", repo.resolve(FOLDER).toString(), "--quiet");
        assertEquals(0, clean.exitCode(), clean.toString());
        assertEquals(sequential, TreeSnapshot.contents(repo.resolve(FOLDER)));
    }

    @Test
    @Fault(group = "process")
    void sigtermWhileAFirstExportStagesDuringTheReadEndsTheRunWithoutFolderOrStaging() throws Exception {
        Path repo = GitCli.init(temp.resolve("repo"));
        Process run = startPaused(repo, "stage-ahead:20");
        run.destroy(); // SIGTERM
        assertTrue(run.waitFor(30, TimeUnit.SECONDS), "SIGTERM did not end the run");
        assertEquals(143, run.exitValue());
        assertFalse(Files.exists(repo.resolve(FOLDER)), "SIGTERM during the read left a folder");
        assertOnlyTheLockLeft(repo);
    }

    private static QualyticsClient client() {
        return new QualyticsClient(new ServerConfig(sandbox.url(), sandbox.token(), Duration.ofSeconds(30)),
                ClientSettings.defaults(Log.silent()));
    }

    private static Exporter.Scope scope() {
        return new Exporter.Scope(List.of(), true, ALL);
    }

    private static FolderSync.StagingWriter counting(AtomicInteger written) {
        return (file, bytes) -> {
            Files.write(file, bytes);
            written.incrementAndGet();
        };
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The repository holds nothing but its git directory, whose sync areas hold nothing but their lock files. */
    private static void assertOnlyTheLockLeft(Path repo) throws IOException {
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
        try (var siblings = Files.list(repo)) {
            List<String> names = siblings.map(p -> p.getFileName().toString()).filter(n -> !n.equals(FOLDER)).toList();
            assertEquals(List.of(".git"), names, "something was left beside the folder");
        }
    }

    /** export.java in its own JVM, paused by the test hook at point (while it reads); returns once it says so. */
    private static Process startPaused(Path repo, String point) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "-D" + FolderSync.PAUSE_PROPERTY + "=" + point, "ExportCommand", "--url", sandbox.url(),
                "--token", sandbox.token(), "--all-datastores", "--folder", repo.resolve(FOLDER).toString(), "--quiet"));
        Process run = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return PausedRun.awaitPause(run, point);
    }
}
