package qdrift.revert;

import java.util.List;
import qdrift.report.Origin.DatastoreRef;

/**
 * A revert plan: data that is printed, saved ({@code -o json=plan.json}) and applied exactly as shown. Origin of both
 * sides (live host and datastores, and whether every datastore was read; repository, export folder, ref and commit of Git), whether live-only resources are
 * deleted rather than archived or skipped, the counts, the resources in the order apply handles them, and, once
 * applied, what happened.
 */
public record RevertPlan(
        String schema,
        String tool,
        String host,
        List<DatastoreRef> datastores,
        boolean allDatastores,
        String repository,
        String path,
        String ref,
        String commit,
        boolean delete,
        Counts summary,
        List<PlannedResource> resources,
        Applied apply) {

    public static final String SCHEMA = "qualytics-drift/revert-plan/v1";

    public RevertPlan {
        datastores = datastores == null ? List.of() : List.copyOf(datastores);
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    /** How many resources of each action (skipped ones differ but are left alone). */
    public record Counts(int recreate, int update, int archive, int delete, int skip) {
        static Counts of(List<PlannedResource> resources) {
            int[] n = new int[Action.values().length];
            resources.forEach(r -> n[r.action().ordinal()]++);
            return new Counts(n[Action.RECREATE.ordinal()], n[Action.UPDATE.ordinal()], n[Action.ARCHIVE.ordinal()],
                    n[Action.DELETE.ordinal()], n[Action.SKIP.ordinal()]);
        }

        public int changes() {
            return recreate + update + archive + delete;
        }
    }

    /**
     * The outcome of --apply. status: "verified" (live equals Git for every resource), "unverified" (applied, but
     * some differ afterwards: listed), "failed" (stopped at a failed call: calls says what was applied and what was
     * not), "stale" (live changed since the plan: nothing written; stale lists the files).
     */
    public record Applied(String status, List<CallResult> calls, List<String> stale, List<String> unverified, String error) {
        public Applied {
            calls = calls == null ? List.of() : List.copyOf(calls);
            stale = stale == null ? List.of() : List.copyOf(stale);
            unverified = unverified == null ? List.of() : List.copyOf(unverified);
        }
    }

    public boolean hasChanges() {
        return summary.changes() > 0;
    }

    public RevertPlan withApplied(Applied applied) {
        return new RevertPlan(schema, tool, host, datastores, allDatastores, repository, path, ref, commit, delete, summary, resources, applied);
    }
}
