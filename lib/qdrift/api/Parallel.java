package qdrift.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

/** Runs independent calls on a fixed pool of daemon threads and returns their results in input order. */
final class Parallel implements AutoCloseable {
    private final ExecutorService pool;

    Parallel(int threads) {
        AtomicInteger number = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "qdrift-api-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Applies {@code call} to every input concurrently; the first failure (in input order) cancels the rest and is rethrown. */
    <T, R> List<R> map(List<T> inputs, Function<T, R> call) {
        List<Future<R>> futures = new ArrayList<>(inputs.size());
        for (T input : inputs) {
            futures.add(pool.submit(() -> call.apply(input)));
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

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
