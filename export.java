///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// UTF-8 whatever the locale (cron passes no LANG): javac reads the sources, and stdout/stderr write, in UTF-8
//COMPILE_OPTIONS -encoding UTF-8
//SOURCES lib/**.java
//SOURCES lib/Sources.java
//MAIN ExportCommand
// A short-lived CLI: the serial collector keeps the heap (and so RSS) close to the live data, and C1 alone (no C2)
// halves the CPU a cold run spends compiling; the heap-sizing flags keep the heap near the live data, which brings a
// 200,000-check export under 1 GB of RSS (1393 -> 958 MB, bench/RESULTS.md)
//JAVA_OPTIONS -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:MaxNewSize=64m -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8

import java.nio.file.Path;
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
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.cli.OldSpellings;
import qdrift.cli.OutputOptions;
import qdrift.cli.ServerConfig;
import qdrift.cli.ServerOptions;
import qdrift.cli.Version;
import qdrift.export.DatastoreListing;
import qdrift.export.Exporter;
import qdrift.export.Shard;
import qdrift.export.FolderExport;
import qdrift.export.StagingAhead;
import qdrift.model.ResourceType;
import qdrift.model.ServerFieldsFile;

@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Export the live Qualytics configuration as deterministic YAML files, in the official CLI's layout.",
                "Re-exporting over a committed folder gives zero diff when nothing changed on the server."},
        footer = {"", "Example:", "  QUALYTICS_URL=https://acme.qualytics.io QUALYTICS_TOKEN=... \\",
                "    ./jbang export.java --datastore-id 42 --folder ./qualytics-config"})
class ExportCommand implements Callable<Integer> {
    // Validated in call(), not by picocli, so that an unknown option is reported before a missing one.
    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Selection selection = new Selection();

    static class Selection {
        @Option(names = "--datastore-id", paramLabel = "ID", description = "Datastore to export (repeatable).")
        List<Long> datastoreIds = new ArrayList<>();

        @Option(names = "--all-datastores", description = "Export every datastore the token can read.")
        boolean allDatastores;
    }

    @Option(names = "--folder", paramLabel = "DIR", description = "Folder to bring in line with the live configuration (required).")
    Path output;

    private final OldSpellings oldSpellings = new OldSpellings();

    /** -O/--output DIR: export's old name of --folder, hidden (-o/--output is the report format elsewhere). */
    @Option(names = {"-O", "--output"}, paramLabel = "DIR", hidden = true)
    void oldOutput(Path dir) {
        output = oldSpellings.used("export.java -O/--output DIR", "--folder DIR", dir);
    }

    @Option(names = "--shard", paramLabel = "I/N", description = "With --all-datastores: only the datastores of shard I of N (see README: Shards).")
    String shard;

    @Option(names = "--include", paramLabel = "TYPES", split = ",", description = "Resource types to export (default: all): connections,datastores,containers,computed_fields,checks.")
    List<String> include = new ArrayList<>();

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8", description = "Requests in flight at most (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--list-datastores", description = "Print the datastores the token can read (id, name, type, connection, enrichment) and exit: the ids --datastore-id takes.")
    boolean listDatastores;

    @Option(names = "-o", paramLabel = "FORMAT", defaultValue = "text", description = "With --list-datastores: text (default) or json, on stdout.")
    String listFormat;

    @Option(names = "--force", description = "Export over a folder that holds another datastore's or host's export, or files but no manifest.")
    boolean force;

    @Mixin
    ServerOptions server;

    @Mixin
    OutputOptions outputOptions;

    public static void main(String... args) {
        ProcessExit.exit(Cli.run(new ExportCommand(), args));
    }

    @Override
    public Integer call() {
        Log log = outputOptions.log();
        oldSpellings.warn(log);
        if (listDatastores) {
            return listDatastores(log);
        }
        if (selection.datastoreIds.isEmpty() && !selection.allDatastores) {
            throw Failure.usage("say what to export: --datastore-id ID (repeatable) or --all-datastores");
        }
        if (output == null) {
            throw Failure.usage("say where to export: --folder DIR");
        }
        Set<ResourceType> types = include.isEmpty() ? Set.of(ResourceType.values()) : ResourceType.parseList(include);
        Exporter.Scope scope = new Exporter.Scope(selection.datastoreIds, selection.allDatastores, types,
                shard == null ? null : Shard.parse(shard));
        ServerFieldsFile serverFields = ServerFieldsFile.load(output); // a broken file fails before the slow work
        ServerConfig config = server.resolve();
        FolderExport.prepare(output, types, force);
        long started = System.nanoTime();
        try (QualyticsClient client = new QualyticsClient(config, ClientSettings.defaults(log).withPaceMemory(PaceMemory.fromEnvironment(System::getenv)).withConcurrency(concurrency).withMaxRps(server.maxRps()))) {
            // a first export writes each datastore's files into the update's staging folder while the others are read
            Exporter.Export export;
            FolderExport.Outcome outcome;
            try (StagingAhead ahead = FolderExport.stageAhead(output, serverFields)) {
                export = new Exporter(client, log).export(scope, ahead != null ? ahead : files -> { }).without(serverFields);
                export.snapshot().warnings().forEach(warning -> log.warn(warning));
                outcome = FolderExport.write(export, client.baseUrl(), types, output, output, force, log, ahead);
            }
            log.info(summary(export, outcome, client, started));
            // the others are exported; the failed ones' files are left as they were (each was named as it failed)
            outcome.export().failed().forEach(failed -> log.error("not exported: datastore " + failed.id()
                    + (failed.name() == null ? "" : " (" + failed.name() + ")") + ": " + failed.error()));
            return outcome.export().partial() ? ExitCode.PARTIAL.code() : ExitCode.OK.code();
        }
    }

    private int listDatastores(Log log) {
        if (!listFormat.equals("text") && !listFormat.equals("json")) {
            throw Failure.usage("-o takes text or json, not '" + listFormat + "'");
        }
        if (output != null || !selection.datastoreIds.isEmpty() || selection.allDatastores) {
            throw Failure.usage("--list-datastores only lists: drop --folder, --datastore-id and --all-datastores");
        }
        try (QualyticsClient client = new QualyticsClient(server.resolve(), ClientSettings.defaults(log).withPaceMemory(PaceMemory.fromEnvironment(System::getenv)).withConcurrency(concurrency).withMaxRps(server.maxRps()))) {
            DatastoreListing listing = DatastoreListing.of(client.datastores(), client.connections());
            outputOptions.out().print(listFormat.equals("json") ? listing.json() : listing.text());
            outputOptions.out().flush();
            return ExitCode.OK.code();
        }
    }

    private static String summary(Exporter.Export export, FolderExport.Outcome outcome, QualyticsClient client, long started) {
        StringBuilder text = new StringBuilder("Exported");
        export.snapshot().counts().forEach((type, count) -> text.append(' ').append(type.counted(count)).append(','));
        text.setLength(text.length() - 1);
        text.append(String.format("%nFiles: %d written, %d unchanged, %d removed. %d requests in %.1f s.",
                outcome.sync().written(), outcome.sync().unchanged(), outcome.sync().removed(),
                client.stats().requests(), (System.nanoTime() - started) / 1e9));
        return text.toString();
    }
}
