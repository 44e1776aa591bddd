package qdrift.revert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
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

/**
 * The reads of an apply: live as the plan read it a moment ago stands for the read under the lock when no apply took
 * the lock since (one read fewer), and a concurrent apply that took it meanwhile is still seen.
 */
class RevertReadsTest {
    @TempDir
    Path temp;
    RevertRepo fixture;
    SortedMap<String, String> approved;

    @BeforeEach
    void committedBaseline() {
        fixture = RevertRepo.create(temp);
        approved = fixture.configuration();
    }

    @AfterEach
    void stopSandbox() {
        fixture.close();
    }

    private List<Long> activeChecks(int n) {
        return fixture.state().checkIds(fixture.datastoreId).stream()
                .filter(id -> "Active".equals(fixture.state().get(Kind.CHECK, id).path("status").asText())).limit(n).toList();
    }

    private QualyticsClient client() {
        return new QualyticsClient(new ServerConfig(fixture.sandbox.url(), fixture.sandbox.token(), Duration.ofSeconds(30)),
                ClientSettings.defaults(Log.silent()));
    }

    private Revert revert(QualyticsClient client) {
        return new Revert(client, Log.silent(), SecretPolicy.strict(name -> null),
                new Revert.ApplyOptions(temp.resolve("locks"), Duration.ofSeconds(30), 8));
    }

    private Revert.Settings settings() {
        return new Revert.Settings(fixture.repo, RevertRepo.FOLDER, "HEAD", List.of(fixture.datastoreId), false, Selection.all(), false);
    }

    /** The GETs of one whole read of live (as the plan makes it). */
    private long getsOfOneRead(QualyticsClient client) {
        return getsOfOneRead(client, Set.of(ResourceType.values()));
    }

    /** The GETs of one read of live of these types (a verification of checks only reads checks). */
    private long getsOfOneRead(QualyticsClient client, Set<ResourceType> include) {
        fixture.sandbox.stats().reset();
        LiveState.read(client, Log.silent(), new Exporter.Scope(List.of(fixture.datastoreId), false, include));
        return fixture.sandbox.stats().total();
    }

    @Test
    void anApplyRightAfterItsPlanWithTheLockUntouchedReadsLiveOnceOnly() {
        activeChecks(3).forEach(id -> fixture.ui("PATCH", "/api/quality-checks/" + id, "{\"description\": \"edited in the UI\"}"));
        try (QualyticsClient client = client()) {
            long oneRead = getsOfOneRead(client);
            long checksRead = getsOfOneRead(client, Set.of(ResourceType.CHECKS));
            assertTrue(checksRead < oneRead, "a read of checks only reads no container detail");
            Revert revert = revert(client);
            RevertPlan plan = revert.planToApply(settings());
            assertEquals(3, plan.resources().size());
            fixture.sandbox.stats().reset();

            Revert.Outcome outcome = revert.apply(plan, settings());

            assertEquals(ExitCode.OK, outcome.exit(), outcome.plan().apply().toString());
            assertEquals("verified", outcome.plan().apply().status());
            long gets = fixture.sandbox.stats().total() - fixture.sandbox.stats().writeRequests();
            assertEquals(checksRead, gets, "the verification's read only (checks: only checks were written): the plan's read"
                    + " stood for the one under the lock");

            // a plan made by plan() (no stamps), or one confirmed by hand (no replan), is read again under the lock
            activeChecks(1).forEach(id -> fixture.ui("PATCH", "/api/quality-checks/" + id, "{\"description\": \"again\"}"));
            RevertPlan again = revert.plan(settings());
            fixture.sandbox.stats().reset();
            assertEquals(ExitCode.OK, revert.apply(again, settings()).exit());
            assertEquals(oneRead + checksRead, fixture.sandbox.stats().total() - fixture.sandbox.stats().writeRequests());
        }
        assertEquals(approved, fixture.configuration());
    }

