package qdrift.revert;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;
import qdrift.api.QualyticsClient;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.cli.Version;
import qdrift.export.Exporter;
import qdrift.model.ResourceType;
import qdrift.report.Origin.DatastoreRef;

/**
 * Puts live back to the committed state, Terraform-like: {@link #plan} reads Git at a ref and live (nothing written),
 * {@link #apply} re-reads what the plan targets and refuses when any of it moved, applies the calls, then reads live
 * again and verifies that each resource equals Git.
 */
public final class Revert {
    /** Where Git's side is (repo, folder in it, ref), what to read live, which files, and whether --delete was given. */
    public record Settings(Path repo, String path, String ref, List<Long> datastoreIds, boolean allDatastores,
                           Selection selection, boolean delete) {
    }

    /** The plan (with what apply did, once applied) and the exit code of the run. */
    public record Outcome(RevertPlan plan, ExitCode exit) {
    }

    private final QualyticsClient client;
    private final Log log;
    private final Function<String, String> env;

    public Revert(QualyticsClient client, Log log, Function<String, String> env) {
        this.client = client;
        this.log = log;
        this.env = env;
    }

    public RevertPlan plan(Settings settings) {
        GitState git = GitState.read(settings.repo(), settings.ref(), settings.path());
        LiveState live = LiveState.read(client, log, scope(settings.datastoreIds(), settings.allDatastores()));
        return plan(settings, git, live);
    }

    private RevertPlan plan(Settings settings, GitState git, LiveState live) {
        List<PlannedResource> resources = new Planner(git, live, settings.selection(), settings.delete(), settings.allDatastores(), env).plan();
        return new RevertPlan(RevertPlan.SCHEMA, Version.TOOL, client.host(), live.datastores(), settings.allDatastores(),
                settings.repo().toAbsolutePath().normalize().toString(), settings.path(), settings.ref(), git.commit(),
                settings.delete(), RevertPlan.Counts.of(resources), resources, null);
    }

    /**
     * Applies a plan made by this run or read from a file. Exit 0 when every resource was verified (or there was
     * nothing to do), 10 when live moved since the plan, 11 when live differs from Git afterwards, 3+ when a call failed.
     */
    public Outcome apply(RevertPlan plan) {
        boolean allDatastores = plan.allDatastores();
        if (!plan.host().equals(client.host())) {
            throw Failure.usage("the plan was made for " + plan.host() + ", not " + client.host() + ": apply it against the same instance");
        }
        if (!plan.hasChanges()) {
            return new Outcome(plan.withApplied(new RevertPlan.Applied("verified", List.of(), List.of(), List.of(), null)), ExitCode.OK);
        }
        Applier applier = new Applier(client, log, env);
        applier.requireSecrets(plan);
        List<Long> ids = plan.datastores().stream().map(DatastoreRef::id).toList();
        LiveState now = LiveState.read(client, log, scope(ids, allDatastores));
        List<String> stale = Applier.stale(plan, now);
        if (!stale.isEmpty()) {
            log.info("Live changed since the plan (" + stale.size() + " of its resources): nothing was written. Plan again.");
            return new Outcome(plan.withApplied(new RevertPlan.Applied("stale", List.of(), stale, List.of(),
                    "live changed since the plan: " + String.join(", ", stale))), ExitCode.STALE_PLAN);
        }
        Applier.Result result = applier.apply(plan, now);
        if (result.exit() != ExitCode.OK) {
            return new Outcome(plan.withApplied(result.applied()), result.exit());
        }
        List<String> unverified = Verifier.unverified(plan, result.created(), LiveState.read(client, log, scope(ids, allDatastores)));
        RevertPlan.Applied applied = new RevertPlan.Applied(unverified.isEmpty() ? "verified" : "unverified",
                result.applied().calls(), List.of(), unverified, null);
        if (!unverified.isEmpty()) {
            log.info("Applied, but " + unverified.size() + " resource(s) still differ from Git: " + String.join(", ", unverified));
        }
        return new Outcome(plan.withApplied(applied), unverified.isEmpty() ? ExitCode.OK : ExitCode.UNVERIFIED);
    }

    private static Exporter.Scope scope(List<Long> ids, boolean all) {
        return new Exporter.Scope(new ArrayList<>(ids), all, EnumSet.allOf(ResourceType.class));
    }
}
