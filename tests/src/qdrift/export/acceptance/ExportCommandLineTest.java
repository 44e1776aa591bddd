package qdrift.export.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.export.ExportLayout;
import qdrift.export.LayoutPath;
import qdrift.model.ResourceType;
import qdrift.sandbox.Kind;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.SandboxOptions;
import qdrift.sandbox.TenantSpec;
import qdrift.testing.ScriptRun;

/** Issue #3: export.java as a user runs it: options, exit codes, the stderr summary, stdout kept empty, the token never shown. */
class ExportCommandLineTest {
    private static final String TOKEN = "qd-cli-token-0c9e2b77";
    private static Sandbox sandbox;
    private static String main;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(TenantSpec.of(TenantSpec.DEFAULT_SEED, 60, 20), SandboxOptions.defaults().withToken(TOKEN));
        main = String.valueOf(sandbox.state().busiestDatastoreId());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void withoutADatastoreSelectionItIsAUsageError(@TempDir Path dir) {
        ScriptRun run = ConfigRepo.init(dir).export(sandbox);
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--datastore-id") && run.err().contains("--all-datastores"), run::toString);
        assertEquals("", run.out());
    }

    @Test
    void withoutAnOutputFolderItIsAUsageError() {
        ScriptRun run = ScriptRun.of("ExportCommand", "--url", sandbox.url(), "--token", TOKEN, "--datastore-id", main);
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--folder"), run::toString);
    }

