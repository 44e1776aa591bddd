package qdrift.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.api.ClientSettings;
import qdrift.api.QualyticsClient;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.cli.ServerConfig;
import qdrift.export.Exporter;
import qdrift.export.FolderExport;
import qdrift.model.ResourceType;
import qdrift.report.DriftReport;
import qdrift.report.ResourceChange;
import qdrift.sandbox.Kind;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.SandboxOptions;
import qdrift.sandbox.TenantSpec;
import qdrift.sandbox.TenantState;
import qdrift.testing.Fault;
import qdrift.testing.Shell;

/**
 * The acceptance of compare-envs: two sandboxes from the same seed, with different ids and datastore/connection names
 * ("dev" and "prod"), and four deliberate edits in prod. Exactly those edits are reported.
 */
class CompareEnvsTest {
    private static final TenantSpec SPEC = TenantSpec.of(11, 120, 30);
    private static final long ID_OFFSET = 100_000;
    private static final String DEV_TOKEN = "dev-secret-token";
    private static final String PROD_TOKEN = "prod-secret-token";
    private static final Map<String, String> ENV = Map.of("DEV_TOKEN", DEV_TOKEN, "PROD_TOKEN", PROD_TOKEN);

    private static Sandbox dev;
    private static Sandbox prod;
    private static long devDatastore;
    private static long prodDatastore;
    /** The edits made in prod, as "kind type file" lines the report must hold, and nothing else. */
    private static Set<String> edits;

    @BeforeAll
    static void twoEnvironmentsWithDeliberateEdits() {
        dev = Sandbox.start(SPEC, SandboxOptions.defaults().withPort(0).withToken(DEV_TOKEN).withRandomOrder(true));
        prod = Sandbox.start(SPEC.withIdOffset(ID_OFFSET), SandboxOptions.defaults().withPort(0).withToken(PROD_TOKEN).withRandomOrder(true));
        devDatastore = dev.state().busiestDatastoreId();
        prodDatastore = prod.state().busiestDatastoreId();
        assertEquals(devDatastore + ID_OFFSET, prodDatastore, "the two tenants differ in ids only");
        TenantState d = dev.state();
        d.updateDatastore(devDatastore, "{\"name\": \"dev-warehouse\"}");
        d.updateConnection(d.idByName(Kind.CONNECTION, "prod-pg"), "{\"name\": \"dev-pg\"}");

        TenantState p = prod.state();
        long connection = p.idByName(Kind.CONNECTION, "prod-pg");
        p.updateConnection(connection, "{\"host\": \"prod-db.example.com\"}");
        long check = p.checkIds(prodDatastore).stream()
                .filter(id -> p.get(Kind.CHECK, id).path("coverage").asDouble() == 1.0).findFirst().orElseThrow();
        p.updateCheck(check, "{\"coverage\": 0.5}");
        long container = p.containerIds(prodDatastore).stream().filter(id -> !p.computedFieldIds(id).isEmpty())
                .findFirst().orElseThrow();
        long field = p.computedFieldIds(container).get(0);
        String fieldName = p.get(Kind.COMPUTED_FIELD, field).path("name").asText();
        p.delete(Kind.COMPUTED_FIELD, field);
        long target = p.containerIds(prodDatastore).get(0);
        p.createCheck("{\"container_id\": " + target + ", \"rule_type\": \"notNull\", \"fields\": [\"id\"],"
                + " \"coverage\": 1.0, \"description\": \"added in prod only\", \"status\": \"Active\"}");

        edits = Set.of(
                "modified connections prod-pg",
                "modified checks on " + p.nameOf(Kind.CONTAINER, p.get(Kind.CHECK, check).path("container_id").asLong()),
                "removed computed_fields " + fieldName,
                "added checks on " + p.nameOf(Kind.CONTAINER, target));
    }

    @AfterAll
    static void stop() {
        dev.close();
        prod.close();
    }

    private static SideSpec devLive() {
        return new SideSpec("dev", dev.url(), "DEV_TOKEN", List.of(devDatastore), null, null, null);
    }

    private static SideSpec prodLive() {
        return new SideSpec("prod", prod.url(), "PROD_TOKEN", List.of(prodDatastore), null, null, null);
    }

    private static EnvironmentComparison.Outcome compare(SideSpec left, SideSpec right, NameMapping mapping, Path expect) {
        return compare(left, right, mapping, expect, ENV);
    }

