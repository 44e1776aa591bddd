package qdrift.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /**
     * Whether stderr is a terminal (a progress line is drawn only there: never in cron, a pipe or a log file). Java
     * cannot ask isatty(2); on Linux /proc names what fd 2 is, elsewhere a console on stdin and stdout stands in.
     */
    public static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
