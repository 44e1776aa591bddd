package qdrift.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Verbosity and colour options shared by every script (mixed in with @Mixin). */
public class OutputOptions {
    @Option(names = {"-v", "--verbose"}, description = "Log requests and timings; print stack traces on failure.")
    public boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing on stderr but errors (for cron).")
    public boolean quiet;

    @Option(names = "--no-color", description = "Never colour output (colour is used only on a terminal, and never when NO_COLOR is set).")
    public boolean noColor;

    /** Handled by {@link Cli} before the command runs (see {@link Completion}). */
    @Option(names = "--completion", paramLabel = "SHELL", description = "Print a bash or zsh completion script for the installed command (qd-<name>) and exit.")
    public String completion;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** Talk for humans, on the command's stderr (the writer tests hand in). */
    public Log log() {
        return new Log(err(), quiet, verbose, Terminal.stderrIsTerminal());
    }

    /** The command's stdout: data only. */
    public PrintWriter out() {
        return mixee.commandLine().getOut();
    }

    public PrintWriter err() {
        return mixee.commandLine().getErr();
    }

    public boolean colorAllowed() {
        return !noColor && Terminal.supportsColor();
    }
}
