package qdrift.cli;

/**
 * A failure a user can act on: a one-line message (what happened and what to do) and the exit code it maps to.
 * Code deep in lib/ throws this instead of calling System.exit.
 */
public class Failure extends RuntimeException {
    private final ExitCode exitCode;

    public Failure(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public Failure(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public static Failure usage(String message) {
        return new Failure(ExitCode.USAGE, message);
    }

    public static Failure io(String message, Throwable cause) {
        return new Failure(ExitCode.IO, message, cause);
    }
}
