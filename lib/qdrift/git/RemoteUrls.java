package qdrift.git;

import java.util.regex.Pattern;

/** Keeps credentials out of anything we print: JGit and GitHub messages may quote a remote URL with user:token@. */
public final class RemoteUrls {
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]+@");

    private RemoteUrls() {
    }

    /** "https://x:tok@host/o/r" becomes "https://host/o/r", anywhere in the text; scp-like "git@host:o/r" stays. */
    public static String withoutCredentials(String text) {
        return text == null ? null : USER_INFO.matcher(text).replaceAll("$1");
    }
}
