package qdrift.notify;

/** Shortens text to a limit that a destination enforces, marking the cut. */
final class Clip {
    private Clip() {
    }

    static String to(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, Math.max(0, max - 1)) + "…";
    }
}
