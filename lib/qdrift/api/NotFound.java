package qdrift.api;

import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

/** A 404 on a read: what was asked for is not there (exit 3, like any API failure). */
public final class NotFound extends Failure {
    public NotFound(String message) {
        super(ExitCode.API, message);
    }
}
