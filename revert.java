///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// UTF-8 whatever the locale (cron passes no LANG): javac reads the sources, and stdout/stderr write, in UTF-8
//COMPILE_OPTIONS -encoding UTF-8
//JAVA_OPTIONS -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//SOURCES lib/**.java
//MAIN RevertCommand

import java.io.Console;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import qdrift.api.ClientSettings;
import qdrift.api.PaceMemory;
import qdrift.api.QualyticsClient;
import qdrift.cli.Cli;
import qdrift.cli.ProcessExit;
import qdrift.cli.DoctorChecked;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.cli.OutputOptions;
import qdrift.cli.ServerOptions;
import qdrift.cli.Version;
import qdrift.revert.OutputPreflight;
import qdrift.revert.PlanJson;
import qdrift.revert.PlanOutputs;
import qdrift.revert.Revert;
import qdrift.revert.RevertPlan;
import qdrift.revert.SecretPolicy;
import qdrift.revert.Selection;

@Command(name = "revert", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Put the live Qualytics configuration back to what is committed in Git, for the drifted resources you choose.",
                "Plans by default (nothing is written); --apply writes, then verifies that live equals Git.",
                "Exit 0: nothing to do (or applied and verified). 1: the plan has changes. 2: usage. 3+: failure;",
                "10: live changed since the plan (nothing written); 11: applied, but live differs from Git afterwards."},
        footer = {"", "Examples:",
                "  ./jbang revert.java --repo /opt/qualytics-config --datastore-id 42 --only 'datastores/*/checks/**'",
                "  ./jbang revert.java --repo . --datastore-id 42 --from-report drift.json -o json=plan.json",
                "  ./jbang revert.java --apply --plan-file plan.json --yes"})
class RevertCommand implements Callable<Integer>, DoctorChecked {
    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Scope scope = new Scope();

    static class Scope {
        @Option(names = "--datastore-id", paramLabel = "ID", description = "Datastore to revert (repeatable).")
        List<Long> datastoreIds = new ArrayList<>();

        @Option(names = "--all-datastores", description = "Every datastore the token can read.")
        boolean allDatastores;
    }

    @Option(names = "--repo", paramLabel = "DIR", description = "Git repository holding the committed export (default: current folder;"
            + " with --plan-file, the plan's repository).")
    Path repo;

    @Option(names = "--path", paramLabel = "PATH", defaultValue = "qualytics-config", description = "Export folder inside the repo (default: ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--ref", paramLabel = "REF", defaultValue = "HEAD", description = "Commit, branch or tag holding the state to put back (default: ${DEFAULT-VALUE}); read from git, the worktree is never touched.")
    String ref;

    @Option(names = "--only", paramLabel = "GLOB", description = "Only files of the export folder matching GLOB, e.g. 'datastores/*/checks/**' (repeatable).")
    List<String> only = new ArrayList<>();

    @Option(names = "--from-report", paramLabel = "FILE", description = "Exactly the changes a drift report (drift.java -o json) lists.")
    Path fromReport;

    @Option(names = "--delete", description = "Delete resources added live instead of archiving checks (computed containers and fields are only removed with it).")
    boolean delete;

    @Option(names = "--apply", description = "Write: re-check live against the plan, apply it, verify.")
    boolean apply;

    @Option(names = "--plan-file", paramLabel = "FILE", description = "With --apply: apply this saved plan (-o json=FILE) instead of planning now.")
    Path planFile;

    @Option(names = {"-y", "--yes"}, description = "Apply without asking (needed when not on a terminal).")
    boolean yes;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT[=FILE]", description = "text or json, to stdout or FILE (repeatable; default: text).")
    List<String> outputs = new ArrayList<>();

    @Option(names = "--secret-env", paramLabel = "NAME", description = "Also resolve this variable where a Git file names it as a secret"
            + " (repeatable; default: only the name export writes, e.g. ${PROD_PG_PASSWORD}; never this tool's own variables).")
    List<String> secretEnv = new ArrayList<>();

    @Option(names = "--allow-empty-secret", description = "Send a secret whose variable is set but empty (by default an empty variable counts as unset).")
    boolean allowEmptySecret;

    @Option(names = "--secret-to-changed-host", description = "Send a connection's secret even when this revert changes its host or URI.")
    boolean secretToChangedHost;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8", description = "Requests in flight at most, reads and the independent writes of one level (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "60", description = "With --apply: how long to wait for another apply"
            + " on the same instance and datastore to finish (default ${DEFAULT-VALUE}; 0: fail at once, exit 6).")
    long lockTimeoutSeconds;

    @Option(names = "--lock-dir", paramLabel = "DIR", description = "Folder of the apply locks (default: $XDG_STATE_HOME/qualytics-drift/revert-locks,"
            + " else ~/.local/state/qualytics-drift/revert-locks); applies sharing it run one at a time.")
    Path lockDir;

