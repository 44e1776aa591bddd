package qdrift.api;

import java.util.List;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

/**
 * A GET the server refused with 422 because of one of the query parameters it carried (FastAPI names them in
 * {@code detail[].loc} as ["query", name]): a caller with another way to ask (the archived fallback of
 * {@link QualyticsClient#qualityChecks}) catches it; anyone else sees the one-line message like any refusal.
 */
final class RefusedParameter extends Failure {
    private final List<String> names;

    RefusedParameter(List<String> names, String message) {
        super(ExitCode.API, message);
        this.names = List.copyOf(names);
    }

    /** True when the server named this query parameter. */
    boolean names(String parameter) {
        return names.contains(parameter);
    }
}
