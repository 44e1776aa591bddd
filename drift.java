///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// UTF-8 whatever the locale (cron passes no LANG): javac reads the sources, and stdout/stderr write, in UTF-8
//COMPILE_OPTIONS -encoding UTF-8
//JAVA_OPTIONS -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:MaxNewSize=64m -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//SOURCES lib/**.java
//SOURCES lib/Sources.java
//MAIN DriftCommand

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.cli.OutputOptions;
import qdrift.cli.ServerConfig;
import qdrift.cli.ServerOptions;
import qdrift.cli.Version;
import qdrift.drift.Demo;
import qdrift.drift.DriftCheck;
import qdrift.drift.PullRequestOptions;
import qdrift.export.Exporter;
import qdrift.export.Shard;
import qdrift.ledger.LedgerOptions;
import qdrift.model.ResourceType;
import qdrift.report.DriftReport;
import qdrift.report.ExitPolicy;
import qdrift.report.IgnoreRules;
import qdrift.report.FailOn;
import qdrift.report.ReportOutputs;

@Command(name = "drift", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Check whether the live Qualytics configuration has drifted from what is committed in Git.",
                "Pulls, re-exports over the committed folder, compares with HEAD and reports.",
                "Exit 0: no drift. 1: drift. 2: usage. 8: partial (some datastores could not be checked). 3+: failure (see README)."},
        footer = {"", "Examples:", "  ./jbang drift.java --demo",
                "  ./jbang drift.java --repo /opt/qualytics-config --path qualytics-config --datastore-id 42 -o text -o json=drift.json"})
class DriftCommand implements Callable<Integer>, DoctorChecked {
    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Selection selection = new Selection();

    static class Selection {
        @Option(names = "--datastore-id", paramLabel = "ID", description = "Datastore to check (repeatable).")
        List<Long> datastoreIds = new ArrayList<>();

