package qdrift.cli;

/** Whether the process talks to a person: colour only on a TTY and never when NO_COLOR is set (no-color.org). */
public final class Terminal {
    private Terminal() {
    }

    public static boolean supportsColor() {
        String noColor = System.getenv("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) {
            return false;
        }
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }
}
