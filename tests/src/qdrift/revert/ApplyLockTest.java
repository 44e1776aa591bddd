package qdrift.revert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

class ApplyLockTest {
    private static final String HOST = "acme.qualytics.io";

    @TempDir
    Path dir;

    @Test
    void aHeldLockMakesASecondApplyWaitThenFailNamingTheHolder() {
        try (ApplyLock first = ApplyLock.acquire(dir, HOST, List.of(42L), Duration.ZERO)) {
            long started = System.nanoTime();
            Failure failure = assertThrows(Failure.class, () -> ApplyLock.acquire(dir, HOST, List.of(42L), Duration.ofMillis(400)));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertEquals(ExitCode.IO, failure.exitCode());
            assertTrue(waited >= 400, "it waited the timeout first: " + waited + " ms");
            assertTrue(failure.getMessage().contains("another revert --apply on " + HOST + " datastore 42 holds"), failure.getMessage());
            assertTrue(failure.getMessage().contains("(pid " + ProcessHandle.current().pid() + " on "), "names the holder: " + failure.getMessage());
            assertTrue(failure.getMessage().contains(" since 20"), "and since when: " + failure.getMessage());
            assertTrue(first.files().get(0).getFileName().toString().equals("acme.qualytics.io__42.lock"), first.files().toString());
        }
    }

    @Test
    void aWaitingApplyGetsTheLockOnceTheHolderEnds() throws Exception {
        ApplyLock first = ApplyLock.acquire(dir, HOST, List.of(1L, 2L), Duration.ZERO);
        CompletableFuture<ApplyLock> second = CompletableFuture.supplyAsync(() -> ApplyLock.acquire(dir, HOST, List.of(2L), Duration.ofSeconds(10)));
        Thread.sleep(300);
        assertTrue(!second.isDone(), "the second waits while the first holds datastore 2");
        first.close();
        second.get(5, TimeUnit.SECONDS).close();
    }

    @Test
    void otherDatastoresAndOtherInstancesDoNotWait() {
        try (ApplyLock first = ApplyLock.acquire(dir, HOST, List.of(42L), Duration.ZERO);
             ApplyLock otherDatastore = ApplyLock.acquire(dir, HOST, List.of(43L), Duration.ZERO);
             ApplyLock otherHost = ApplyLock.acquire(dir, "other.qualytics.io", List.of(42L), Duration.ZERO)) {
            assertEquals(3, first.files().size() + otherDatastore.files().size() + otherHost.files().size());
        }
    }

    @Test
    void aLockFileLeftByADeadProcessIsTakenOverAtOnce() throws Exception {
        // a killed run leaves its file behind, but the OS lock died with it
        Files.writeString(dir.resolve(ApplyLock.fileName(HOST, 42)), "pid 999999999 on gone-host since 2026-01-01T00:00:00Z\n");

        try (ApplyLock lock = ApplyLock.acquire(dir, HOST, List.of(42L), Duration.ZERO)) {
            assertTrue(ApplyLock.holder(lock.files().get(0)).startsWith("pid " + ProcessHandle.current().pid() + " on "),
                    "the file now names this process");
        }
    }

    @Test
    void aFailedAcquireReleasesTheLocksItHadTaken() {
        try (ApplyLock held = ApplyLock.acquire(dir, HOST, List.of(5L), Duration.ZERO)) {
            assertThrows(Failure.class, () -> ApplyLock.acquire(dir, HOST, List.of(4L, 5L), Duration.ZERO));
        }
        ApplyLock.acquire(dir, HOST, List.of(4L), Duration.ZERO).close(); // 4 was let go again
    }
}
