package qdrift.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.io.OutputStreamWriter;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.ParseResult;

/**
 * The testable entry point of every script: {@code main} is {@code ProcessExit.exit(Cli.run(new XCommand(), args))},
 * and tests call {@link #run(Object, PrintWriter, PrintWriter, String...)} with their own writers.
 * The one place that turns any failure into an exit code and a one-line message.
 */
public final class Cli {
    private Cli() {
    }

    public static int run(Object command, String... args) {
        commonPoolFloor();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        return run(command, out, err, args);
    }

    /**
     * On 1-2 cores the common pool has one thread, and CompletableFuture then starts a new thread for every async
     * stage: the JDK HTTP client starts two per request (740 for a 369-request export, bench/RESULTS.md). A pool of
     * at least 2 runs those stages instead; set before anything uses the pool, never lowered, overridable by -D.
     */
    static void commonPoolFloor() {
        String key = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(key) == null && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(key, "2");
        }
    }

    public static int run(Object command, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(command);
        boolean color = Terminal.supportsColor() && !contains(args, "--no-color");
        commandLine.setColorScheme(Help.defaultColorScheme(color ? Help.Ansi.ON : Help.Ansi.OFF));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((ex, params) -> {
            String typed = ScriptCommand.typed(ex.getCommandLine().getCommandName());
            err.println("error: " + firstLine(ex.getMessage()) + suggestion(ex) + " (see " + typed + " --help)");
            err.flush();
            return ExitCode.USAGE.code();
        });
        commandLine.setExecutionStrategy(parseResult -> parseResult.hasMatchedOption(Completion.OPTION)
                ? Completion.print(commandLine, parseResult.matchedOptionValue(Completion.OPTION, ""), out, err)
                : new CommandLine.RunLast().execute(parseResult));
        commandLine.setExecutionExceptionHandler((ex, cl, parseResult) -> report(ex, err, isVerbose(parseResult), command));
        int code;
        try {
            code = commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
        return stdoutChecked(code, out, err);
    }

    /** "; did you mean --datastore-id?" for an unknown option close to a known one (picocli's suggestions), else "". */
    static String suggestion(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException unmatched)) {
            return "";
        }
        java.util.List<String> similar = unmatched.getSuggestions().stream().filter(s -> s.startsWith("-")).limit(3).toList();
        return similar.isEmpty() ? "" : "; did you mean " + String.join(" or ", similar) + "?";
    }

    /**
     * PrintWriter swallows write errors: a report lost to a full disk or a closed pipe would otherwise exit 0 or 1.
     * A result (0, 1, 8) whose stdout failed becomes exit 6; a failure keeps its own code.
     */
    static int stdoutChecked(int code, PrintWriter out, PrintWriter err) {
        boolean result = code == ExitCode.OK.code() || code == ExitCode.DRIFT.code() || code == ExitCode.PARTIAL.code();
        if (!out.checkError() || !result) {
            return code;
        }
        err.println("error: cannot write to standard output (disk full, or the reading end closed?): the output is"
                + " lost; write it to a file instead (-o json=FILE) or free space and rerun");
        err.flush();
        return ExitCode.IO.code();
    }

    /** Prints the one-line message (and the stack trace with --verbose) and returns the exit code. */
    public static int report(Throwable ex, PrintWriter err, boolean verbose) {
        return report(ex, err, verbose, null);
    }

    /** As above; when {@code command} is {@link DoctorChecked}, a failure doctor.java diagnoses names its command. */
    static int report(Throwable ex, PrintWriter err, boolean verbose, Object command) {
        Failure failure = asFailure(ex);
        err.println("error: " + firstLine(failure.getMessage()) + DoctorHint.suffix(failure.exitCode(), command));
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return failure.exitCode().code();
    }

    static Failure asFailure(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof Failure f) {
                return f;
            }
            if (t instanceof CommandLine.ParameterException p) {
                return Failure.usage(p.getMessage());
            }
        }
        if (ex instanceof UncheckedIOException io) {
            return Failure.io("I/O failure: " + io.getCause().getMessage(), io);
        }
        if (ex instanceof java.io.IOException io) {
            return Failure.io("I/O failure: " + io.getMessage(), io);
        }
        if (ex instanceof OutOfMemoryError) {
            return new Failure(ExitCode.INTERNAL, "out of memory: raise the heap with JAVA_TOOL_OPTIONS=-Xmx2g", ex);
        }
        return new Failure(ExitCode.INTERNAL, "internal error: " + ex + " (rerun with --verbose and report it)", ex);
    }

    private static boolean isVerbose(ParseResult parseResult) {
        for (ParseResult p = parseResult; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(String[] args, String option) {
        for (String arg : args) {
            if (option.equals(arg)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "unknown failure";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }
}