    /**
     * The names outside the export (a join's right container, an existsIn reference) are listed by the export once,
     * all at once, and the revert's lookups use those listings: no second listing of the same datastores per read.
     */
    @Test
    void referencesOutsideTheExportAreListedOncePerRead() {
        try (QualyticsClient client = client()) {
            fixture.sandbox.stats().reset();
            LiveState live = LiveState.read(client, Log.silent(), new Exporter.Scope(List.of(fixture.datastoreId), false, Set.of(ResourceType.values())));
            long listings = fixture.sandbox.stats().count("GET /api/containers/listing");
            assertTrue(listings > 0, "the busiest datastore refers to containers of other datastores: "
                    + fixture.sandbox.stats().byPath());
            assertEquals(1, fixture.sandbox.stats().count("GET /api/datastores"), "the datastore listing, once");

            fixture.sandbox.stats().reset();
            int looked = 0;
            int others = 0;
            for (long other : fixture.state().ids(Kind.DATASTORE)) {
                if (other == fixture.datastoreId) {
                    continue;
                }
                others++;
                String datastore = fixture.state().nameOf(Kind.DATASTORE, other);
                assertEquals(other, live.datastoreId(datastore));
                for (long container : fixture.state().containerIds(other)) {
                    Long id = live.containerId(datastore, fixture.state().nameOf(Kind.CONTAINER, container));
                    if (id != null) {
                        assertEquals(container, id);
                        looked++;
                    }
                }
            }
            assertTrue(looked > 0);
            assertEquals(others - listings, fixture.sandbox.stats().count("GET /api/containers/listing"),
                    "only the datastores the export did not list are listed on demand: each one once in the whole read");
            assertEquals(0, fixture.sandbox.stats().count("GET /api/datastores"), "the export's datastore listing stands");
        }
    }

    /** The verification of a plan that writes only checks reads checks only: their files and ids are a whole read's. */
    @Test
    void aReadOfChecksOnlyGivesTheCheckFilesAndIdsOfAWholeRead() {
        try (QualyticsClient client = client()) {
            List<Long> datastore = List.of(fixture.datastoreId);
            LiveState whole = LiveState.read(client, Log.silent(), new Exporter.Scope(datastore, false, Set.of(ResourceType.values())));
            fixture.sandbox.stats().reset();
            LiveState checks = LiveState.read(client, Log.silent(), new Exporter.Scope(datastore, false, Set.of(ResourceType.CHECKS)));
            assertEquals(0, fixture.sandbox.stats().count("GET /api/containers/{id}"), "no container detail");

            java.util.Map<String, qdrift.export.SnapshotEntry> expected = new java.util.TreeMap<>(whole.snapshot().entries());
            expected.values().removeIf(entry -> entry.type() != ResourceType.CHECKS);
            assertTrue(expected.size() > 10);
            assertEquals(expected.keySet(), checks.snapshot().entries().keySet());
            expected.forEach((file, entry) -> {
                assertEquals(entry, checks.snapshot().entries().get(file), file);
                assertEquals(whole.id(file), checks.id(file), file);
            });
        }
    }

    @Test
    void anApplyThatTookTheLockBetweenThePlanAndThisApplyIsSeen() {
        List<Long> ids = activeChecks(3);
        fixture.ui("PATCH", "/api/quality-checks/" + ids.get(0), "{\"description\": \"edited in the UI\"}");
        try (QualyticsClient client = client()) {
            Revert revert = revert(client);
            RevertPlan plan = revert.planToApply(settings());
            assertEquals(1, plan.resources().size());
            // another apply comes and goes meanwhile: it takes the lock and changes the planned check
            try (ApplyLock other = ApplyLock.acquire(temp.resolve("locks"), plan.host(), List.of(fixture.datastoreId), Duration.ZERO)) {
                fixture.ui("PATCH", "/api/quality-checks/" + ids.get(0), "{\"description\": \"written by the other apply\"}");
            }

            Revert.Outcome outcome = revert.apply(plan, settings());

            assertEquals(ExitCode.OK, outcome.exit(), outcome.plan().apply().toString());
            assertEquals(1, outcome.plan().resources().size(), outcome.plan().resources().toString());
            assertEquals("written by the other apply", outcome.plan().resources().get(0).before().path("description").asText(),
                    "live was read again under the lock and the plan made again from what the other apply left");
        }
        assertEquals(approved, fixture.configuration());
    }

    @Test
    void aLockHeldWhileThePlanReadsMeansLiveIsReadAgainUnderIt() {
        activeChecks(1).forEach(id -> fixture.ui("PATCH", "/api/quality-checks/" + id, "{\"description\": \"edited in the UI\"}"));
        try (QualyticsClient client = client()) {
            long oneRead = getsOfOneRead(client);
            long checksRead = getsOfOneRead(client, Set.of(ResourceType.CHECKS));
            Revert revert = revert(client);
            RevertPlan plan;
            String host = client.host();
            try (ApplyLock other = ApplyLock.acquire(temp.resolve("locks"), host, List.of(fixture.datastoreId), Duration.ZERO)) {
                plan = revert.planToApply(settings()); // an apply under way: what this read sees may be half of it
            }
            fixture.sandbox.stats().reset();

            assertEquals(ExitCode.OK, revert.apply(plan, settings()).exit());
            assertEquals(oneRead + checksRead, fixture.sandbox.stats().total() - fixture.sandbox.stats().writeRequests());
            assertTrue(checksRead > 0);
        }
        assertEquals(approved, fixture.configuration());
    }
}
