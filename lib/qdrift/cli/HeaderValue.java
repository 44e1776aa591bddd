package qdrift.cli;

/**
 * Whether a secret fits in an HTTP header value (visible ASCII only). The HTTP client's own refusal quotes the value
 * in its message, and so in a --verbose stack trace: secrets are checked here first, and described by position only.
 */
public final class HeaderValue {
    private HeaderValue() {
    }

    /** The index of the first character no header value may hold, or -1 when there is none. */
    public static int firstUnsafe(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return i;
            }
        }
        return -1;
    }

    /** "a line break at character 12 of 40", naming the kind of character and where, never the value. */
    public static String describeUnsafe(String value, int index) {
        char c = value.charAt(index);
        String kind;
        if (c == '\n' || c == '\r') {
            kind = "a line break";
        } else if (c == ' ' || c == '\t') {
            kind = "a space";
        } else if (c < 0x20 || c == 0x7f) {
            kind = "a control character";
        } else {
            kind = "a non-ASCII character";
        }
        return kind + " at character " + (index + 1) + " of " + value.length();
    }
}
