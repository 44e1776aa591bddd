package qdrift.drift;

import java.util.List;
import java.util.Locale;

/**
 * Work a drift run will need later, done on one background thread while the main thread does something else (parsing
 * options, opening the repository, git status): loading and initialising classes, building the HTTP client. A step
 * never sends a request nor opens a connection, so a run refused afterwards (dirty work tree, lock held, folder
 * refused) has still sent nothing. A failing step is only logged (--verbose): the real code meets the same failure
 * later and reports it there. The thread is a daemon: a run that ends early does not wait for it.
 */
final class WarmUp {
    /** A named piece of warm-up work. */
    record Step(String name, Runnable work) {
    }

    private final Thread thread;

    private WarmUp(Thread thread) {
        this.thread = thread;
    }

    /** Starts the steps, in order, on a new daemon thread. */
    static WarmUp start(String name, qdrift.cli.Log log, List<Step> steps) {
        Thread thread = new Thread(() -> run(log, steps), name);
        thread.setDaemon(true);
        thread.start();
        return new WarmUp(thread);
    }

    private static void run(qdrift.cli.Log log, List<Step> steps) {
        for (Step step : steps) {
            long started = System.nanoTime();
            try {
                step.work().run();
                log.debug(String.format(Locale.ROOT, "warm-up: %s %.2f s", step.name(), (System.nanoTime() - started) / 1e9));
            } catch (RuntimeException | LinkageError e) {
                log.debug("warm-up: " + step.name() + " failed (" + e + "); the run does it itself");
            }
        }
    }

    /** Waits until every step is done: before anything that must not run beside a step (the first request). */
    void await() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the steps are still running. */
    boolean running() {
        return thread.isAlive();
    }
}
