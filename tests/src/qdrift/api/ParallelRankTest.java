package qdrift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Waiting calls start by rank, then in the order they came; results still come back in input order. */
class ParallelRankTest {
    @Test
    void waitingCallsStartByRankThenInTheOrderTheyCame() throws Exception {
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService callers = Executors.newCachedThreadPool(); // each caller blocks in map: a thread of its own
        try (Parallel parallel = new Parallel(1)) {
            // the pool's one thread is held, so every call below waits in its queue
            CompletableFuture<List<String>> holder = CompletableFuture.supplyAsync(() -> parallel.map(List.of("hold"), x -> {
                busy.countDown();
                await(release);
                return x;
            }), callers);
            assertTrue(busy.await(10, TimeUnit.SECONDS));
            CompletableFuture<List<String>> late = submit(callers, parallel, 7, List.of("7a", "7b"), started, 2);
            CompletableFuture<List<String>> unranked = submit(callers, parallel, null, List.of("0a"), started, 3);
            CompletableFuture<List<String>> early = submit(callers, parallel, 2, List.of("2a", "2b", "2c"), started, 6);
            release.countDown();

            assertEquals(List.of("hold"), holder.get(10, TimeUnit.SECONDS));
            assertEquals(List.of("7a", "7b"), late.get(10, TimeUnit.SECONDS), "results in input order");
            assertEquals(List.of("0a"), unranked.get(10, TimeUnit.SECONDS));
            assertEquals(List.of("2a", "2b", "2c"), early.get(10, TimeUnit.SECONDS));
            assertEquals(List.of("0a", "2a", "2b", "2c", "7a", "7b"), started, "unranked calls count as rank 0");
        } finally {
            callers.shutdownNow();
        }
    }

    /** One map call from a thread of its own, with the given rank (null: none); returns once {@code queued} calls wait. */
    private static CompletableFuture<List<String>> submit(ExecutorService callers, Parallel parallel, Integer rank, List<String> names, List<String> started,
            int queued) throws InterruptedException {
        CompletableFuture<List<String>> result = CompletableFuture.supplyAsync(() -> rank == null
                ? parallel.map(names, name -> record(name, started))
                : Parallel.ranked(rank, () -> parallel.map(names, name -> record(name, started))), callers);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (parallel.waiting() < queued) { // its calls are in the queue before the next caller's
            assertTrue(System.nanoTime() < deadline, "the calls never reached the queue");
            Thread.sleep(5);
        }
        return result;
    }

    private static String record(String name, List<String> started) {
        started.add(name);
        return name;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
