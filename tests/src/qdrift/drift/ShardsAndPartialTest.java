package qdrift.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.export.ExportManifest;
import qdrift.export.Shard;
import qdrift.report.DriftReport;
import qdrift.report.FailedDatastore;
import qdrift.report.Origin;
import qdrift.report.ReportJson;
import qdrift.report.ResourceChange;
import qdrift.sandbox.Kind;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.SandboxOptions;
import qdrift.sandbox.TenantSpec;
import qdrift.testing.GitCli;
import qdrift.testing.ScriptRun;
import qdrift.testing.TreeSnapshot;

/**
 * Issue #12: N shards of a tenant give reports whose union is one unsharded run; a datastore that cannot be read
 * gives a partial report (exit 8) with the others checked, and its committed files stay as they were.
 */
class ShardsAndPartialTest {
    static final String FOLDER = "qualytics-config";

    @TempDir
    Path temp;
    Sandbox sandbox;
    Path repo;

    @BeforeEach
    void tenantWithACommittedExportOfEveryDatastore() throws Exception {
        sandbox = Sandbox.start(TenantSpec.of(TenantSpec.DEFAULT_SEED, 60, 12), SandboxOptions.defaults());
        repo = temp.resolve("config");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            ScriptRun export = export(repo.resolve(FOLDER), "--all-datastores");
            assertEquals(0, export.exitCode(), export::toString);
            commit(git, "baseline");
        }
        assertEquals(6, sandbox.state().ids(Kind.DATASTORE).size(), "the acceptance tenant has 6 datastores");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    ScriptRun export(Path output, String... extra) {
        List<String> args = new ArrayList<>(List.of("--url", sandbox.url(), "--token", sandbox.token(),
                "--folder", output.toString(), "--quiet"));
        args.addAll(Arrays.asList(extra));
        return ScriptRun.of("ExportCommand", args.toArray(String[]::new));
    }

    ScriptRun drift(String... extra) {
        List<String> args = new ArrayList<>(List.of("--url", sandbox.url(), "--token", sandbox.token(),
                "--repo", repo.toString(), "--path", FOLDER, "--no-pull", "--no-color", "--all-datastores", "-o", "json"));
        args.addAll(Arrays.asList(extra));
        return ScriptRun.of("DriftCommand", args.toArray(String[]::new));
    }

