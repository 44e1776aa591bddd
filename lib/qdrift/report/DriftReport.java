//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * The JSON report shared by drift.java and compare-envs.java and read by notify.java (schema documented in the README).
 * kind is "drift" or "compare-envs"; status is "clean" or "drift"; changes are those that count, ignored those a rule
 * or expectation suppressed; warnings are one-line notes (expired ignore rules, stale expectations, ambiguous pairs).
 */
public record DriftReport(
        String schema,
        String tool,
        String kind,
        String status,
        Origin origin,
        Summary summary,
        List<ResourceChange> changes,
        List<ResourceChange> ignored,
        List<String> warnings,
        PullRequestRef pullRequest) {

    public static final String SCHEMA = "qualytics-drift/report/v1";
    public static final String CLEAN = "clean";
    public static final String DRIFT = "drift";

    /** Derived from status, so not a field of the JSON schema. */
    @JsonIgnore
    public boolean isClean() {
        return CLEAN.equals(status);
    }

    public DriftReport withPullRequest(PullRequestRef pr) {
        return new DriftReport(schema, tool, kind, status, origin, summary, changes, ignored, warnings, pr);
    }
}
