package qdrift.api;

import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.HeaderValue;

/**
 * The token must fit in an HTTP header value (visible ASCII): checked before any request, so a pasted line break or a
 * non-ASCII character is a clear error rather than an exception from the HTTP client, whose message would quote the
 * header (and so the token) in a --verbose stack trace. The message names the position, never the token.
 */
public final class ApiToken {
    private ApiToken() {
    }

    public static String requireHeaderSafe(String token) {
        int unsafe = HeaderValue.firstUnsafe(token);
        if (unsafe >= 0) {
            throw new Failure(ExitCode.AUTH, "the API token holds " + HeaderValue.describeUnsafe(token, unsafe)
                    + ", which no HTTP header can carry: copy the token again (one line, nothing else) into"
                    + " QUALYTICS_TOKEN or --token-file");
        }
        return token;
    }
}
