package qdrift.revert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.api.ClientSettings;
import qdrift.api.QualyticsClient;
import qdrift.cli.ExitCode;
import qdrift.cli.Log;
import qdrift.cli.ServerConfig;
import qdrift.export.Exporter;
import qdrift.model.ResourceType;
import qdrift.sandbox.Kind;
import qdrift.testing.Fault;
import qdrift.testing.ScriptRun;

/** One apply at a time, creates that cannot double, and parallel writes whose record stays exact. */
class RevertConcurrencyTest {
    @TempDir
    Path temp;
    RevertRepo fixture;
    SortedMap<String, String> approved;
    Path locks;

    @BeforeEach
    void committedBaseline() {
        fixture = RevertRepo.create(temp);
        approved = fixture.configuration();
        locks = temp.resolve("locks");
    }

    @AfterEach
    void stopSandbox() {
        fixture.close();
    }

    private List<Long> editChecks(int n) {
        List<Long> ids = fixture.state().checkIds(fixture.datastoreId).stream()
                .filter(id -> "Active".equals(fixture.state().get(Kind.CHECK, id).path("status").asText())).limit(n).toList();
        assertEquals(n, ids.size(), "the tenant has " + n + " active checks");
        ids.forEach(id -> fixture.ui("PATCH", "/api/quality-checks/" + id, "{\"description\": \"edited in the UI\"}"));
        return ids;
    }

    /** A check deleted in the UI (archived first, as the strict sandbox wants): revert recreates it with a POST. */
    private long deleteACheck() {
        long id = fixture.activeCheck().path("id").asLong();
        fixture.ui("DELETE", "/api/quality-checks/" + id + "?archive=true&status=Discarded", null);
        fixture.ui("DELETE", "/api/quality-checks/" + id + "?archive=false", null);
        return id;
    }

    private ScriptRun apply(String... extra) {
        List<String> args = new ArrayList<>(List.of("--apply", "--yes", "--lock-dir", locks.toString(), "-o", "json"));
        args.addAll(List.of(extra));
        return fixture.revert(args.toArray(String[]::new));
    }

