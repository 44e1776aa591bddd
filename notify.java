///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// UTF-8 whatever the locale (cron passes no LANG): javac reads the sources, and stdout/stderr write, in UTF-8
//COMPILE_OPTIONS -encoding UTF-8
//JAVA_OPTIONS -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//SOURCES lib/**.java
//SOURCES lib/Sources.java
//MAIN NotifyCommand

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import qdrift.cli.Cli;
import qdrift.cli.ProcessExit;
import qdrift.cli.ExitCode;
import qdrift.cli.Log;
import qdrift.cli.OutputOptions;
import qdrift.cli.Version;
import qdrift.notify.ChangeGate;
import qdrift.notify.CombinedReports;
import qdrift.notify.Routes;
import qdrift.notify.RoutesFile;
import qdrift.notify.When;
import qdrift.cli.Failure;
import qdrift.notify.DestinationOptions;
import qdrift.notify.DurationConverter;
import qdrift.notify.Notifier;
import qdrift.notify.NotifyRuntime;
import qdrift.notify.NotifyState;
import qdrift.notify.ReportInput;

@Command(name = "notify", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Send a drift report to Slack, Teams, PagerDuty, email or a webhook.",
                "  e.g. drift.java -o json | notify.java --slack --only-on-change"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every destination accepted (or nothing new to say)", "2:usage error or no report",
                "6:unreadable or malformed report (one line naming the file)", "7:a destination failed (each failure named on stderr)"})
class NotifyCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Report files; - reads stdin (the default when piped and no file is given).")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--report", paramLabel = "FILE|GLOB", description = "Read a report from FILE, or every file GLOB matches, e.g. 'drift-*.json' (repeatable). "
            + "Several reports make one Slack/Teams/email message and one PagerDuty event per origin.")
    List<String> reports = new ArrayList<>();

    @Mixin
    DestinationOptions destinations;

    @Option(names = "--when", paramLabel = "KEY=VALUES", description = "Send only the findings this selects (repeatable, all must hold): "
            + "type=connections,datastores, cause=added,removed,modified,renamed,platform, severity=loosening, datastore=prod-*.")
    List<String> when = new ArrayList<>();

    @Option(names = "--routes", paramLabel = "FILE", description = "A routes file (YAML): an ordered list of routes, each a when, "
            + "a destination and continue: true to fall through (see docs/alerts.md). Replaces the destination flags and --when.")
    Path routesFile;

    @Option(names = "--only-on-change", description = "Stay quiet when the drift is the same as last time (reminders aside); always say when it is resolved.")
    boolean onlyOnChange;

    @Option(names = "--state-file", paramLabel = "FILE", defaultValue = "${sys:user.home}/.cache/qualytics-drift/notify-state.json",
            description = "Where --only-on-change remembers what it sent (default ${DEFAULT-VALUE}).")
    Path stateFile;

    @Option(names = "--remind-every", paramLabel = "DURATION", defaultValue = "24h", converter = DurationConverter.class,
            description = "With --only-on-change, repeat unchanged drift this often (e.g. 90m, 24h; default ${DEFAULT-VALUE}).")
    Duration remindEvery;

    @Option(names = "--dry-run", description = "Print the payloads (secrets masked) as JSON on stdout and send nothing.")
    boolean dryRun;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    public static void main(String... args) {
        ProcessExit.exit(Cli.run(new NotifyCommand(), args));
    }

    @Override
    public Integer call() {
        NotifyRuntime runtime = NotifyRuntime.current();
        PrintWriter err = spec.commandLine().getErr();
        Log log = new Log(err, output);
        CombinedReports.Alerts alerts = CombinedReports.of(ReportInput.readAll(inputs, reports, runtime));
        alerts.combined().report().warnings().stream().filter(w -> w.startsWith("no report from shard"))
                .forEach(w -> log.warn(w));
        Routes routes = routes(runtime, log);
        NotifyState state = onlyOnChange ? NotifyState.load(stateFile) : null;
        ChangeGate gate = new ChangeGate(remindEvery);
        PrintWriter dryRunOut = dryRun ? spec.commandLine().getOut() : null;

        Notifier.Outcome outcome = new Notifier(routes, log).run(alerts, state, gate, runtime.clock().instant(), dryRunOut);
        outcome.failures().forEach(failure -> err.println("error: " + failure));
        err.flush();
        return outcome.ok() ? ExitCode.OK.code() : ExitCode.NOTIFY.code();
    }

    /** The routes file, or the destination flags each with --when; both at once is a usage error. */
    private Routes routes(NotifyRuntime runtime, Log log) {
        if (routesFile != null) {
            if (destinations.anyChosen() || !when.isEmpty()) {
                throw Failure.usage("--routes names its own destinations and filters: drop the destination flags and --when");
            }
            return RoutesFile.read(routesFile, runtime, destinations.http(runtime, log), destinations.timeout());
        }
        When filter;
        try {
            filter = When.ofAll(when);
        } catch (IllegalArgumentException e) {
            throw Failure.usage("--when: " + e.getMessage());
        }
        return Routes.each(destinations.build(runtime, log, dryRun), filter);
    }
}
