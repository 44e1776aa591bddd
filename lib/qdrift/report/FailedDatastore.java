package qdrift.report;

/** A datastore a run could not check: its id, its name when known, the one-line error and that error's exit code. */
public record FailedDatastore(Long id, String name, String error, int exitCode) {
}
