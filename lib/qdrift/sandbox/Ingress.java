package qdrift.sandbox;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The self-hosted ingress in front of the API, as nginx limits one client IP: a request rate with a burst (past it,
 * 429 with no Retry-After header) and a number of requests in progress at once (past it, 503). nginx's leaky bucket
 * keeps an "excess" that each request raises by one and time drains at the rate (never below zero); a request that
 * would lift it past the burst is refused and leaves it as it was. So a burst B lets B + 1 requests through at once.
 */
final class Ingress {
    /** What the ingress says to one request. */
    enum Verdict { PASS, TOO_MANY_REQUESTS, TOO_MANY_CONNECTIONS }

    private final LongSupplier nanoTime;
    private final AtomicInteger inProgress = new AtomicInteger();
    private double excess;
    private long last;
    private boolean started;

    Ingress(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    Ingress() {
        this(System::nanoTime);
    }

    /** Admits one request or says why not; a PASS must be followed by {@link #done()} when it is answered. */
    Verdict admit(InstanceOptions limits) {
        int inProgressNow = inProgress.incrementAndGet();
        if (limits.maxConnections() > 0 && inProgressNow > limits.maxConnections()) {
            inProgress.decrementAndGet();
            return Verdict.TOO_MANY_CONNECTIONS;
        }
        if (limits.rateLimitRps() > 0 && !withinRate(limits.rateLimitRps(), limits.rateLimitBurst())) {
            inProgress.decrementAndGet();
            return Verdict.TOO_MANY_REQUESTS;
        }
        return Verdict.PASS;
    }

    void done() {
        inProgress.decrementAndGet();
    }

    private synchronized boolean withinRate(double rps, int burst) {
        long now = nanoTime.getAsLong();
        double candidate = started ? Math.max(0, excess + 1 - rps * (now - last) / 1e9) : 0;
        if (candidate > burst) {
            return false; // refused: the excess stays, and so does the time it was last raised
        }
        excess = candidate;
        last = now;
        started = true;
        return true;
    }
}
