package qdrift.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** One piece of work on a daemon thread of its own (a run that ends early does not wait for it), and its outcome. */
public final class Background {
    private Background() {
    }

    /** Starts {@code work} on a new daemon thread named {@code name}. */
    public static <T> CompletableFuture<T> start(String name, Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** Starts {@code work}, which returns nothing, on a new daemon thread named {@code name}. */
    public static CompletableFuture<Void> run(String name, Runnable work) {
        return start(name, () -> {
            work.run();
            return null;
        });
    }

    /** The result; the work's own exception (a Failure keeps its message and exit code) when it failed. */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
