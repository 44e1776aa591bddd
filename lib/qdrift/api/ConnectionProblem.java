package qdrift.api;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/** Why a request got no HTTP answer, read from the exception chain the HTTP client threw. */
enum ConnectionProblem {
    TIMEOUT, TLS, UNKNOWN_HOST, REFUSED, DROPPED, INTERRUPTED;

    static ConnectionProblem of(Throwable error) {
        boolean connect = false;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException) {
                return TIMEOUT;
            }
            if (t instanceof SSLException) {
                return TLS;
            }
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return UNKNOWN_HOST;
            }
            if (t instanceof InterruptedException) {
                return INTERRUPTED;
            }
            connect |= t instanceof ConnectException;
        }
        return connect ? REFUSED : DROPPED;
    }

    /** Only a connection dropped mid-request is worth another try; the others will fail the same way again. */
    boolean retryable() {
        return this == DROPPED;
    }
}