    @Test
    @Fault(group = "revert")
    void twoAppliesStartedTogetherLeaveLiveEqualToGitWithNoDuplicateAndTruthfulExitCodes() throws Exception {
        deleteACheck();
        editChecks(3);
        int checks = fixture.state().checkIds(fixture.datastoreId).size();
        fixture.sandbox.configure(o -> o.withLatencyMs(20));
        fixture.sandbox.stats().reset();

        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<ScriptRun>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return apply();
            }));
        }
        start.countDown();
        List<ScriptRun> done = new ArrayList<>();
        for (CompletableFuture<ScriptRun> run : runs) {
            done.add(run.get());
        }
        fixture.sandbox.configure(o -> o.withLatencyMs(0));

        for (ScriptRun run : done) {
            assertEquals(0, run.exitCode(), "each run ends verified or with nothing left to do\n" + run);
            assertEquals("verified", PlanJsonTestAccess.parseApplied(run.out()).apply().status(), run.out());
        }
        long applying = done.stream().filter(r -> !PlanJsonTestAccess.parseApplied(r.out()).apply().calls().isEmpty()).count();
        assertEquals(1, applying, "one run applied, the other waited and found nothing to do\n" + done);
        ScriptRun waited = done.stream().filter(r -> PlanJsonTestAccess.parseApplied(r.out()).apply().calls().isEmpty()).findFirst().orElseThrow();
        assertTrue(waited.err().contains("Live changed while this run waited for the apply lock: planned again from live now (0 change(s) left)"),
                waited.err());
        assertEquals(1, fixture.sandbox.stats().writes("POST"), "one POST where one was needed\n" + fixture.sandbox.stats().byPath());
        assertEquals(3, fixture.sandbox.stats().writes("PUT"), fixture.sandbox.stats().byPath().toString());
        assertEquals(checks + 1, fixture.state().checkIds(fixture.datastoreId).size(), "no duplicate check");
        assertEquals(approved, fixture.configuration());
    }

    @Test
    @Fault(group = "revert")
    void aSecondApplyWithLockTimeoutZeroExitsSixNamingTheHolderAndWritesNothing() {
        editChecks(2);
        String host = PlanJsonTestAccess.parse(fixture.revert("-o", "json").out()).host();
        fixture.sandbox.stats().reset();

        ScriptRun apply;
        try (ApplyLock held = ApplyLock.acquire(locks, host, List.of(fixture.datastoreId), Duration.ZERO)) {
            apply = apply("--lock-timeout", "0");
        }

        assertEquals(6, apply.exitCode(), apply.toString());
        assertTrue(apply.err().contains("another revert --apply on " + host + " datastore " + fixture.datastoreId + " holds"), apply.err());
        assertTrue(apply.err().contains("(pid " + ProcessHandle.current().pid() + " on "), "names the holder\n" + apply.err());
        assertEquals(0, fixture.sandbox.stats().writeRequests(), "nothing was written");

        assertEquals(0, apply("--lock-timeout", "0").exitCode(), "free again once the holder is done");
        assertEquals(approved, fixture.configuration());
    }

    @Test
    @Fault(group = "revert")
    void aServerErrorOnTheNthOfManyParallelWritesIsRecordedExactly() {
        List<Long> ids = editChecks(20);
        fixture.sandbox.configure(o -> o.withFailWriteAt(9).withLatencyMs(5));
        fixture.sandbox.stats().reset();

        ScriptRun apply = apply("--concurrency", "4");
        fixture.sandbox.configure(o -> o.withFailWriteAt(0).withLatencyMs(0));

        assertEquals(3, apply.exitCode(), apply.toString());
        RevertPlan result = PlanJsonTestAccess.parseApplied(apply.out());
        assertEquals("failed", result.apply().status());
        Map<String, Long> byStatus = result.apply().calls().stream().collect(Collectors.groupingBy(CallResult::status, Collectors.counting()));
        assertEquals(20, result.apply().calls().size(), "every planned call is accounted for");
        assertEquals(1L, byStatus.get(CallResult.FAILED), byStatus.toString());
        long applied = byStatus.getOrDefault(CallResult.APPLIED, 0L);
        assertEquals(fixture.sandbox.stats().writes(), applied, "applied is exactly what the server took\n" + byStatus);
        assertEquals(fixture.sandbox.stats().writeRequests(), applied + 1, "and the failed call the one it refused\n" + byStatus);
        assertTrue(applied >= 8 && applied <= 8 + 3, "writes 1-8 landed, at most 3 more were in flight: " + byStatus);
        assertTrue(byStatus.getOrDefault(CallResult.NOT_SENT, 0L) >= 20 - 12, "no call started after the failure: " + byStatus);

        // the record is exact: the applied files equal Git now, the failed and unsent ones still differ
        Set<String> appliedFiles = result.apply().calls().stream().filter(c -> c.status().equals(CallResult.APPLIED))
                .map(CallResult::file).collect(Collectors.toCollection(TreeSet::new));
        RevertPlan left = PlanJsonTestAccess.parse(fixture.revert("-o", "json").out());
        Set<String> leftFiles = left.resources().stream().map(PlannedResource::file).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(20 - applied, leftFiles.size(), leftFiles.toString());
        assertTrue(leftFiles.stream().noneMatch(appliedFiles::contains), "no applied file is left to do");

        assertEquals(0, apply().exitCode(), "a re-run completes");
        assertEquals(approved, fixture.configuration());
        assertEquals(20, ids.size());
    }

    /** A plan and the live state it was made from, taken before another writer recreates the check. */
    private record Stale(RevertPlan plan, LiveState live) {
    }

    private Stale planNow(QualyticsClient client) {
        Revert revert = new Revert(client, Log.silent(), SecretPolicy.strict(name -> null));
        RevertPlan plan = revert.plan(new Revert.Settings(fixture.repo, RevertRepo.FOLDER, "HEAD",
                List.of(fixture.datastoreId), false, Selection.all(), false));
        LiveState live = LiveState.read(client, Log.silent(), new Exporter.Scope(List.of(fixture.datastoreId), false, Set.of(ResourceType.values())));
        return new Stale(plan, live);
    }

    private QualyticsClient client() {
        return new QualyticsClient(new ServerConfig(fixture.sandbox.url(), fixture.sandbox.token(), Duration.ofSeconds(30)),
                ClientSettings.defaults(Log.silent()));
    }

    @Test
    @Fault(group = "revert")
    void aCreateThatAnotherWriterMadeMeanwhileIsNotSentAgain() {
        deleteACheck();
        int checks = fixture.state().checkIds(fixture.datastoreId).size();
        try (QualyticsClient client = client()) {
            Stale stale = planNow(client);
            assertEquals(0, apply().exitCode(), "another writer recreates the check after this plan");
            fixture.sandbox.stats().reset();

            Applier.Result result = new Applier(client, Log.silent(), SecretPolicy.strict(name -> null)).apply(stale.plan(), stale.live(), 8);

            assertEquals(ExitCode.OK, result.exit());
            CallResult post = result.applied().calls().get(0);
            assertEquals(CallResult.PRESENT, post.status(), result.applied().toString());
            assertTrue(post.note().startsWith("already present as id "), post.note());
            assertEquals(0, fixture.sandbox.stats().writeRequests(), "the POST was not sent");
            assertEquals(checks + 1, fixture.state().checkIds(fixture.datastoreId).size(), "no duplicate check");
        }
        assertEquals(approved, fixture.configuration());
    }

    @Test
    @Fault(group = "revert")
    void aCreateThatAnotherWriterMadeDifferentlyIsRefused() {
        deleteACheck();
        try (QualyticsClient client = client()) {
            Stale stale = planNow(client);
            assertEquals(0, apply().exitCode());
            long recreated = fixture.state().checkIds(fixture.datastoreId).stream().max(Long::compare).orElseThrow();
            fixture.ui("PATCH", "/api/quality-checks/" + recreated, "{\"description\": \"made otherwise\"}");
            fixture.sandbox.stats().reset();

            Applier.Result result = new Applier(client, Log.silent(), SecretPolicy.strict(name -> null)).apply(stale.plan(), stale.live(), 8);

            assertEquals(ExitCode.STALE_PLAN, result.exit(), result.applied().toString());
            assertTrue(result.applied().error().contains("was created live by another writer since the plan (id " + recreated
                    + "), and it differs at description"), result.applied().error());
            assertEquals(0, fixture.sandbox.stats().writeRequests(), "nothing was written");
        }
    }

    @Test
    void wavesPutParentsFirstAndAResourceReferringToOneOfItsLevelLater() {
        com.fasterxml.jackson.databind.node.ObjectNode refBody = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        refBody.set("source_container_id", Planner.ref("c/a.yaml"));
        List<PlannedResource> resources = List.of(
                resource("c/a.yaml", "containers", Action.RECREATE, null),
                resource("c/b.yaml", "containers", Action.RECREATE, refBody),
                resource("c/z.yaml", "containers", Action.RECREATE, null),
                resource("k/1.yaml", "checks", Action.UPDATE, null),
                resource("k/2.yaml", "checks", Action.UPDATE, null),
                resource("k/3.yaml", "checks", Action.ARCHIVE, null),
                resource("c/y.yaml", "containers", Action.DELETE, null));

        assertEquals(List.of(List.of(0, 2), List.of(1), List.of(3, 4), List.of(5), List.of(6)), Applier.waves(resources));
    }

    private static PlannedResource resource(String file, String type, Action action, com.fasterxml.jackson.databind.JsonNode body) {
        return new PlannedResource(file, type, "ds", null, file, action, 1L, List.of(), null, null,
                List.of(new PlannedCall(action == Action.RECREATE ? "POST" : "PUT", "/api/x", null, body)), List.of());
    }
}
