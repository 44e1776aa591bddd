package qdrift.cli;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A status line redrawn on stderr while slow work runs ("Reading the API: 812 requests, 3.1 s"), only when the log
 * may draw one (stderr is a terminal, no --quiet). Shown after a short delay, so quick runs never flash it; closing
 * erases it. Elsewhere (cron, pipes, files) it is a no-op that starts no thread.
 */
public final class Progress implements AutoCloseable {
    static final long FIRST_MS = 400;
    static final long EVERY_MS = 200;

    private final Log log;
    private final ScheduledExecutorService ticker;

    private Progress(Log log, ScheduledExecutorService ticker) {
        this.log = log;
        this.ticker = ticker;
    }

    public static Progress start(Log log, Supplier<String> status) {
        if (!log.showsProgress()) {
            return new Progress(log, null);
        }
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "qdrift-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(() -> log.progress(status.get()), FIRST_MS, EVERY_MS, TimeUnit.MILLISECONDS);
        return new Progress(log, ticker);
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.clearProgress();
        }
    }
}
