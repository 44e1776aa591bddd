package qdrift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import qdrift.cli.Log;
import qdrift.cli.ServerConfig;

/**
 * The drift run's warm-up (issue 18) builds the HTTP client and parses a sample answer before git status has said
 * whether the run may go on: it must reach no server, not even as a TCP connection.
 */
class WarmUpTest {

    @Test
    void warmingUpOpensNoConnectionAndTheClientStillWorksAfterwards() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(200);
            Thread counter = new Thread(() -> {
                while (!listener.isClosed()) {
                    try (Socket socket = listener.accept()) {
                        accepted.incrementAndGet();
                    } catch (SocketTimeoutException e) {
                        // poll again until the listener closes
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            counter.start();
            String url = "http://127.0.0.1:" + listener.getLocalPort();
            try (QualyticsClient client = new QualyticsClient(new ServerConfig(url, "token", Duration.ofSeconds(5)),
                    ClientSettings.defaults(Log.silent()).withRetries(0, Duration.ofSeconds(1), Duration.ofMillis(10)))) {
                QualyticsClient.warmUpParsing();
                client.warmUp();
                Thread.sleep(500);
                assertEquals(0, accepted.get(), "the warm-up connected to the server");
                try {
                    client.status(); // a real request does reach it (the counter is live): the server hangs up
                } catch (RuntimeException expected) {
                    // the listener closes every connection without answering
                }
            }
            assertEquals(true, accepted.get() >= 1, "the counting server saw the real request");
            listener.close();
            counter.join(2000);
        }
    }
}
