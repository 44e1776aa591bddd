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
    private final boolean progress;
    private boolean progressShown;

    public Log(PrintWriter err, boolean quiet, boolean verbose) {
        this(err, quiet, verbose, false);
    }

    /** progress: stderr is a terminal, so a {@link Progress} line may be drawn (never with --quiet). */
    public Log(PrintWriter err, boolean quiet, boolean verbose, boolean progress) {
        this.err = err;
        this.quiet = quiet;
        this.verbose = verbose;
        this.progress = progress && !quiet;
    }

    public Log(PrintWriter err, OutputOptions options) {
        this(err, options.quiet, options.verbose);
    }

    public static Log silent() {
        return new Log(new PrintWriter(java.io.Writer.nullWriter()), true, false);
    }

    public synchronized void info(String message) {
        if (!quiet) {
            clearProgress();
            err.println(message);
            err.flush();
        }
    }

    public synchronized void warn(String message) {
        if (!quiet) {
            clearProgress();
            err.println("warning: " + message);
            err.flush();
        }
    }

    /** A failure the run survived but must not hide (shown even with --quiet, which leaves only errors). */
    public synchronized void error(String message) {
        clearProgress();
        err.println("error: " + message);
        err.flush();
    }

    public synchronized void debug(String message) {
        if (verbose) {
            clearProgress();
            err.println("debug: " + message);
            err.flush();
        }
    }

    public boolean showsProgress() {
        return progress;
    }

    /** Redraws the one progress line in place (a terminal only); the next message or {@link #clearProgress} erases it. */
    public synchronized void progress(String status) {
        if (progress) {
            err.print("\r" + status + "\033[K");
            err.flush();
            progressShown = true;
        }
    }

    public synchronized void clearProgress() {
        if (progressShown) {
            err.print("\r\033[K");
            err.flush();
            progressShown = false;
        }
    }

    public boolean isVerbose() {
        return verbose;
    }

    public boolean isQuiet() {
        return quiet;
    }
}
