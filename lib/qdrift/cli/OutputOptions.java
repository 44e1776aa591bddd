package qdrift.cli;

import picocli.CommandLine.Option;

/** Verbosity and colour options shared by every script (mixed in with @Mixin). */
public class OutputOptions {
    @Option(names = {"-v", "--verbose"}, description = "Log requests and timings; print stack traces on failure.")
    public boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing on stderr but errors (for cron).")
    public boolean quiet;

    @Option(names = "--no-color", description = "Never colour output (colour is used only on a terminal, and never when NO_COLOR is set).")
    public boolean noColor;

    public boolean colorAllowed() {
        return !noColor && Terminal.supportsColor();
    }
}
