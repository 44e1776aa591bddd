package qdrift.cli;

import java.time.Duration;

/** A resolved way to reach one Qualytics instance. toString never shows the token. */
public record ServerConfig(String url, String token, Duration timeout) {
    @Override
    public String toString() {
        return "ServerConfig[url=" + url + ", token=***, timeout=" + timeout + "]";
    }
}