    static void commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        PersonIdent test = new PersonIdent("Test", "test@example.com");
        git.commit().setMessage(message).setAuthor(test).setCommitter(test).setSign(false).call();
    }

    /** One change "in the UI" in every datastore that has checks: each shard has something to find. */
    void editACheckInEveryDatastore() {
        for (long datastore : sandbox.state().ids(Kind.DATASTORE)) {
            List<Long> checks = sandbox.state().checkIds(datastore);
            if (!checks.isEmpty()) {
                sandbox.state().updateCheck(checks.get(0), "{\"description\": \"edited in the UI " + datastore + "\"}");
            }
        }
        long connection = sandbox.state().ids(Kind.CONNECTION).get(0);
        sandbox.state().updateConnection(connection, "{\"host\": \"moved.example.com\"}");
    }

    static DriftReport report(ScriptRun run) {
        return ReportJson.read(run.out(), "drift.java stdout");
    }

    static Set<String> describe(DriftReport report) {
        return report.changes().stream().map(ShardsAndPartialTest::describe).collect(Collectors.toSet());
    }

    static String describe(ResourceChange change) {
        return change.kind().id() + " " + change.file() + " " + change.fields();
    }

    static Set<Long> ids(List<Origin.DatastoreRef> refs) {
        return refs.stream().map(Origin.DatastoreRef::id).collect(Collectors.toSet());
    }

    @Test
    void theRuleIsStableAndPutsEveryDatastoreInExactlyOneShard() {
        assertEquals(new Shard(2, 3), Shard.parse("2/3"));
        for (long id = 1; id < 500; id++) {
            int shard = Shard.of(id, 3);
            assertTrue(shard >= 1 && shard <= 3);
            int owners = 0;
            for (int i = 1; i <= 3; i++) {
                owners += new Shard(i, 3).owns(id) ? 1 : 0;
            }
            assertEquals(1, owners, "datastore " + id);
        }
        // the documented rule: 1 + crc32(decimal id) mod N
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("42".getBytes());
        assertEquals((int) (crc.getValue() % 3) + 1, Shard.of(42, 3));
    }

    @Test
    void aBadShardIsAUsageErrorBeforeAnyRequest() {
        sandbox.stats().reset();
        for (String bad : List.of("0/2", "3/2", "2", "a/b", "1/0", "-1/2")) {
            ScriptRun run = drift("--shard", bad, "--check-only");
            assertEquals(2, run.exitCode(), bad + "\n" + run);
            assertTrue(run.err().contains("--shard"), run::toString);
            ScriptRun export = export(temp.resolve("x"), "--all-datastores", "--shard", bad);
            assertEquals(2, export.exitCode(), bad + "\n" + export);
        }
        ScriptRun withIds = export(temp.resolve("x"), "--datastore-id", "10", "--shard", "1/2");
        assertEquals(2, withIds.exitCode(), withIds::toString);
        assertTrue(withIds.err().contains("--all-datastores"), withIds::toString);
        assertEquals(0, sandbox.stats().total(), "no request before the options are checked");
    }

    @Test
    void twoShardsReportTogetherExactlyWhatOneUnshardedRunReports() {
        editACheckInEveryDatastore();
        ScriptRun whole = drift("--check-only");
        ScriptRun first = drift("--check-only", "--shard", "1/2");
        ScriptRun second = drift("--check-only", "--shard", "2/2");
        assertEquals(1, whole.exitCode(), whole::toString);
        DriftReport all = report(whole);
        DriftReport one = report(first);
        DriftReport two = report(second);
        assertEquals("1/2", one.origin().shard());
        assertEquals("2/2", two.origin().shard());
        assertFalse(one.changes().isEmpty() || two.changes().isEmpty(), "each shard has changes to find");

        Set<Long> ones = ids(one.origin().datastores());
        Set<Long> twos = ids(two.origin().datastores());
        assertTrue(ones.stream().noneMatch(twos::contains), "no datastore in both shards");
        Set<Long> union = new HashSet<>(ones);
        union.addAll(twos);
        assertEquals(ids(all.origin().datastores()), union, "every datastore in one shard");

        Set<String> together = new HashSet<>(describe(one));
        together.addAll(describe(two));
        assertEquals(describe(all), together);
        assertEquals(all.changes().size(), one.changes().size() + two.changes().size(), "no change counted twice");
        assertTrue(one.changes().stream().anyMatch(c -> c.type().equals("connections")), "shard 1 checks the connections");
        assertTrue(two.changes().stream().noneMatch(c -> c.type().equals("connections")));
    }

    @Test
    void theTwoShardReportsMakeOneSlackMessageAndOnePagerDutyEvent() throws Exception {
        editACheckInEveryDatastore();
        Path one = temp.resolve("drift-1.json");
        Path two = temp.resolve("drift-2.json");
        assertEquals(1, drift("--check-only", "--shard", "1/2", "-o", "json=" + one).exitCode());
        assertEquals(1, drift("--check-only", "--shard", "2/2", "-o", "json=" + two).exitCode());
        DriftReport whole = report(drift("--check-only"));
        com.github.tomakehurst.wiremock.WireMockServer hooks = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().dynamicPort());
        hooks.start();
        try {
            hooks.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                    com.github.tomakehurst.wiremock.client.WireMock.anyUrl()).willReturn(
                    com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(202).withBody("{\"status\":\"success\"}")));
            qdrift.notify.NotifyRuntime.install(qdrift.notify.NotifyRuntime.forTests(Map.of(
                    "SLACK_WEBHOOK", hooks.baseUrl() + "/slack/T0/B0/X", "PAGERDUTY_ROUTING_KEY", "R0UTINGKEY0000000000000000000000"),
                    java.io.InputStream.nullInputStream(), java.time.Clock.systemUTC()));
            ScriptRun notify = ScriptRun.of("NotifyCommand", "--slack", "--pagerduty", "--pagerduty-url", hooks.baseUrl() + "/pd",
                    "--report", temp + "/drift-*.json");
            assertEquals(0, notify.exitCode(), notify::toString);
            var slack = hooks.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/slack/T0/B0/X")));
            var pd = hooks.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/pd")));
            assertEquals(1, slack.size(), "one Slack message for both shards");
            assertEquals(1, pd.size(), "one PagerDuty event for both shards");
            assertTrue(slack.get(0).getBodyAsString().contains(whole.changes().size() + " changes"), slack.get(0).getBodyAsString());
        } finally {
            qdrift.notify.NotifyRuntime.uninstall();
            hooks.stop();
        }
    }

    @Test
    void shardsExportingOneAfterTheOtherIntoOneFolderGiveTheUnshardedExport() {
        Path sharded = temp.resolve("sharded");
        assertEquals(0, export(sharded, "--all-datastores", "--shard", "2/3").exitCode());
        assertEquals(0, export(sharded, "--all-datastores", "--shard", "1/3").exitCode());
        ScriptRun last = export(sharded, "--all-datastores", "--shard", "3/3");
        assertEquals(0, last.exitCode(), last::toString);
        Map<String, String> expected = resourceFiles(repo.resolve(FOLDER));
        Map<String, String> actual = resourceFiles(sharded);
        assertEquals(expected.keySet(), actual.keySet());
        assertTrue(expected.equals(actual), "the same bytes in every file");
        assertEquals(ExportManifest.read(repo.resolve(FOLDER)).orElseThrow().datastores(),
                ExportManifest.read(sharded).orElseThrow().datastores(), "the manifest names every datastore");
    }

    @Test
    void aShardNeverDeletesAnotherShardsFilesAndShardOneRemovesADeletedDatastore() {
        Path folder = repo.resolve(FOLDER);
        long inTwo = sandbox.state().ids(Kind.DATASTORE).stream().filter(id -> new Shard(2, 2).owns(id))
                .filter(id -> !sandbox.state().checkIds(id).isEmpty()).findFirst().orElseThrow();
        long check = sandbox.state().checkIds(inTwo).get(0);
        Map<String, String> before = TreeSnapshot.of(folder);
        sandbox.state().deleteCheck(check);

        ScriptRun one = export(folder, "--all-datastores", "--shard", "1/2");
        assertEquals(0, one.exitCode(), one::toString);
        assertTrue(before.equals(TreeSnapshot.of(folder)), "shard 1 left shard 2's datastores alone");

        ScriptRun two = export(folder, "--all-datastores", "--shard", "2/2");
        assertEquals(0, two.exitCode(), two::toString);
        assertEquals(1, GitCli.git(repo, "status", "--porcelain", "-uall").lines().count(), "shard 2 removed the check file");
    }

    @Test
    void aForbiddenDatastoreGivesAPartialReportWithTheOthersCheckedAndExit8() {
        long forbidden = sandbox.state().busiestDatastoreId();
        String forbiddenName = sandbox.state().nameOf(Kind.DATASTORE, forbidden);
        editACheckInEveryDatastore();
        Map<String, String> committed = TreeSnapshot.of(repo.resolve(FOLDER));
        sandbox.configure(o -> o.withFailPath("403:^/api/datastores/" + forbidden + "$"));

        ScriptRun run = drift("-o", "text=" + temp.resolve("drift.txt"), "-o", "markdown=" + temp.resolve("drift.md"));
        assertEquals(8, run.exitCode(), run::toString);
        DriftReport report = report(run);
        assertEquals(DriftReport.PARTIAL, report.status());
        assertEquals(List.of(forbidden), report.failedDatastores().stream().map(FailedDatastore::id).toList());
        FailedDatastore failed = report.failedDatastores().get(0);
        assertEquals(forbiddenName, failed.name());
        assertEquals(4, failed.exitCode());
        assertTrue(failed.error().contains("permission denied"), failed::toString);
        assertTrue(ids(report.origin().datastores()).contains(forbidden), "the origin is the whole scope");
        assertFalse(report.changes().isEmpty(), "the other datastores' changes are reported");
        assertTrue(report.changes().stream().noneMatch(c -> forbiddenName.equals(c.datastore())));

        String slug = report.changes().stream().filter(c -> c.datastore() != null).findFirst().orElseThrow().file();
        assertNotEquals(null, slug);
        Map<String, String> after = TreeSnapshot.of(repo.resolve(FOLDER));
        String folderOfForbidden = "datastores/" + qdrift.model.Slug.of(forbiddenName) + "/";
        assertEquals(filesUnder(committed, folderOfForbidden), filesUnder(after, folderOfForbidden),
                "the failed datastore's files are unknown, not removed");
        assertFalse(filesUnder(after, folderOfForbidden).isEmpty());
        assertTrue(ExportManifest.read(repo.resolve(FOLDER)).orElseThrow().datastoreIds().contains(forbidden));

        String text = read(temp.resolve("drift.txt"));
        assertTrue(text.contains("Partial: 5 of 6 datastores checked"), text);
        assertTrue(text.contains(forbiddenName + " (id " + forbidden + "): permission denied"), text);
        String markdown = read(temp.resolve("drift.md"));
        assertTrue(markdown.contains("could not be checked") && markdown.contains(forbiddenName), markdown);
    }

    @Test
    void aPartialExportExits8AndKeepsTheFailedDatastoresFiles() {
        long forbidden = sandbox.state().busiestDatastoreId();
        Path folder = repo.resolve(FOLDER);
        Map<String, String> before = TreeSnapshot.of(folder);
        sandbox.configure(o -> o.withFailPath("403:^/api/datastores/" + forbidden + "$"));
        ScriptRun run = ScriptRun.of("ExportCommand", "--url", sandbox.url(), "--token", sandbox.token(),
                "--folder", folder.toString(), "--all-datastores", "--quiet");
        assertEquals(8, run.exitCode(), run::toString);
        assertTrue(run.err().contains("not exported: datastore " + forbidden), run::toString);
        assertTrue(before.equals(TreeSnapshot.of(folder)), "the folder is unchanged");
    }

    @Test
    void withExplicitDatastoresAPartialRunDeletesNoConnectionOrFolderItCannotVouchFor() throws Exception {
        long forbidden = sandbox.state().busiestDatastoreId();
        long other = sandbox.state().ids(Kind.DATASTORE).stream().filter(id -> id != forbidden).findFirst().orElseThrow();
        Path folder = temp.resolve("two");
        assertEquals(0, export(folder, "--datastore-id", String.valueOf(forbidden), "--datastore-id", String.valueOf(other)).exitCode());
        Map<String, String> before = TreeSnapshot.of(folder);
        sandbox.configure(o -> o.withFailPath("403:^/api/datastores/" + forbidden + "$"));
        ScriptRun run = export(folder, "--datastore-id", String.valueOf(forbidden), "--datastore-id", String.valueOf(other));
        assertEquals(8, run.exitCode(), run::toString);
        assertTrue(before.equals(TreeSnapshot.of(folder)), "the forbidden datastore's files and its connection stay");
    }

    @Test
    void aPartialRunWithNoChangeSaysSoAndStillExits8() {
        long forbidden = sandbox.state().busiestDatastoreId();
        sandbox.configure(o -> o.withFailPath("403:^/api/datastores/" + forbidden + "$"));
        ScriptRun run = drift("--check-only", "-o", "text=" + temp.resolve("drift.txt"));
        assertEquals(8, run.exitCode(), run::toString);
        assertEquals(DriftReport.PARTIAL, report(run).status());
        String text = read(temp.resolve("drift.txt"));
        assertTrue(text.contains("No drift in the datastores checked."), text);
    }

    @Test
    void whenEveryDatastoreFailsTheRunFailsWithThatError() {
        sandbox.configure(o -> o.withFailPath("403:^/api/datastores/\\d+$"));
        ScriptRun run = drift("--check-only");
        assertEquals(4, run.exitCode(), run::toString);
        assertEquals("", run.out());
    }

    @Test
    void aServerErrorOnOneDatastoreIsPartialToo() {
        long failing = sandbox.state().busiestDatastoreId();
        sandbox.configure(o -> o.withFailPath("404:^/api/datastores/" + failing + "$"));
        ScriptRun run = drift("--check-only");
        assertEquals(8, run.exitCode(), run::toString);
        assertEquals(3, report(run).failedDatastores().get(0).exitCode());
    }

    /** Every file's content by path, the manifest left out (its counts are this run's). */
    static Map<String, String> resourceFiles(Path folder) {
        Map<String, String> files = new TreeMap<>();
        try (var walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(file).toString(), Files.readString(file));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        files.remove(ExportManifest.FILE_NAME);
        return files;
    }

    static Map<String, String> filesUnder(Map<String, String> tree, String prefix) {
        Map<String, String> under = new TreeMap<>();
        tree.forEach((path, bytes) -> {
            if (path.replace('\\', '/').startsWith(prefix)) {
                under.put(path, bytes);
            }
        });
        return under;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
