package qdrift.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Sends one GET over the JDK's blocking HttpURLConnection, keeping the connection for the next one. Reads are most of
 * what the scripts send, and per request this costs a fraction of the CPU of java.net.http (and of unirest on top):
 * bench/RESULTS.md measured 300 GETs at 0.8-1.0 s of CPU against 1.5-2.2 s. Writes stay on unirest (PATCH, and no
 * quiet retry: the JDK sends a GET once more by itself when a kept connection turns out closed, harmless for a GET).
 * No proxy, no redirects followed, no caches. The whole answer, body included, must arrive within the
 * timeout: a stall of a whole timeout ends a read, and a body still trickling in at the deadline is cut off at its
 * next read (so a pathological server holds a try for less than twice the timeout).
 */
final class PlainGet {
    /** Set before the first connection is kept: the JDK keeps 5 idle connections per host unless told otherwise. */
    private static final String KEPT_CONNECTIONS = "http.maxConnections";

    /** What ApiTransport reads of an answer. */
    record Answer(int status, byte[] body, String contentType, String retryAfter, String location) {
    }

    private final Duration timeout;

    PlainGet(Duration timeout, int concurrency) {
        this.timeout = timeout;
        if (System.getProperty(KEPT_CONNECTIONS) == null) {
            System.setProperty(KEPT_CONNECTIONS, String.valueOf(Math.max(5, concurrency)));
        }
    }

    /** Loads the classes of a GET to {@code baseUrl} without connecting. */
    void warmUp(String baseUrl) {
        try {
            new URL(baseUrl).openConnection(Proxy.NO_PROXY);
        } catch (IOException | IllegalArgumentException ignored) {
            // the first request reports what is wrong with the URL
        }
    }

    Answer send(String url, Map<String, Object> query, Map<String, String> headers)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpURLConnection connection = (HttpURLConnection) new URL(withQuery(url, query)).openConnection(Proxy.NO_PROXY);
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        connection.setConnectTimeout(millis);
        connection.setReadTimeout(millis); // a stall: no byte for a whole --timeout ends the read on its own
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        headers.forEach(connection::setRequestProperty);
        try {
            int status = connection.getResponseCode();
            byte[] body;
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                body = in == null ? new byte[0] : readBefore(in, deadline);
            }
            if (System.nanoTime() - deadline > 0) {
                throw cutOff();
            }
            return new Answer(status, body, connection.getContentType(), connection.getHeaderField("Retry-After"),
                    connection.getHeaderField("Location"));
        } catch (SocketTimeoutException e) {
            throw cutOff(); // connecting, or waiting for the next byte, took a whole --timeout
        } catch (IOException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted during GET");
            }
            throw e;
        }
    }

    /**
     * The body, read a buffer at a time; a server that trickles it is cut off at the first read past the deadline
     * (blocking socket reads cannot be stopped from outside, and closing the connection from another thread waits for
     * the read in progress all the same).
     */
    private byte[] readBefore(InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[8192];
        for (int read; (read = in.read(buffer)) >= 0; ) {
            if (System.nanoTime() - deadline > 0) {
                throw cutOff();
            }
            body.write(buffer, 0, read);
        }
        return body.toByteArray();
    }

    private HttpTimeoutException cutOff() {
        return new HttpTimeoutException("no complete answer within " + ApiErrors.seconds(timeout));
    }

    /** The URL with its query, each name and value encoded as in a form (as unirest's queryString encodes them). */
    static String withQuery(String url, Map<String, Object> query) {
        if (query.isEmpty()) {
            return url;
        }
        StringBuilder out = new StringBuilder(url).append(url.contains("?") ? '&' : '?');
        boolean first = true;
        for (Map.Entry<String, Object> parameter : query.entrySet()) {
            if (!first) {
                out.append('&');
            }
            first = false;
            out.append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(String.valueOf(parameter.getValue()), StandardCharsets.UTF_8));
        }
        return out.toString();
    }
}
