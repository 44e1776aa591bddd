package qdrift.api;

import java.time.Duration;

/** Time as the retry loop sees it: the system clock in use, a fake one in tests so a minute of retries takes none. */
public interface RetryClock {
    RetryClock SYSTEM = new RetryClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            Thread.sleep(duration.toMillis());
        }
    };

    long nanoTime();

    void sleep(Duration duration) throws InterruptedException;
}
