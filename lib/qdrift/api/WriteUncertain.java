package qdrift.api;

import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

/**
 * A write whose outcome is unknown: the connection dropped or timed out, or the server failed (5xx) after receiving it.
 * The caller must find out whether it landed before doing anything else; sending a POST again blindly could create
 * a second resource.
 */
public final class WriteUncertain extends Failure {
    WriteUncertain(String message, Throwable cause) {
        super(ExitCode.API, message, cause);
    }
}
