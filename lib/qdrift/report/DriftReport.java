//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * The JSON report shared by drift.java and compare-envs.java and read by notify.java (schema documented in the README).
 * kind is "drift" or "compare-envs"; status is "clean", "drift" or "partial" (some datastores could not be checked:
 * failedDatastores names them, the rest of the report covers the others); findings group the changes by cause (what a
 * person reads first); changes are the file-level changes that count, ignored those a rule or expectation suppressed;
 * warnings are one-line notes (expired ignore rules, stale expectations, ambiguous pairs); revertCommand is the
 * revert.java command line that would put live back to Git for this drift.
 * Schema v2 is v1 plus findings, failed_datastores, revert_command, the "partial" status, the "renamed" change kind
 * and the attribution keys of a change; notify.java reads both.
 */
public record DriftReport(
        String schema,
        String tool,
        String kind,
        String status,
        Origin origin,
        Summary summary,
        List<Finding> findings,
        List<ResourceChange> changes,
        List<ResourceChange> ignored,
        List<String> warnings,
        List<FailedDatastore> failedDatastores,
        PullRequestRef pullRequest,
        String revertCommand) {

    public static final String SCHEMA = "qualytics-drift/report/v2";
    public static final String SCHEMA_V1 = "qualytics-drift/report/v1";
    public static final String CLEAN = "clean";
    public static final String DRIFT = "drift";
    public static final String PARTIAL = "partial";

    public DriftReport {
        findings = findings == null ? List.of() : findings;
        failedDatastores = failedDatastores == null ? List.of() : failedDatastores;
    }

    /** The v1 shape: no findings, failed datastores or revert command. */
    public DriftReport(String schema, String tool, String kind, String status, Origin origin, Summary summary,
                       List<ResourceChange> changes, List<ResourceChange> ignored, List<String> warnings,
                       PullRequestRef pullRequest) {
        this(schema, tool, kind, status, origin, summary, List.of(), changes, ignored, warnings, List.of(), pullRequest, null);
    }

    /** Derived from status, so not a field of the JSON schema. */
    @JsonIgnore
    public boolean isClean() {
        return CLEAN.equals(status);
    }

    /** The same report, "partial" when some datastores could not be checked (its changes cover the others). */
    public DriftReport withFailedDatastores(List<FailedDatastore> failed) {
        if (failed == null || failed.isEmpty()) {
            return this;
        }
        return new DriftReport(schema, tool, kind, PARTIAL, origin, summary, findings, changes, ignored, warnings,
                List.copyOf(failed), pullRequest, revertCommand);
    }

    @JsonIgnore
    public boolean isPartial() {
        return PARTIAL.equals(status);
    }

    public DriftReport withRevertCommand(String command) {
        return new DriftReport(schema, tool, kind, status, origin, summary, findings, changes, ignored, warnings,
                failedDatastores, pullRequest, command);
    }

    public DriftReport withPullRequest(PullRequestRef pr) {
        return new DriftReport(schema, tool, kind, status, origin, summary, findings, changes, ignored, warnings,
                failedDatastores, pr, revertCommand);
    }
}
