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
            // to the nanosecond asked (the pacer's slots are under a millisecond apart at high rates)
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
    };

    long nanoTime();

    void sleep(Duration duration) throws InterruptedException;
}
