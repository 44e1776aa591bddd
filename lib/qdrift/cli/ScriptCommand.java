package qdrift.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to invoke one of the scripts in a command printed for a person to paste, wherever they paste it (cron runs in
 * the configuration repository, not in the checkout): the installed command (qd-revert, ...) when it is on PATH, else
 * the checkout's launcher and script by absolute path (the launcher says where it is in QD_LAUNCHER; the scripts sit
 * next to it), else, when not started through the launcher, the form the README uses.
 */
public final class ScriptCommand {
    /** Set by ./jbang (and so by the installed qd-* commands, which call it) to its own absolute path. */
    public static final String LAUNCHER_VARIABLE = "QD_LAUNCHER";

    /** Set by the commands `./jbang install` writes to their own name (qd-drift, ...): how the user typed it. */
    public static final String COMMAND_VARIABLE = "QD_COMMAND";

    private ScriptCommand() {
    }

    /** The command as the user typed it, for messages: "qd-drift" when run as that installed command, else "drift.java". */
    public static String typed(String name) {
        return typed(name, System.getenv());
    }

    static String typed(String name, Map<String, String> env) {
        String installed = "qd-" + name;
        return installed.equals(env.get(COMMAND_VARIABLE)) ? installed : name + ".java";
    }

    /** The words that run {@code script} (e.g. "revert.java"), before its arguments. */
    public static List<String> words(String script) {
        return words(script, System.getenv());
    }

    static List<String> words(String script, Map<String, String> env) {
        String installed = "qd-" + script.replaceFirst("\\.java$", "");
        if (onPath(installed, env.getOrDefault("PATH", ""))) {
            return List.of(installed);
        }
        String launcher = env.get(LAUNCHER_VARIABLE);
        if (launcher != null && !launcher.isBlank()) {
            Path path = Path.of(launcher);
            Path scriptPath = path.resolveSibling(script);
            if (path.isAbsolute() && Files.isExecutable(path) && Files.isRegularFile(scriptPath)) {
                return List.of(path.toString(), scriptPath.toString());
            }
        }
        return List.of("./jbang", script);
    }

    /** The command words for the script, quoted for a POSIX shell, followed by a space. */
    public static String prefix(String script) {
        return ShellWords.join(words(script)) + " ";
    }

    private static boolean onPath(String command, String path) {
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command)) && !Files.isDirectory(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
