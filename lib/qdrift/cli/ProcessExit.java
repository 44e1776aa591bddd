package qdrift.cli;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Ends a script's process as {@link System#exit} does, without the pause the JVM makes first: at exit it waits up to
 * 300 ms for every thread running native code, and each JDK HTTP client keeps one such thread (its selector, parked
 * in epoll_wait) until the client is stopped, for which JDK 17 has no call. Interrupting that thread ends its loop: it
 * closes the client's connections and returns. That cut 0.3 s from every run that had talked HTTP (bench/RESULTS.md).
 * Only for {@code main}: in-process tests share the JVM, and their clients must live on.
 */
public final class ProcessExit {
    private static final Pattern HTTP_SELECTOR = Pattern.compile("HttpClient-\\d+-SelectorManager");
    private static final Duration STOP_WAIT = Duration.ofMillis(200);

    private ProcessExit() {
    }

    public static void exit(int code) {
        stopThreads(ProcessExit::isHttpSelector, STOP_WAIT);
        System.exit(code);
    }

    static boolean isHttpSelector(Thread thread) {
        return HTTP_SELECTOR.matcher(thread.getName()).matches();
    }

    /** Interrupts the live threads the filter picks and waits, within the bound, for them to end; returns those still alive. */
    static List<Thread> stopThreads(Predicate<Thread> which, Duration wait) {
        List<Thread> picked = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread != Thread.currentThread() && which.test(thread)).toList();
        picked.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + wait.toNanos();
        for (Thread thread : picked) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                thread.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return picked.stream().filter(Thread::isAlive).toList();
    }
}
