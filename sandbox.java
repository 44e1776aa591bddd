///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// UTF-8 whatever the locale (cron passes no LANG): javac reads the sources, and stdout/stderr write, in UTF-8
//COMPILE_OPTIONS -encoding UTF-8
//JAVA_OPTIONS -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//SOURCES lib/**.java
//SOURCES lib/Sources.java
//MAIN SandboxCommand

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import qdrift.cli.Cli;
import qdrift.cli.ProcessExit;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.cli.OutputOptions;
import qdrift.cli.Version;
import qdrift.sandbox.InstanceOptions;
import qdrift.sandbox.Kind;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.SandboxOptions;
import qdrift.sandbox.TenantSpec;

@Command(name = "sandbox", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Serve a stateful fake of the Qualytics API on loopback, for demos, tests and benchmarks.",
                "Prints QUALYTICS_URL=... and QUALYTICS_TOKEN=... as its first two stdout lines (eval them), then serves until killed.",
                "Knobs can also be changed at runtime: POST /_sandbox/config with JSON, e.g. {\"rate_limit_every\": 5}."})
class SandboxCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8000", description = "Port on 127.0.0.1; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--token", defaultValue = SandboxOptions.DEFAULT_TOKEN, description = "The bearer token to accept (default ${DEFAULT-VALUE}).")
    String token;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the generated tenant (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--checks", defaultValue = "500", description = "Quality checks to generate (default ${DEFAULT-VALUE}).")
    int checks;

    @Option(names = "--containers", defaultValue = "60", description = "Containers to generate (default ${DEFAULT-VALUE}).")
    int containers;

    @Option(names = "--computed-share", defaultValue = "0.2", description = "Share of computed containers (default ${DEFAULT-VALUE}).")
    double computedShare;

    @Option(names = "--datastores", paramLabel = "N", defaultValue = "6", description = "Datastores in all, at least 6 (default ${DEFAULT-VALUE}); more are plain JDBC ones, for benchmarks.")
    int datastores;

    @Option(names = "--computed-fields-share", defaultValue = "0.5", description = "Share of containers with computed fields (default ${DEFAULT-VALUE}).")
    double computedFieldsShare;

    @Option(names = "--legacy-shapes", description = "Answer like an older server: embedded connection, tags and teams as names, coverage 1; and take lenient write bodies (extra keys, a null description).")
    boolean legacyShapes;

    @Option(names = "--churn", description = "Scores, counts, last_asserted and metrics change on every request.")
    boolean churn;

    @Option(names = "--latency-ms", defaultValue = "0", description = "Delay of every /api answer, in ms.")
    long latencyMs;

    @Option(names = "--random-order", description = "Shuffle page items and JSON object keys on every response.")
    boolean randomOrder;

    @Option(names = "--rate-limit-every", paramLabel = "N", defaultValue = "0", description = "Every Nth /api request gets 429.")
    int rateLimitEvery;

    @Option(names = "--retry-after", paramLabel = "SECONDS", defaultValue = "1", description = "Retry-After of those 429s (default ${DEFAULT-VALUE}).")
    String retryAfter;

    @Option(names = "--error-every", paramLabel = "N", defaultValue = "0", description = "Every Nth /api request gets 500, 502, 503 in turn.")
    int errorEvery;

    @Option(names = "--drop-every", paramLabel = "N", defaultValue = "0", description = "Every Nth /api request has its connection closed unanswered.")
    int dropEvery;

    @Option(names = "--max-page-size", paramLabel = "N", defaultValue = "0",
            description = "With --legacy-shapes: clamp the page size to N, as some older servers did (0: no clamp). Without it, sizes above 100 get 422, as on a real server.")
    int maxPageSize;

    @Option(names = "--fail-path", paramLabel = "REGEX", description = "/api paths matching REGEX always fail with 500; STATUS:REGEX (e.g. 403:^/api/datastores/3$) with that status.")
    String failPath;

    @Option(names = "--expired-token", description = "Answer every /api request with 401.")
    boolean expiredToken;

    @Option(names = "--read-only-token", paramLabel = "TOKEN",
            description = "A second token that can read but gets 403 on every write, like a Member or Reporter token.")
    String readOnlyToken;

    @Option(names = "--fail-write-at", paramLabel = "N", defaultValue = "0",
            description = "The Nth write request (POST/PUT/PATCH/DELETE) gets 500 and changes nothing.")
    int failWriteAt;

    @Option(names = "--lost-write-at", paramLabel = "N", defaultValue = "0",
            description = "The Nth write request is applied, then its connection closes unanswered.")
    int lostWriteAt;

    @Option(names = "--upgrade-field", paramLabel = "NAME", description = "Every check carries field NAME = false, as after a Qualytics upgrade.")
    String upgradeField;

    @Option(names = "--check-editors", description = "Answer like a newer server that also sends last_editor on checks.")
    boolean checkEditors;

    @Option(names = "--ingress-rps", paramLabel = "N", defaultValue = "0",
            description = "Let N /api requests per second through, like the self-hosted ingress (nginx limit-rps); past the burst: 429 without Retry-After (0: no limit).")
    double ingressRps;

    @Option(names = "--ingress-burst", paramLabel = "B", defaultValue = "0",
            description = "Requests beyond the rate let through at once (nginx burst; the chart sets rate x multiplier, e.g. 10 x 2 = 20).")
    int ingressBurst;

    @Option(names = "--ingress-connections", paramLabel = "N", defaultValue = "0",
            description = "Answer 503 past N requests in progress at once, like nginx limit-connections (0: no limit).")
    int ingressConnections;

    @Option(names = "--user-role", paramLabel = "ROLE", defaultValue = "Admin",
            description = "The role /api/users/me names for the token: Admin, Manager or Member (default ${DEFAULT-VALUE}).")
    String userRole;

    @Option(names = "--team-permission", paramLabel = "PERMISSION", defaultValue = "Editor",
            description = "The token's team permission: Reporter, Viewer, Drafter, Author or Editor (default ${DEFAULT-VALUE}).")
    String teamPermission;

    @Option(names = "--without-operation", paramLabel = "'METHOD /api/PATH'",
            description = "Leave this operation out of /api/openapi.json, as a server that lacks it (e.g. 'GET /api/containers/listing').")
    String withoutOperation;

    @Option(names = "--refuse-archived-include",
            description = "Answer archived=include on /api/quality-checks with 422 naming archived, as a server whose check filter knows only exclude and only.")
    boolean refuseArchivedInclude;

    public static void main(String... args) {
        ProcessExit.exit(Cli.run(new SandboxCommand(), args));
    }

    @Override
    public Integer call() throws InterruptedException {
        Log log = new Log(spec.commandLine().getErr(), output);
        TenantSpec tenant;
        SandboxOptions options;
        InstanceOptions instance;
        if (maxPageSize > 0 && !legacyShapes) {
            throw Failure.usage("--max-page-size clamps like an older server: pass it with --legacy-shapes (a current server answers 422 above 100)");
        }
        try {
            tenant = new TenantSpec(seed, checks, containers, computedShare, computedFieldsShare).withDatastores(datastores);
            options = new SandboxOptions(port, token, legacyShapes, churn, latencyMs, randomOrder, rateLimitEvery, retryAfter,
                    errorEvery, null, dropEvery, maxPageSize, failPath, expiredToken, readOnlyToken, failWriteAt, lostWriteAt,
                    upgradeField, checkEditors);
            instance = new InstanceOptions(ingressRps, ingressBurst, ingressConnections, userRole, teamPermission, withoutOperation,
                    refuseArchivedInclude);
        } catch (IllegalArgumentException e) {
            throw Failure.usage(e.getMessage());
        }
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(tenant, options, instance);
        } catch (java.io.UncheckedIOException e) {
            throw new Failure(ExitCode.IO, e.getMessage() + ": pick another --port, or --port 0 for a free one", e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("QUALYTICS_URL=" + sandbox.url());
        out.println("QUALYTICS_TOKEN=" + sandbox.token());
        if (sandbox.options().readOnlyToken() != null) {
            out.println("QUALYTICS_READ_ONLY_TOKEN=" + sandbox.options().readOnlyToken());
        }
        out.flush();
        log.info("sandbox: serving " + sandbox.state().count(Kind.CHECK) + " checks, " + sandbox.state().count(Kind.CONTAINER)
                + " containers in " + sandbox.state().count(Kind.DATASTORE) + " datastores on "
                + sandbox.url() + "; stop with Ctrl-C");
        List<Long> datastoreIds = sandbox.state().ids(Kind.DATASTORE).stream().sorted().toList();
        log.info("sandbox: datastores " + String.join(", ", datastoreIds.stream().limit(10)
                .map(id -> id + " (" + sandbox.state().get(Kind.DATASTORE, id).path("name").asText() + ")").toList())
                + (datastoreIds.size() > 10 ? " and " + (datastoreIds.size() - 10) + " more" : "")
                + ": pass one to --datastore-id (export.java --list-datastores lists them)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