    private static EnvironmentComparison.Outcome compare(SideSpec left, SideSpec right, NameMapping mapping, Path expect,
                                                         Map<String, String> env) {
        ClientSettings settings = ClientSettings.defaults(Log.silent()).withRetries(1, Duration.ofSeconds(1), Duration.ofMillis(10));
        SideReader reader = new SideReader(env::get, Duration.ofSeconds(10), settings, Set.of(ResourceType.values()), Log.silent());
        return new EnvironmentComparison(reader, Log.silent(), Clock.systemUTC())
                .run(new EnvironmentComparison.Settings(left, right, mapping, expect));
    }

    /** "modified checks on orders": what the edits above predict, whatever the file names. */
    private static Set<String> described(List<ResourceChange> changes) {
        return changes.stream().map(c -> c.kind().id() + " " + c.type() + " "
                        + (c.type().equals("checks") ? "on " + c.container() : c.name()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void liveVersusLiveReportsExactlyTheDeliberateEditsAndNoIdOrNameNoise() {
        DriftReport report = compare(devLive(), prodLive(), NameMapping.none(), null).report();

        assertEquals(new TreeSet<>(edits), described(report.changes()), "reported: " + report.changes());
        assertEquals("compare-envs", report.kind());
        assertEquals(List.of(), report.warnings(), "no pair should be ambiguous");
        ResourceChange connection = report.changes().stream().filter(c -> c.type().equals("connections")).findFirst().orElseThrow();
        assertEquals(List.of("host"), connection.fields().stream().map(f -> f.path()).toList(),
                "the connection's name and secret placeholders are mapped, only the host differs");
        assertEquals("prod-db.example.com", connection.fields().get(0).after().asText(), "after is the right side (prod)");
    }

    @Test
    void anExplicitMappingGivesTheSameAnswerAsTheInferredOne() {
        NameMapping mapping = NameMapping.parseOptions(List.of("datastore:dev-warehouse=prod-warehouse", "connection:dev-pg=prod-pg"));
        DriftReport report = compare(devLive(), prodLive(), mapping, null).report();

        assertEquals(new TreeSet<>(edits), described(report.changes()));
    }

    @Test
    void expectedDifferencesAreSetAsideAndAStaleExpectationIsReported(@TempDir Path dir) throws IOException {
        Path expect = dir.resolve("expected-differences.yaml");
        Files.writeString(expect, """
                rules:
                  - type: connections
                    fields: [host]
                    reason: each environment has its own database host
                  - type: checks
                    file: "datastores/*/checks/**/notnull__id.yaml"
                    reason: prod has an extra not-null check on id
                  - type: containers
                    fields: [description]
                    reason: descriptions used to differ
                """);
        DriftReport report = compare(devLive(), prodLive(), NameMapping.none(), expect).report();

        Set<String> unexpected = new TreeSet<>(edits);
        unexpected.removeIf(e -> e.startsWith("modified connections") || e.startsWith("added checks"));
        assertEquals(unexpected, described(report.changes()), "only the unexpected edits count");
        assertEquals(2, report.ignored().size(), "ignored: " + report.ignored());
        assertEquals(1, report.warnings().size(), "warnings: " + report.warnings());
        assertTrue(report.warnings().get(0).startsWith("stale expectation 3 (descriptions used to differ)"), report.warnings().get(0));
    }

    @Test
    void aFolderWrittenByExportGivesTheSameAnswerAsTheLiveServer(@TempDir Path dir) {
        Path folder = dir.resolve("dev-config");
        exportDev(folder);
        SideSpec devFolder = new SideSpec("dev", null, null, List.of(), folder.toString(), null, null);

        EnvironmentComparison.Outcome live = compare(devLive(), prodLive(), NameMapping.none(), null);
        EnvironmentComparison.Outcome fromFolder = compare(devFolder, prodLive(), NameMapping.none(), null);

        assertEquals(live.report().changes(), fromFolder.report().changes());
        assertEquals(live.texts(), fromFolder.texts());
    }

    @Test
    void aFolderCommittedInGitIsReadAtItsRefNotFromTheWorkTree(@TempDir Path repo) throws IOException {
        exportDev(repo.resolve("qualytics-config"));
        Shell.git(repo, "init", "-q", "-b", "main");
        Shell.git(repo, "add", ".");
        Shell.git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false", "commit", "-qm", "dev baseline");
        try (var files = Files.walk(repo.resolve("qualytics-config/connections"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.writeString(file, "name: edited-after-the-commit\n");
            }
        }
        SideSpec devGit = new SideSpec("dev", null, null, List.of(), "qualytics-config", repo, "main");

        DriftReport report = compare(devGit, prodLive(), NameMapping.none(), null).report();

        assertEquals(new TreeSet<>(edits), described(report.changes()));
        assertEquals("main", report.origin().left().ref());
    }

    @Test
    @Fault(group = "file-system")
    void aSideWithALinkInsideItsFolderOnDiskOrAtItsRefIsRefusedNamingIt(@TempDir Path repo) throws IOException {
        Path folder = repo.resolve("qualytics-config");
        exportDev(folder);
        Path outside = Files.createDirectories(repo.getParent().resolve(repo.getFileName() + "-outside"));
        Files.writeString(outside.resolve("_datastore.yaml"), "name: not-dev\n");
        Files.createSymbolicLink(folder.resolve("datastores/linked"), outside);
        Shell.git(repo, "init", "-q", "-b", "main");
        Shell.git(repo, "add", ".");
        Shell.git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false", "commit", "-qm", "with a link");

        SideSpec onDisk = new SideSpec("dev", null, null, List.of(), folder.toString(), null, null);
        SideSpec atRef = new SideSpec("dev", null, null, List.of(), "qualytics-config", repo, "main");
        Failure fromDisk = assertThrows(Failure.class, () -> compare(onDisk, prodLive(), NameMapping.none(), null));
        Failure fromRef = assertThrows(Failure.class, () -> compare(atRef, prodLive(), NameMapping.none(), null));

        assertEquals(ExitCode.IO, fromDisk.exitCode());
        assertTrue(fromDisk.getMessage().startsWith("dev: " + folder + "/datastores/linked is a symbolic link to " + outside),
                fromDisk.getMessage());
        assertEquals(ExitCode.IO, fromRef.exitCode());
        assertTrue(fromRef.getMessage().startsWith("dev: qualytics-config/datastores/linked is committed as a symbolic link"),
                fromRef.getMessage());
    }

    @Test
    @Fault(group = "network")
    void anUnreachableSideFailsWithAnApiExitCodeNamingThatSide() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SideSpec unreachable = new SideSpec("prod", "http://127.0.0.1:" + closedPort, "PROD_TOKEN", List.of(1L), null, null, null);

        Failure failure = assertThrows(Failure.class, () -> compare(devLive(), unreachable, NameMapping.none(), null));

        assertEquals(ExitCode.API, failure.exitCode(), failure.getMessage());
        assertTrue(failure.getMessage().startsWith("prod: "), failure.getMessage());
    }

    @Test
    @qdrift.testing.Fault(group = "http")
    void anUnauthorisedSideFailsWithAnAuthExitCodeNamingThatSide() {
        Map<String, String> wrongProdToken = Map.of("DEV_TOKEN", DEV_TOKEN, "PROD_TOKEN", "not-the-token");

        Failure rejected = assertThrows(Failure.class, () -> compare(devLive(), prodLive(), NameMapping.none(), null, wrongProdToken));
        Failure unset = assertThrows(Failure.class, () -> compare(devLive(), prodLive(), NameMapping.none(), null, Map.of("PROD_TOKEN", PROD_TOKEN)));

        assertEquals(ExitCode.AUTH, rejected.exitCode(), rejected.getMessage());
        assertTrue(rejected.getMessage().startsWith("prod: "), rejected.getMessage());
        assertEquals(ExitCode.AUTH, unset.exitCode(), unset.getMessage());
        assertTrue(unset.getMessage().startsWith("dev: environment variable DEV_TOKEN is not set"), unset.getMessage());
    }

    static void exportDev(Path folder) {
        ServerConfig server = new ServerConfig(dev.url(), DEV_TOKEN, Duration.ofSeconds(10));
        try (QualyticsClient client = new QualyticsClient(server, ClientSettings.defaults(Log.silent()))) {
            Exporter.Scope scope = new Exporter.Scope(List.of(devDatastore), false, Set.of(ResourceType.values()));
            FolderExport.write(new Exporter(client, Log.silent()).export(scope), client.baseUrl(), scope.include(), folder, false);
        }
    }

    static Sandbox dev() {
        return dev;
    }
}
