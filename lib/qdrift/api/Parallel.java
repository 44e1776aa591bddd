package qdrift.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

/**
 * Runs independent calls on a fixed pool of daemon threads and returns their results in input order. Waiting calls
 * start by rank, then in the order they were submitted: a caller gives its calls a rank with {@link #ranked}.
 */
final class Parallel implements AutoCloseable {
    private static final ThreadLocal<Integer> RANK = ThreadLocal.withInitial(() -> 0);

    private final ThreadPoolExecutor pool;
    private final AtomicLong submitted = new AtomicLong();

    Parallel(int threads) {
        AtomicInteger number = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "qdrift-api-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs {@code call} on this thread; the calls it hands to a pool meanwhile wait behind those of lower ranks (0
     * when none is given). The export ranks each datastore's requests by its place in the export, so that datastores
     * finish one after another and each is laid out while the next ones are still read, not all at the end.
     */
    static <T> T ranked(int rank, Supplier<T> call) {
        Integer before = RANK.get();
        RANK.set(rank);
        try {
            return call.get();
        } finally {
            RANK.set(before);
        }
    }

    /** Applies {@code call} to every input concurrently; the first failure (in input order) cancels the rest and is rethrown. */
    <T, R> List<R> map(List<T> inputs, Function<T, R> call) {
        int rank = RANK.get();
        List<Future<R>> futures = new ArrayList<>(inputs.size());
        for (T input : inputs) {
            RankedTask<R> task = new RankedTask<>(() -> call.apply(input), rank, submitted.getAndIncrement());
            futures.add(task);
            pool.execute(task);
        }
        List<R> results = new ArrayList<>(inputs.size());
        try {
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new Failure(ExitCode.INTERNAL, "internal error: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new Failure(ExitCode.API, "interrupted while waiting for the Qualytics API", e);
        }
    }

    /** How many calls wait for a thread (for tests). */
    int waiting() {
        return pool.getQueue().size();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** A call in the pool's queue, ordered by rank and then by submission. */
    private static final class RankedTask<R> extends FutureTask<R> implements Comparable<RankedTask<?>> {
        private final int rank;
        private final long order;

        RankedTask(Callable<R> call, int rank, long order) {
            super(call);
            this.rank = rank;
            this.order = order;
        }

        @Override
        public int compareTo(RankedTask<?> other) {
            return rank != other.rank ? Integer.compare(rank, other.rank) : Long.compare(order, other.order);
        }
    }
}