    @Test
    void anUnknownIncludeTypeIsAUsageError(@TempDir Path dir) {
        ScriptRun run = ConfigRepo.init(dir).export(sandbox, "--datastore-id", main, "--include", "checks,widgets");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("unknown resource type 'widgets'"), run::toString);
    }

    @Test
    @qdrift.testing.Fault(group = "http")
    void anUnknownDatastoreIdIsAOneLineApiErrorAndWritesNothing(@TempDir Path dir) {
        ConfigRepo repo = ConfigRepo.init(dir);
        ScriptRun run = repo.export(sandbox, "--datastore-id", "999");
        assertEquals(3, run.exitCode(), run::toString);
        List<String> lines = run.err().strip().lines().toList();
        assertTrue(lines.get(lines.size() - 1).startsWith("error: no datastore 999 at 127.0.0.1:" + sandbox.port()
                + ": check --datastore-id"), run::toString);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("error:")).count(), "one error line:\n" + run);
        String known = String.join(", ", sandbox.state().ids(qdrift.sandbox.Kind.DATASTORE).stream().sorted().limit(10).map(String::valueOf).toList());
        assertTrue(lines.get(lines.size() - 1).contains("; datastores here: " + known), "the ids that exist are named\n" + run);
        assertFalse(Files.exists(repo.folder()), "no output folder was created");
    }

    @Test
    void aRejectedTokenExitsFourWithoutPrintingIt(@TempDir Path dir) {
        String wrong = "qd-wrong-token-5d1f";
        ScriptRun run = ScriptRun.of("ExportCommand", "--url", sandbox.url(), "--token", wrong, "--verbose",
                "--datastore-id", main, "--folder", dir.resolve("out").toString());
        assertEquals(4, run.exitCode(), run::toString);
        assertTrue(run.err().contains("token rejected or expired"), run::toString);
        assertFalse(run.out().contains(wrong) || run.err().contains(wrong), "the token was printed:\n" + run);
    }

    @Test
    void aSuccessfulVerboseExportPrintsNothingOnStdoutAndNeverTheToken(@TempDir Path dir) throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        ScriptRun run = ScriptRun.of("ExportCommand", "--url", sandbox.url(), "--token-file", tokenFile.toString(),
                "--verbose", "--datastore-id", main, "--folder", dir.resolve("out").toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.out(), "stdout is for data: an export prints none");
        assertFalse(run.err().contains(TOKEN), "the token was printed:\n" + run.err());
    }

    @Test
    void theSummaryHasResourcesPerTypeFilesAndRequests(@TempDir Path dir) {
        ConfigRepo repo = ConfigRepo.init(dir);
        sandbox.stats().reset();
        ScriptRun first = repo.exportOk(sandbox, "--datastore-id", main);
        long requests = sandbox.stats().total();
        Map<String, String> files = repo.files();

        Map<String, Integer> onDisk = new TreeMap<>();
        files.keySet().forEach(p -> ExportLayout.identify(p).map(LayoutPath::type).ifPresent(t -> onDisk.merge(t.id(), 1, Integer::sum)));
        Map<String, Integer> reported = new TreeMap<>();
        Matcher counts = Pattern.compile("(\\d+) (connection|datastore|container|computed_field|check)s?\\b").matcher(first.err());
        while (counts.find()) {
            reported.put(counts.group(2) + "s", Integer.parseInt(counts.group(1))); // "1 datastore", "30 checks"
        }
        assertEquals(onDisk, reported, "resources per type, as on disk:\n" + first.err());
        assertTrue(first.err().contains("Files: " + files.size() + " written, 0 unchanged, 0 removed. " + requests + " requests in "),
                "files written and requests sent (" + requests + " reached the server):\n" + first.err());
        assertTrue(Pattern.compile("requests in \\d+\\.\\d s\\.").matcher(first.err()).find(), "seconds:\n" + first.err());

        ScriptRun second = repo.exportOk(sandbox, "--datastore-id", main);
        assertTrue(second.err().contains("Files: 0 written, " + files.size() + " unchanged, 0 removed."), second.err());
    }

    @Test
    void repeatedDatastoreIdsAndAllDatastoresExportEachDatastore(@TempDir Path dir) {
        List<Long> ids = sandbox.state().ids(Kind.DATASTORE);
        ConfigRepo two = ConfigRepo.init(dir.resolve("two"));
        two.exportOk(sandbox, "--datastore-id", String.valueOf(ids.get(0)), "--datastore-id", String.valueOf(ids.get(1)));
        assertEquals(2, datastoreFiles(two).size(), "two --datastore-id, two datastores: " + datastoreFiles(two));

        ConfigRepo all = ConfigRepo.init(dir.resolve("all"));
        all.exportOk(sandbox, "--all-datastores");
        assertEquals(ids.size(), datastoreFiles(all).size(), "every datastore: " + datastoreFiles(all));
        String manifest = all.files().get(".qualytics-export.yaml");
        ids.forEach(id -> assertTrue(manifest.contains("id: " + id + "\n"), "the manifest names datastore " + id + ":\n" + manifest));
        assertFalse(manifest.matches("(?s).*\\d{4}-\\d\\d-\\d\\dT\\d\\d:.*"), "no timestamp in the manifest:\n" + manifest);
    }

    @Test
    void anotherDatastoreOverAnExportIsRefusedUnlessForced(@TempDir Path dir) {
        List<Long> ids = sandbox.state().ids(Kind.DATASTORE);
        String other = String.valueOf(ids.stream().filter(id -> !String.valueOf(id).equals(main)).findFirst().orElseThrow());
        ConfigRepo repo = ConfigRepo.init(dir);
        repo.exportOk(sandbox, "--datastore-id", main);
        repo.commitAll("baseline export");

        ScriptRun refused = repo.export(sandbox, "--datastore-id", other);
        assertEquals(2, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("--force"), "the message says how to go on:\n" + refused.err());
        assertEquals(List.of(), repo.status(), "a refused export changes nothing");

        ScriptRun forced = repo.export(sandbox, "--datastore-id", other, "--force");
        assertEquals(0, forced.exitCode(), forced::toString);
        assertEquals(1, datastoreFiles(repo).size(), "only the other datastore is left: " + datastoreFiles(repo));
        assertTrue(repo.files().get(".qualytics-export.yaml").contains("id: " + other + "\n"));
    }

    @Test
    void includeChecksLeavesOtherTypesFilesAlone(@TempDir Path dir) throws Exception {
        try (Sandbox own = Sandbox.start(TenantSpec.of(TenantSpec.DEFAULT_SEED, 60, 20))) {
            long datastore = own.state().busiestDatastoreId();
            long check = own.state().checkIds(datastore).get(0);
            own.state().updateCheck(check, "{\"description\": \"check before\"}");
            ConfigRepo repo = ConfigRepo.init(dir);
            repo.exportOk(own, "--datastore-id", String.valueOf(datastore));
            repo.commitAll("baseline export");
            String checkFile = repo.fileContaining("check before");
            repo.write("datastores/prod_warehouse/_datastore.yaml", "edited: by hand\n");

            own.state().updateCheck(check, "{\"description\": \"check after\"}");
            own.state().updateConnection(own.state().idByName(Kind.CONNECTION, "prod-pg"), "{\"host\": \"elsewhere.example.com\"}");
            own.state().updateDatastore(datastore, "{\"schema\": \"elsewhere\"}");
            repo.exportOk(own, "--datastore-id", String.valueOf(datastore), "--include", "checks");

            assertEquals(List.of(ConfigRepo.line(" M", "datastores/prod_warehouse/_datastore.yaml"),
                            ConfigRepo.line(" M", checkFile)),
                    repo.status(), "the check changes; the hand edit stays; the connection is not exported; the manifest "
                            + "still owns every type (a narrower --include never disowns the others)");
            for (ResourceType type : ResourceType.values()) {
                assertTrue(repo.files().get(".qualytics-export.yaml").contains("- \"" + type.id() + "\""), type + " still included");
            }
            assertEquals("edited: by hand\n", repo.files().get("datastores/prod_warehouse/_datastore.yaml"));
            assertTrue(repo.files().get("connections/prod_pg.yaml").contains("db.prod.example.com"),
                    "the connection file is left as it was");
        }
    }

    private static List<String> datastoreFiles(ConfigRepo repo) {
        return repo.files().keySet().stream().filter(p -> p.endsWith("/_datastore.yaml")).toList();
    }
}