    @Option(names = "--ledger", paramLabel = "FILE", description = "After --apply, append what was applied and how verification ended to the drift ledger FILE (drift.java --ledger).")
    Path ledger;

    @Mixin
    ServerOptions server;

    @Mixin
    OutputOptions output;

    public static void main(String... args) {
        ProcessExit.exit(Cli.run(new RevertCommand(), args));
    }

    @Override
    public List<String> doctorArguments() {
        List<String> words = new ArrayList<>(server.doctorArguments());
        if (repo != null) {
            words.addAll(List.of("--repo", repo.toString()));
        }
        words.addAll(List.of("--path", path));
        words.add("--revert");
        return words;
    }

    @Override
    public Integer call() {
        Log log = output.log();
        List<PlanOutputs.Output> targets = PlanOutputs.parseAll(outputs);
        OutputPreflight.check(targets);
        if (ledger != null) {
            OutputPreflight.checkLedger(ledger);
        }
        if (planFile != null && !apply) {
            throw Failure.usage("--plan-file is applied with --apply: add --apply, or leave --plan-file out to plan");
        }
        if (planFile != null && (!only.isEmpty() || fromReport != null || delete || !scope.datastoreIds.isEmpty()
                || scope.allDatastores || !ref.equals("HEAD"))) {
            throw Failure.usage("--plan-file applies the saved plan as it was made: leave out --only, --from-report, --delete,"
                    + " --ref and the datastores (plan again to change them)");
        }
        RevertPlan saved = planFile == null ? null : PlanJson.read(planFile);
        if (saved == null && scope.datastoreIds.isEmpty() && !scope.allDatastores) {
            throw Failure.usage("say what to revert: --datastore-id ID (repeatable) or --all-datastores");
        }
        if (lockTimeoutSeconds < 0) {
            throw Failure.usage("--lock-timeout must be 0 (do not wait) or more seconds, not " + lockTimeoutSeconds);
        }
        if (concurrency < 1) {
            throw Failure.usage("--concurrency must be 1 or more, not " + concurrency);
        }
        Console console = System.console();
        if (apply && !yes && console == null) {
            throw Failure.usage("--apply writes to Qualytics: without a terminal to confirm on, add --yes");
        }
        Selection selection = new Selection(only, fromReport == null ? null : Selection.filesOf(fromReport));
        SecretPolicy secrets = new SecretPolicy(System::getenv, new java.util.HashSet<>(secretEnv), allowEmptySecret, secretToChangedHost);
        try (QualyticsClient client = new QualyticsClient(server.resolve(), ClientSettings.defaults(log).withPaceMemory(PaceMemory.fromEnvironment(System::getenv)).withConcurrency(concurrency).withMaxRps(server.maxRps()))) {
            Revert revert = new Revert(client, log, secrets, new Revert.ApplyOptions(
                    lockDir != null ? lockDir : Revert.ApplyOptions.defaults().lockDir(), java.time.Duration.ofSeconds(lockTimeoutSeconds), concurrency));
            Revert.Settings settings = new Revert.Settings(repo == null ? Path.of(".") : repo, path, ref,
                    scope.datastoreIds, scope.allDatastores, selection, delete);
            RevertPlan plan = saved != null ? saved : apply && yes ? revert.planToApply(settings) : revert.plan(settings);
            if (!apply || !plan.hasChanges()) {
                PlanOutputs.writeAll(targets, plan, output.out());
                return plan.hasChanges() ? ExitCode.DRIFT.code() : ExitCode.OK.code();
            }
            if (!yes && !confirmed(console, plan)) {
                throw Failure.usage("apply cancelled: nothing was written");
            }
            // with --yes no one confirmed this very plan: when live moved while waiting for the lock, plan again
            Revert.Outcome outcome = saved != null ? revert.applySaved(saved, repo) : revert.apply(plan, yes ? settings : null);
            PlanOutputs.writeAll(targets, outcome.plan(), output.out());
            if (ledger != null) {
                RevertPlan done = outcome.plan();
                qdrift.ledger.DriftLedger.recordRevert(new qdrift.ledger.LedgerFile(ledger), java.time.Instant.now(), done.host(),
                        done.datastores().stream().map(d -> d.id()).toList(), done.path(), done.commit(),
                        done.apply() == null ? "failed" : done.apply().status(), done.summary().changes());
            }
            return outcome.exit().code();
        }
    }

    /** Terraform's way: show the plan, accept only "yes". */
    private boolean confirmed(Console console, RevertPlan plan) {
        console.writer().print(qdrift.revert.PlanText.render(plan));
        String answer = console.readLine("%nApply this plan to %s? Only 'yes' is accepted: ", plan.host());
        return answer != null && answer.strip().equals("yes");
    }
}
