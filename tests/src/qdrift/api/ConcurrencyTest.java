package qdrift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import qdrift.cli.Log;

/**
 * Pages after the first are fetched concurrently, never more than `concurrency` at once. A small server counts
 * requests in flight; each holds its answer until `concurrency` requests have arrived (or 5 s pass), so a client
 * that fetched one page at a time would show at most one in flight.
 */
class ConcurrencyTest {
    private static final int CONCURRENCY = 3;
    private static final int PAGE_SIZE = 2;
    private static final int TOTAL = 20;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final CountDownLatch enoughArrived = new CountDownLatch(CONCURRENCY);
    private HttpServer server;
    private ExecutorService serverThreads;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        serverThreads = Executors.newFixedThreadPool(TOTAL);
        server.setExecutor(serverThreads);
        server.createContext("/api/quality-checks", this::answerPage);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private void answerPage(HttpExchange exchange) throws IOException {
        int page = Integer.parseInt(exchange.getRequestURI().getQuery().replaceAll(".*\\bpage=(\\d+).*", "$1"));
        if (page > 1) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            enoughArrived.countDown();
            try {
                enoughArrived.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
        }
        int first = (page - 1) * PAGE_SIZE + 1;
        byte[] body = TestApi.page(TestApi.range(first, first + PAGE_SIZE - 1), TOTAL, page, PAGE_SIZE).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Test
    void pagesAreFetchedConcurrentlyUpToTheConcurrencyLimit() {
        ClientSettings settings = TestApi.quickRetries(Log.silent()).withConcurrency(CONCURRENCY).withPageSize(PAGE_SIZE);
        try (QualyticsClient client = TestApi.client("http://127.0.0.1:" + server.getAddress().getPort(), settings)) {
            assertEquals(TOTAL, client.qualityChecks(42).size());
        }
        assertEquals(CONCURRENCY, maxInFlight.get(), "most page requests in flight at once (pages 2.." + TOTAL / PAGE_SIZE + ")");
    }
}
