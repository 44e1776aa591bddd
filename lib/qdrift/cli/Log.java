package qdrift.cli;

import java.io.PrintWriter;

/**
 * Talk for humans, always on stderr: info is silenced by --quiet, debug needs --verbose.
 * Never pass a secret to it: messages are printed as given.
 */
public final class Log {
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean verbose;

    public Log(PrintWriter err, boolean quiet, boolean verbose) {
        this.err = err;
        this.quiet = quiet;
        this.verbose = verbose;
    }

    public Log(PrintWriter err, OutputOptions options) {
        this(err, options.quiet, options.verbose);
    }

    public static Log silent() {
        return new Log(new PrintWriter(java.io.Writer.nullWriter()), true, false);
    }

    public void info(String message) {
        if (!quiet) {
            err.println(message);
            err.flush();
        }
    }

    public void warn(String message) {
        if (!quiet) {
            err.println("warning: " + message);
            err.flush();
        }
    }

    /** A failure the run survived but must not hide (shown even with --quiet, which leaves only errors). */
    public void error(String message) {
        err.println("error: " + message);
        err.flush();
    }

    public void debug(String message) {
        if (verbose) {
            err.println("debug: " + message);
            err.flush();
        }
    }

    public boolean isVerbose() {
        return verbose;
    }

    public boolean isQuiet() {
        return quiet;
    }
}
