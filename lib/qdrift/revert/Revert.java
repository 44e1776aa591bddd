package qdrift.revert;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import qdrift.api.QualyticsClient;
import qdrift.cli.Background;
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

    /** How long a plan's live read may stand in for the read under the lock: a moment, not a human's confirmation. */
    static final java.time.Duration PLAN_STANDS_IN = java.time.Duration.ofSeconds(10);

    private final QualyticsClient client;
    private final Log log;
    private final SecretPolicy secrets;
    private final ApplyOptions options;
    /** The last plan of {@link #planToApply}, until an apply takes it. */
    private Planned lastPlan;

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
        return plan(settings, null);
    }

    /**
     * As {@link #plan(Settings)}, for an {@code --apply --yes} that follows at once: when the apply lock is free before
     * live is read, the lock files are stamped, so that {@link #apply(RevertPlan, Settings)} can tell that no apply took
     * the lock since this read and use it instead of reading live again (see {@link LockStamps}).
     */
    public RevertPlan planToApply(Settings settings) {
        return plan(settings, settings.allDatastores() ? null : LockStamps.ifFree(options.lockDir(), client.host(), settings.datastoreIds()));
    }

    private RevertPlan plan(Settings settings, LockStamps stamps) {
        qdrift.export.PhaseTimer timer = new qdrift.export.PhaseTimer(log);
        // Git is read from local objects while live is read over the network: side by side, not one after the other
        CompletableFuture<GitState> gitRead = Background.start("revert-git-read",
                () -> timer.time("read Git", () -> GitState.read(settings.repo(), settings.ref(), settings.path())));
        LiveState live;
        try {
            live = timer.time("read live for the plan", () -> LiveState.read(client, log, scope(settings.datastoreIds(), settings.allDatastores())));
        } catch (RuntimeException liveFailed) {
            Background.join(gitRead); // Git's failure, when both failed, is the one to report (as when Git was read first)
            throw liveFailed;
        }
        GitState git = Background.join(gitRead);
        Set<String> known = new TreeSet<>(git.snapshot().entries().keySet());
        known.addAll(live.snapshot().entries().keySet());
        settings.selection().requireSomeMatch(known);
        RevertPlan plan = timer.time("plan the calls", () -> plan(settings, git, live, secrets));
        lastPlan = stamps == null ? null : new Planned(plan, live, stamps, System.nanoTime());
        return plan;
    }

    /** The plan {@link #planToApply} made last, the live state it was made from and the lock files as they were before. */
    private record Planned(RevertPlan plan, LiveState live, LockStamps stamps, long madeAt) {
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
        LiveState planned = plannedLiveIfUntouched(plan, replan);
        ApplyLock atOnce = planned == null ? null : ApplyLock.tryAcquire(options.lockDir(), plan.host(), ids(plan));
        try (ApplyLock lock = atOnce != null ? atOnce : lock(plan)) {
            LiveState now = atOnce != null ? planned : LiveState.read(client, log, scope(ids(plan), plan.allDatastores()));
            if (atOnce != null) {
                log.debug("the apply lock was free and untouched since the plan's read: live as the plan read it stands");
            }
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

    /**
     * The live state this very plan was made from, when it may stand for a read under the lock: the plan came from
     * {@link #planToApply} a moment ago, for an apply no one confirms by hand ({@code replan} given), and the lock files
     * are as they were before that read (no apply took a lock since: every apply takes it before its first write).
     * Else null: live is read again under the lock.
     */
    private LiveState plannedLiveIfUntouched(RevertPlan plan, Settings replan) {
        Planned mine = lastPlan;
        lastPlan = null;
        if (replan == null || mine == null || mine.plan() != plan
                || System.nanoTime() - mine.madeAt() > PLAN_STANDS_IN.toNanos()
                || !new TreeSet<>(ids(plan)).equals(mine.stamps().datastoreIds())) {
            return null;
        }
        return mine.stamps().unchanged() ? mine.live() : null;
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
        qdrift.export.PhaseTimer timer = new qdrift.export.PhaseTimer(log);
        Applier.Result result = timer.time("write", () -> new Applier(client, log, secrets).apply(plan, now, options.concurrency()));
        if (result.exit() != ExitCode.OK) {
            return new Outcome(plan.withApplied(result.applied()), result.exit());
        }
        List<String> unverified = timer.time("verify (read live again and compare)", () -> Verifier.unverified(plan, result.created(), now,
                LiveState.read(client, log, scope(ids(plan), plan.allDatastores(), verified(plan)))));
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
        return scope(ids, all, EnumSet.allOf(ResourceType.class));
    }

    private static Exporter.Scope scope(List<Long> ids, boolean all, Set<ResourceType> include) {
        return new Exporter.Scope(new ArrayList<>(ids), all, include);
    }

    /**
     * What the verification reads: only checks when the plan writes only checks (each written check is verified from
     * the datastores' whole check lists, so a second check of its identity is seen; no container detail is read),
     * else everything.
     */
    static Set<ResourceType> verified(RevertPlan plan) {
        boolean checksOnly = plan.resources().stream().filter(r -> r.action() != Action.SKIP)
                .allMatch(r -> ResourceType.fromId(r.type()) == ResourceType.CHECKS);
        return checksOnly ? EnumSet.of(ResourceType.CHECKS) : EnumSet.allOf(ResourceType.class);
    }
}
