package qdrift.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code --completion bash|zsh}: picocli's completion script for the command as `./jbang install` names it
 * ({@code qd-drift}, ...). The script is bash; zsh runs it through bashcompinit, which the script loads itself.
 */
public final class Completion {
    public static final String OPTION = "--completion";

    private Completion() {
    }

    public static String commandName(CommandLine commandLine) {
        return "qd-" + commandLine.getCommandName();
    }

    static int print(CommandLine commandLine, String shell, PrintWriter out, PrintWriter err) {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            err.println("error: " + OPTION + " takes bash or zsh, not '" + shell + "' (see " + commandLine.getCommandName() + " --help)");
            return ExitCode.USAGE.code();
        }
        // picocli's generator fails on a parameter label with no letter or digit (notify.java's "-" for stdin)
        CommandSpec spec = commandLine.getCommandSpec();
        for (PositionalParamSpec positional : List.copyOf(spec.positionalParameters())) {
            if (!positional.paramLabel().matches(".*[A-Za-z0-9].*")) {
                spec.remove(positional);
                spec.addPositional(positional.toBuilder().paramLabel("ARG").build());
            }
        }
        out.print(AutoComplete.bash(commandName(commandLine), commandLine));
        out.flush();
        return ExitCode.OK.code();
    }
}