        @Option(names = "--all-datastores", description = "Check every datastore the token can read.")
        boolean allDatastores;
    }

    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".", description = "Git work tree holding the committed export (default: current folder).")
    Path repo;

    @Option(names = "--path", paramLabel = "PATH", defaultValue = "qualytics-config", description = "Export folder inside the repo (default: ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--shard", paramLabel = "I/N", description = "With --all-datastores: only the datastores of shard I of N (see README: Shards).")
    String shard;

    @Option(names = "--include", paramLabel = "TYPES", split = ",", description = "Resource types to export and compare (default: all): " + "connections,datastores,containers,computed_fields,checks.")
    List<String> include = new ArrayList<>();

    @Option(names = "--fail-on", paramLabel = "TYPES", split = ",", description = "Resource types whose drift exits 1 (default: all), and platform for server-upgrade findings (default: reported, exit 0); others are still reported.")
    List<String> failOn = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT[=FILE]", description = "Report format text, json, markdown or html, to stdout or FILE (repeatable; default: text).")
    List<String> outputs = new ArrayList<>();

    @Option(names = "--max-diff-lines", paramLabel = "N", defaultValue = "400", description = "Cap of the unified diff in the text report (default ${DEFAULT-VALUE}).")
    int maxDiffLines;

    @Option(names = "--ignore", paramLabel = "RULE", description = "Ignore rule TYPE_OR_GLOB[:FIELD_GLOB,...], added to the folder's .driftignore (repeatable).")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--no-pull", description = "Do not fetch and fast-forward before checking.")
    boolean noPull;

    @Option(names = "--check-only", description = "Export into a temporary folder; leave the worktree untouched.")
    boolean checkOnly;

    @Option(names = "--force", description = "Check even if the folder holds another datastore's or host's export, or files but no manifest.")
    boolean force;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8", description = "Requests in flight at most (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "600", description = "How long to wait for an overlapping run to finish (default ${DEFAULT-VALUE}).")
    long lockTimeoutSeconds;

    @Mixin
    PullRequestOptions pullRequest;

    @Option(names = "--demo", description = "Run the whole product once against a bundled sandbox in a temporary repo, explaining each step.")
    boolean demo;

    @Mixin
    LedgerOptions ledger;

    @Mixin
    ServerOptions server;

    @Mixin
    OutputOptions output;

    public static void main(String... args) {
        ProcessExit.exit(Cli.run(new DriftCommand(), args));
    }

    @Override
    public List<String> doctorArguments() {
        List<String> words = new ArrayList<>(server.doctorArguments());
        words.addAll(List.of("--repo", repo.toString(), "--path", path));
        if (pullRequest.enabled()) {
            words.add("--open-pr");
        }
        return words;
    }

    @Override
    public Integer call() {
        Log log = output.log();
        List<ReportOutputs.Output> reportOutputs = ReportOutputs.parseAll(outputs);
        FailOn failOnPolicy = FailOn.parse(failOn);
        ledger.check();
        if (ledger.summaryMode()) {
            if (demo || selection.allDatastores || !selection.datastoreIds.isEmpty()) {
                throw Failure.usage("--summary only reads the ledger: drop --demo, --datastore-id and --all-datastores");
            }
            ledger.printSummary(outputs, Clock.systemUTC().instant(), output.out());
            return 0;
        }
        if (demo) {
            return new Demo(log, output.out(), output.colorAllowed()).run();
        }
        if (selection.datastoreIds.isEmpty() && !selection.allDatastores) {
            throw Failure.usage("say what to check: --datastore-id ID (repeatable) or --all-datastores");
        }
        DriftCheck.warmUp(log); // classes loaded in the background while the options, the repository and git status are checked
        Set<ResourceType> types = include.isEmpty() ? Set.of(ResourceType.values()) : ResourceType.parseList(include);
        if (maxDiffLines < 1) {
            throw Failure.usage("--max-diff-lines must be at least 1, not " + maxDiffLines);
        }
        if (lockTimeoutSeconds < 0) {
            throw Failure.usage("--lock-timeout must be 0 (do not wait) or more seconds, not " + lockTimeoutSeconds);
        }
        IgnoreRules.checkOptions(ignore);
        Exporter.Scope scope = new Exporter.Scope(selection.datastoreIds, selection.allDatastores, types,
                shard == null ? null : Shard.parse(shard));
        ServerConfig config = server.resolve();
        DriftCheck.Settings settings = new DriftCheck.Settings(repo, path, scope,
                !noPull, checkOnly, ignore, Duration.ofSeconds(lockTimeoutSeconds), force, pullRequest.token(), config.timeout());
        DriftCheck.SnapshotConsumer openPr = pullRequest.enabled() ? pullRequest.step(config.timeout(), Clock.systemUTC(), log, scope.shard()) : null;
        try (QualyticsClient client = new QualyticsClient(config, ClientSettings.defaults(log).withPaceMemory(PaceMemory.fromEnvironment(System::getenv)).withConcurrency(concurrency).withMaxRps(server.maxRps()))) {
            DriftCheck.Outcome outcome = new DriftCheck(client, log, Clock.systemUTC()).run(settings, openPr);
            DriftReport report = outcome.report();
            Failure ledgerFailure = null;
            Instant now = Clock.systemUTC().instant();
            try {
                report = ledger.record(report, now);
            } catch (Failure failure) {
                ledgerFailure = failure; // the report still goes out, without first-seen times
            }
            ReportOutputs.writeAll(reportOutputs, report, outcome.texts(), maxDiffLines, output.colorAllowed(), output.out(), now);
            if (!checkOnly && !pullRequest.enabled() && !report.changes().isEmpty()) {
                log.info(DriftCheck.workTreeNote(repo, path));
            }
            if (outcome.prFailure() != null) {
                throw outcome.prFailure(); // the drift is reported; the failed proposal still fails the run
            }
            if (ledgerFailure != null) {
                throw ledgerFailure;
            }
            return ExitPolicy.exitCode(report, failOnPolicy);
        }
    }
}
