package qdrift.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static qdrift.drift.DriftChangesTest.report;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.git.DriftLock;
import qdrift.testing.ScriptRun;
import qdrift.testing.Fault;

/** Issue #4: overlapping cron runs on one repository never interleave. */
class DriftLockingTest {
    @TempDir
    Path temp;
    DriftRepo fixture;

    @BeforeEach
    void baselineWithDrift() {
        fixture = DriftRepo.create(temp);
        fixture.state().updateCheck(fixture.activeCheck().path("id").asLong(), "{\"coverage\": 0.5}");
    }

    @AfterEach
    void stopSandbox() {
        fixture.close();
    }

    @Test
    @Fault(group = "process")
    void twoRunsStartedAtOnceBothFinishWithTheSameReport() {
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<ScriptRun> one = CompletableFuture.supplyAsync(() -> runAfter(start));
        CompletableFuture<ScriptRun> two = CompletableFuture.supplyAsync(() -> runAfter(start));
        start.countDown();

        ScriptRun first = one.join();
        ScriptRun second = two.join();

        assertEquals(1, first.exitCode(), first.toString());
        assertEquals(1, second.exitCode(), second.toString());
        assertEquals(report(first).changes(), report(second).changes(), "both runs should see the same drift");
        assertEquals(1, report(first).changes().size(), first.out());
        assertEquals(" M " + DriftRepo.FOLDER + "/" + report(first).changes().get(0).file() + "\n", fixture.gitStatus());
    }

    private ScriptRun runAfter(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return fixture.drift("-o", "json");
    }

    @Test
    @Fault(group = "process")
    void aRunThatCannotGetTheLockInTimeGivesUpWithoutTouchingAnything() {
        Map<String, String> before = fixture.workTreeBytes();
        try (DriftLock held = DriftLock.acquire(fixture.repo.resolve(".git"), Duration.ZERO)) {
            ScriptRun run = fixture.drift("--lock-timeout", "0");

            assertEquals(5, run.exitCode(), run.toString());
            assertTrue(run.err().contains("another drift run"), "the message should say why\n" + run);
        }
        assertEquals(before, fixture.workTreeBytes(), "a run that did not get the lock must not touch the worktree");
        assertEquals(0, fixture.sandbox.stats().total(), "a run that did not get the lock must not call the API");
    }
}
