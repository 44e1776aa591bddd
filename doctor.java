///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// UTF-8 whatever the locale (cron passes no LANG): javac reads the sources, and stdout/stderr write, in UTF-8
//COMPILE_OPTIONS -encoding UTF-8
//JAVA_OPTIONS -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//SOURCES lib/**.java
//SOURCES lib/Sources.java
//MAIN DoctorCommand

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import qdrift.cli.Cli;
import qdrift.cli.ProcessExit;
import qdrift.cli.Failure;
import qdrift.cli.OutputOptions;
import qdrift.cli.ServerOptions;
import qdrift.cli.Version;
import qdrift.doctor.Doctor;
import qdrift.doctor.DoctorReport;
import qdrift.doctor.DoctorSettings;
import qdrift.git.GitToken;

@Command(name = "doctor", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Check that everything the scripts need works against your instance, one line per check with the fix.",
                "The URL answers, the token is well formed, unexpired and accepted, its role suits drift and revert, the server",
                "has every operation and query parameter the tool sends, and (when named) the export folder, git remote and",
                "notify settings are in order. Reads only; nothing is written or sent.",
                "Exit 0: all checks pass (warnings allowed). Otherwise the exit code of the first failing kind (see README)."},
        footer = {"", "Examples:", "  QUALYTICS_URL=https://acme.qualytics.io QUALYTICS_TOKEN=... ./jbang doctor.java",
                "  ./jbang doctor.java --repo /opt/qualytics-config --path qualytics-config --open-pr -o json"})
class DoctorCommand implements Callable<Integer> {
    @Option(names = "--repo", paramLabel = "DIR", description = "Git work tree drift runs in: check its export folder and remote.")
    Path repo;

    @Option(names = "--path", paramLabel = "PATH", defaultValue = "qualytics-config", description = "Export folder inside --repo (default: ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--folder", paramLabel = "DIR", description = "An export folder outside git (export.java's --folder).")
    Path folder;

    @Option(names = "--open-pr", description = "Drift is to propose pull requests: also check that the remote takes a push with the git token.")
    boolean openPr;

    @Option(names = "--git-token-file", paramLabel = "FILE", description = "Git token as drift's --git-token-file (default: env GIT_TOKEN, GITLAB_TOKEN).")
    Path gitTokenFile;

    @Option(names = "--revert", description = "You mean to revert: a role that lacks a revert right fails (default: a warning).")
    boolean forRevert;

    @Option(names = "--notify", paramLabel = "DESTINATIONS", split = ",",
            description = "notify destinations whose settings must be present: slack,teams,pagerduty,webhook,email (default: those whose variables are set).")
    List<String> notify = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json, on stdout.")
    String format;

    @Option(names = "--ascii", description = "Mark checks [ok] [x] [!] [-] instead of ✓ ✗ ! - (the default when the locale cannot show them).")
    boolean ascii;

    @Mixin
    ServerOptions server;

    @Mixin
    OutputOptions output;

    public static void main(String... args) {
        ProcessExit.exit(Cli.run(new DoctorCommand(), args));
    }

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            throw Failure.usage("-o takes text or json, not '" + format + "'");
        }
        server.timeout(); // a junk --timeout is a usage error, not a failed check
        DoctorSettings settings = new DoctorSettings(server.url, server::resolveToken, server.timeout(), 0,
                repo, path, folder, openPr, () -> GitToken.resolve(Optional.ofNullable(gitTokenFile), System.getenv(), GitToken.ENV, "GITLAB_TOKEN"),
                forRevert, notify, System::getenv, Instant.now());
        DoctorReport report = new Doctor(output.log()).run(settings);
        boolean unicode = !ascii && DoctorReport.canShowMarks(localeCharset());
        output.out().print(format.equals("json") ? report.json() : report.text(unicode));
        output.out().flush();
        return report.exitCode().code();
    }

    private static Charset localeCharset() {
        try {
            return Charset.forName(System.getProperty("native.encoding", Charset.defaultCharset().name()));
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }
}
