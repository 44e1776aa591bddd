package qdrift.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock-file mechanics drift's repository lock and revert's apply lock share. */
class LockFileTest {
    @TempDir
    Path temp;

    @Test
    void theHolderTextIsInTheFileWhileItIsHeld() throws IOException {
        Path file = temp.resolve("a.lock");
        try (LockFile lock = LockFile.tryTake(file, () -> "pid 42 on ci-7 since 2026-12-07T08:00:00Z")) {
            assertNotNull(lock);
            assertEquals(file.toAbsolutePath().normalize(), lock.file());
            assertEquals("pid 42 on ci-7 since 2026-12-07T08:00:00Z\n", Files.readString(file));
            assertEquals("pid 42 on ci-7 since 2026-12-07T08:00:00Z", LockFile.holder(file, "unknown"));
        }
        assertEquals("unknown", LockFile.holder(temp.resolve("none.lock"), "unknown"), "no file: the caller's word for unknown");
    }

    @Test
    void aHeldLockIsNotTakenTwiceAndAWaitEndsAtTheDeadline() throws Exception {
        Path file = temp.resolve("b.lock");
        try (LockFile first = LockFile.tryTake(file, () -> "first")) {
            assertNotNull(first);
            assertNull(LockFile.tryTake(file, () -> "second"), "another thread of this process does not get it");
            long started = System.nanoTime();
            LockFile waited = LockFile.await(file, () -> "second", started + Duration.ofMillis(350).toNanos());
            long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertNull(waited, "still held at the deadline");
            assertTrue(tookMillis >= 350 && tookMillis < 5_000, "waited until the deadline, not forever: " + tookMillis + " ms");
            assertEquals("first", LockFile.holder(file, "unknown"), "a waiter never rewrites the holder's text");
        }
    }

    @Test
    void closingReleasesItForTheNextHolderWhoWaitsForIt() throws Exception {
        Path file = temp.resolve("c.lock");
        LockFile first = LockFile.tryTake(file, () -> "first");
        assertNotNull(first);
        CompletableFuture<LockFile> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return LockFile.await(file, () -> "second", System.nanoTime() + Duration.ofSeconds(20).toNanos());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertTrue(!waiter.isDone(), "the waiter waits while the lock is held");
        first.close();
        first.close(); // a second close changes nothing
        try (LockFile second = waiter.get(10, TimeUnit.SECONDS)) {
            assertNotNull(second, "taken once released");
            assertEquals("second", LockFile.holder(file, "unknown"));
            assertNull(LockFile.tryTake(file, () -> "third"), "the earlier holder's second close did not free the new holder's lock");
        }
        try (LockFile again = LockFile.tryTake(file, () -> "third")) {
            assertNotNull(again, "free after the second holder closed");
        }
    }

    @Test
    void aFolderThatDoesNotExistIsAnIoErrorForTheCallerToWord() {
        assertThrows(IOException.class, () -> LockFile.tryTake(temp.resolve("missing/dir/d.lock"), () -> "x"));
    }
}
