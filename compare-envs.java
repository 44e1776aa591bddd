///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// UTF-8 whatever the locale (cron passes no LANG): javac reads the sources, and stdout/stderr write, in UTF-8
//COMPILE_OPTIONS -encoding UTF-8
//JAVA_OPTIONS -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//SOURCES lib/**.java
//SOURCES lib/Sources.java
//MAIN CompareEnvsCommand

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import qdrift.api.ClientSettings;
import qdrift.api.PaceMemory;
import qdrift.cli.Cli;
import qdrift.cli.ProcessExit;
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.cli.OutputOptions;
import qdrift.cli.RateOptions;
import qdrift.cli.ServerOptions;
import qdrift.cli.Version;
import qdrift.compare.EnvironmentComparison;
import qdrift.compare.EnvironmentsFile;
import qdrift.compare.NameMapping;
import qdrift.compare.SideOptions;
import qdrift.compare.SideReader;
import qdrift.model.ResourceType;
import qdrift.report.ExitPolicy;
import qdrift.report.ReportOutputs;

@Command(name = "compare-envs", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Compare the configuration of two Qualytics environments, ignoring expected differences.",
                "Each side is a live server, an export folder, or an export folder in git at a ref. Datastores and",
                "connections are paired by --map (or the only unpaired ones), everything inside them by name.",
                "Exit 0: same. 1: different. 2: usage. 3+: failure (see README)."},
        footer = {"", "Examples:", "  ./jbang compare-envs.java --left dev --right prod --envs environments.yaml --expect expected-differences.yaml",
                "  ./jbang compare-envs.java --left-url https://dev.qualytics.io --left-token-env DEV_TOKEN --left-datastore-id 1 \\",
                "      --right-url https://prod.qualytics.io --right-token-env PROD_TOKEN --right-datastore-id 99 -o json=compare.json"})
class CompareEnvsCommand implements Callable<Integer> {
    @Mixin
    SideOptions sides;

    @Option(names = "--map", paramLabel = "LEFT=RIGHT", description = "Pair a left datastore or connection name with a right one (repeatable; prefix datastore: or connection: to be specific).")
    List<String> map = new ArrayList<>();

    @Option(names = "--expect", paramLabel = "FILE", description = "Expected differences (rules: type/file/fields/reason/expires); only the others are reported.")
    Path expect;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT[=FILE]", description = "Report format text, json, markdown or html, to stdout or FILE (repeatable; default: text).")
    List<String> outputs = new ArrayList<>();

    @Option(names = "--max-diff-lines", paramLabel = "N", defaultValue = "400", description = "Cap of the unified diff in the text report (default ${DEFAULT-VALUE}).")
    int maxDiffLines;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "${env:QUALYTICS_TIMEOUT:-" + ServerOptions.DEFAULT_TIMEOUT + "}", description = "Per-request timeout in seconds (env QUALYTICS_TIMEOUT, default ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8", description = "Requests in flight at most, per side (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Mixin
    RateOptions rate;

    @Mixin
    OutputOptions output;

    public static void main(String... args) {
        ProcessExit.exit(Cli.run(new CompareEnvsCommand(), args));
    }

    @Override
    public Integer call() {
        Log log = output.log();
        List<ReportOutputs.Output> reportOutputs = ReportOutputs.parseAll(outputs);
        if (timeoutSeconds <= 0) {
            throw Failure.usage("--timeout must be a positive number of seconds");
        }
        if (maxDiffLines < 1) {
            throw Failure.usage("--max-diff-lines must be at least 1, not " + maxDiffLines);
        }
        EnvironmentsFile envs = sides.environments();
        NameMapping mapping = NameMapping.parseOptions(map).with(envs == null ? NameMapping.none() : envs.mapping());
        EnvironmentComparison.Settings settings = new EnvironmentComparison.Settings(sides.left(envs), sides.right(envs), mapping, expect);
        SideReader reader = new SideReader(System::getenv, java.time.Duration.ofMillis((long) (timeoutSeconds * 1000)),
                ClientSettings.defaults(log).withPaceMemory(PaceMemory.fromEnvironment(System::getenv)).withConcurrency(concurrency).withMaxRps(rate.maxRps()), Set.of(ResourceType.values()), log);
        EnvironmentComparison.Outcome outcome = new EnvironmentComparison(reader, log, Clock.systemUTC()).run(settings);
        ReportOutputs.writeAll(reportOutputs, outcome.report(), outcome.texts(), maxDiffLines, output.colorAllowed(), output.out());
        return ExitPolicy.exitCode(outcome.report(), Set.of(ResourceType.values()));
    }
}
