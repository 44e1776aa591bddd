package qdrift.revert;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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

    /** How apply takes its lock (folder, longest wait) and how many writes it keeps in flight. */
    public record ApplyOptions(Path lockDir, java.time.Duration lockWait, int concurrency) {
        public static ApplyOptions defaults() {
            return new ApplyOptions(ApplyLock.defaultDir(System::getenv), ApplyLock.DEFAULT_WAIT, 8);
        }
    }

    private final QualyticsClient client;
    private final Log log;
    private final SecretPolicy secrets;
    private final ApplyOptions options;

    /** With the default secret rules ({@link SecretPolicy#strict}) over this environment. */
    public Revert(QualyticsClient client, Log log, Function<String, String> env) {
        this(client, log, SecretPolicy.strict(env));
    }

    public Revert(QualyticsClient client, Log log, SecretPolicy secrets) {
        this(client, log, secrets, ApplyOptions.defaults());
    }

    public Revert(QualyticsClient client, Log log, SecretPolicy secrets, ApplyOptions options) {
        this.client = client;
        this.log = log;
        this.secrets = secrets;
        this.options = options;
    }

    public RevertPlan plan(Settings settings) {
        GitState git = GitState.read(settings.repo(), settings.ref(), settings.path());
        LiveState live = LiveState.read(client, log, scope(settings.datastoreIds(), settings.allDatastores()));
        Set<String> known = new TreeSet<>(git.snapshot().entries().keySet());
        known.addAll(live.snapshot().entries().keySet());
        settings.selection().requireSomeMatch(known);
        return plan(settings, git, live, secrets);
    }

    private RevertPlan plan(Settings settings, GitState git, LiveState live, SecretPolicy policy) {
        List<PlannedResource> resources = new Planner(git, live, settings.selection(), settings.delete(), settings.allDatastores(), policy).plan();
        return new RevertPlan(RevertPlan.SCHEMA, Version.TOOL, client.host(), live.datastores(), settings.allDatastores(),
                settings.repo().toAbsolutePath().normalize().toString(), settings.path(), settings.ref(), git.commit(),
                settings.delete(), RevertPlan.Counts.of(resources), resources, null);
    }

    /**
     * Applies a plan made by this run. Exit 0 when every resource was verified (or there was nothing to do), 10 when
     * live moved since the plan, 11 when live differs from Git afterwards, 3+ when a call failed.
     */
    public Outcome apply(RevertPlan plan) {
        return apply(plan, (Settings) null);
    }

    /**
     * As {@link #apply(RevertPlan)}, under the apply lock of the plan's datastores (a second apply waits for it, see
     * {@link ApplyLock}); live is read once the lock is held. When live moved meanwhile and {@code replan} is given
     * (this run's own settings, when no one confirmed this very plan), the plan is made again from that live state
     * and Git at the plan's commit: typically nothing is left to do after another apply. Without it, exit 10.
     */
    public Outcome apply(RevertPlan plan, Settings replan) {
        requireSameHost(plan);
        if (!plan.hasChanges()) {
            return nothingToDo(plan);
        }
        new Applier(client, log, secrets).requireSecrets(plan);
        try (ApplyLock lock = lock(plan)) {
            LiveState now = LiveState.read(client, log, scope(ids(plan), plan.allDatastores()));
            if (replan != null && !Applier.stale(plan, now).isEmpty()) {
                GitState git = GitState.read(replan.repo(), plan.commit(), replan.path());
                RevertPlan again = plan(replan, git, now, secrets);
                log.info("Live changed while this run waited for the apply lock: planned again from live now ("
                        + again.summary().changes() + " change(s) left).");
                if (!again.hasChanges()) {
                    return nothingToDo(again);
                }
                new Applier(client, log, secrets).requireSecrets(again);
                return apply(again, now);
            }
            return apply(plan, now);
        }
    }

    private ApplyLock lock(RevertPlan plan) {
        return ApplyLock.acquire(options.lockDir(), plan.host(), ids(plan), options.lockWait());
    }

    /**
     * Applies a saved plan as a request, not an authority: plans again from Git at the plan's commit (in {@code repo},
     * or the plan's repository when null) and from live, and sends only what that gives, when it equals the file
     * (see {@link PlanFileCheck}); otherwise exit 10 with nothing written, naming the first difference.
     */
    public Outcome applySaved(RevertPlan saved, Path repo) {
        requireSameHost(saved);
        if (!saved.hasChanges()) {
            return nothingToDo(saved);
        }
        SecretPolicy approved = secrets.onlyFor(PlanFileCheck.variables(saved));
        new Applier(client, log, approved).requireSecrets(saved);
        Path gitRepo = repo != null ? repo : Path.of(saved.repository());
        GitState git = GitState.read(gitRepo, saved.commit(), saved.path());
        try (ApplyLock lock = lock(saved)) {
            return applySaved(saved, gitRepo, git, approved);
        }
    }

    private Outcome applySaved(RevertPlan saved, Path gitRepo, GitState git, SecretPolicy approved) {
        LiveState now = LiveState.read(client, log, scope(ids(saved), saved.allDatastores()));
        Outcome stale = staleOutcome(saved, now);
        if (stale != null) {
            return stale;
        }
        Settings settings = new Settings(gitRepo, saved.path(), saved.ref(), ids(saved), saved.allDatastores(),
                Selection.exactly(PlanFileCheck.files(saved)), saved.delete());
        RevertPlan derived = plan(settings, git, now, approved);
        String difference = PlanFileCheck.firstDifference(saved, derived);
        if (difference != null) {
            log.info("The plan file is not what Git at " + saved.commit() + " and live give: " + difference + ". Nothing was written.");
            return new Outcome(saved.withApplied(new RevertPlan.Applied("refused", List.of(), List.of(), List.of(),
                    "the plan file differs from the plan made again: " + difference)), ExitCode.STALE_PLAN);
        }
        return new Revert(client, log, approved, options).apply(derived, now);
    }

    private Outcome apply(RevertPlan plan, LiveState now) {
        Outcome stale = staleOutcome(plan, now);
        if (stale != null) {
            return stale;
        }
        Applier.Result result = new Applier(client, log, secrets).apply(plan, now, options.concurrency());
        if (result.exit() != ExitCode.OK) {
            return new Outcome(plan.withApplied(result.applied()), result.exit());
        }
        List<String> unverified = Verifier.unverified(plan, result.created(), now, LiveState.read(client, log, scope(ids(plan), plan.allDatastores())));
        RevertPlan.Applied applied = new RevertPlan.Applied(unverified.isEmpty() ? "verified" : "unverified",
                result.applied().calls(), List.of(), unverified, null);
        if (!unverified.isEmpty()) {
            log.info("Applied, but " + unverified.size() + " resource(s) still differ from Git: " + String.join(", ", unverified));
        }
        return new Outcome(plan.withApplied(applied), unverified.isEmpty() ? ExitCode.OK : ExitCode.UNVERIFIED);
    }

    private Outcome staleOutcome(RevertPlan plan, LiveState now) {
        List<String> stale = Applier.stale(plan, now);
        if (stale.isEmpty()) {
            return null;
        }
        log.info("Live changed since the plan (" + stale.size() + " of its resources): nothing was written. Plan again.");
        return new Outcome(plan.withApplied(new RevertPlan.Applied("stale", List.of(), stale, List.of(),
                "live changed since the plan: " + String.join(", ", stale))), ExitCode.STALE_PLAN);
    }

    private void requireSameHost(RevertPlan plan) {
        if (!plan.host().equals(client.host())) {
            throw Failure.usage("the plan was made for " + plan.host() + ", not " + client.host() + ": apply it against the same instance");
        }
    }

    private static Outcome nothingToDo(RevertPlan plan) {
        return new Outcome(plan.withApplied(new RevertPlan.Applied("verified", List.of(), List.of(), List.of(), null)), ExitCode.OK);
    }

    private static List<Long> ids(RevertPlan plan) {
        return plan.datastores().stream().map(DatastoreRef::id).toList();
    }

    private static Exporter.Scope scope(List<Long> ids, boolean all) {
        return new Exporter.Scope(new ArrayList<>(ids), all, EnumSet.allOf(ResourceType.class));
    }
}
