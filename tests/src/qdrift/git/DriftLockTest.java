package qdrift.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.testing.Fault;

class DriftLockTest {
    @TempDir
    Path gitDir;

    @Test
    void aSecondRunInTheSameJvmWaitsThenFailsNamingTheHolder() {
        try (DriftLock first = DriftLock.acquire(gitDir, Duration.ZERO)) {
            Failure failure = assertThrows(Failure.class, () -> DriftLock.acquire(gitDir, Duration.ofMillis(300)));

            assertEquals(ExitCode.GIT, failure.exitCode());
            assertTrue(failure.getMessage().startsWith("another drift run holds " + first.file()
                    + " (pid " + ProcessHandle.current().pid() + ")"), failure.getMessage());
        }
        DriftLock.acquire(gitDir, Duration.ZERO).close();
    }

    @Test
    void twoThreadsNeverHoldTheLockTogether() throws InterruptedException {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    DriftLock lock = DriftLock.acquire(gitDir, Duration.ofSeconds(30));
                    try {
                        events.add("enter " + name);
                        Thread.sleep(50);
                        events.add("leave " + name);
                    } finally {
                        lock.close();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertEquals(6, events.size(), events.toString());
        for (int i = 0; i < events.size(); i += 2) {
            String name = events.get(i).substring("enter ".length());
            assertEquals("leave " + name, events.get(i + 1), "runs interleaved: " + events);
        }
    }

    @Test
    @Fault(group = "process")
    void anotherProcessHoldingTheLockKeepsThisOneOutUntilItEnds() throws Exception {
        Process holder = startHolder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("locked", out.readLine(), "the helper process did not take the lock");

            Failure failure = assertThrows(Failure.class, () -> DriftLock.acquire(gitDir, Duration.ofMillis(200)));
            assertTrue(failure.getMessage().contains("(pid " + holder.pid() + ")"), failure.getMessage());

            holder.getOutputStream().close(); // tells the holder to release and exit
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS), "the helper process did not exit");
        } finally {
            holder.destroyForcibly();
        }
        DriftLock.acquire(gitDir, Duration.ofSeconds(10)).close();
    }

    @Test
    @Fault(group = "process")
    void aRunKilledWhileHoldingTheLockReleasesItAtOnce() throws Exception {
        Process holder = startHolder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("locked", out.readLine(), "the helper process did not take the lock");
            holder.destroyForcibly(); // kill -9: no shutdown hook, no close()
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS), "the helper process did not die");
        }

        // the lock file stays behind with the dead pid, but the OS lock went with the process
        DriftLock.acquire(gitDir, Duration.ZERO).close();
    }

    private Process startHolder() throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), gitDir.toString())
                .redirectErrorStream(true).start();
    }

    /** Runs in a child JVM: holds the lock until its stdin closes. */
    public static final class LockHolder {
        public static void main(String[] args) throws IOException {
            try (DriftLock lock = DriftLock.acquire(Path.of(args[0]), Duration.ZERO)) {
                System.out.println(lock.file().getFileName().toString().isEmpty() ? "no lock file" : "locked");
                System.out.flush();
                while (System.in.read() != -1) {
                    // wait for the parent to close our stdin
                }
            }
        }
    }
}
