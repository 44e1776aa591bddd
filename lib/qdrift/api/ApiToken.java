package qdrift.api;

import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

/**
 * The token must fit in an HTTP header value (visible ASCII): checked before any request, so a pasted line break or a
 * non-ASCII character is a clear error rather than an exception from the HTTP client, whose message would quote the
 * header (and so the token) in a --verbose stack trace. The message names the position, never the token.
 */
public final class ApiToken {
    private ApiToken() {
    }

    public static String requireHeaderSafe(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new Failure(ExitCode.AUTH, "the API token holds " + describe(c) + " at character " + (i + 1)
                        + " of " + token.length() + ", which no HTTP header can carry: copy the token again"
                        + " (one line, nothing else) into QUALYTICS_TOKEN or --token-file");
            }
        }
        return token;
    }

    private static String describe(char c) {
        if (c == '\n' || c == '\r') {
            return "a line break";
        }
        if (c == ' ' || c == '\t') {
            return "a space";
        }
        if (c < 0x20 || c == 0x7f) {
            return "a control character";
        }
        return "a non-ASCII character";
    }
}
