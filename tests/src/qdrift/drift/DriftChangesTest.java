package qdrift.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.export.ExportManifest;
import qdrift.report.ChangeKind;
import qdrift.report.DriftReport;
import qdrift.report.FieldChange;
import qdrift.report.ReportJson;
import qdrift.report.ResourceChange;
import qdrift.sandbox.Kind;
import qdrift.sandbox.TenantState;
import qdrift.testing.ScriptRun;

/** Issue #4: a drift run reports exactly what changed in the UI since the committed export, as git sees it. */
class DriftChangesTest {
    @TempDir
    Path temp;
    DriftRepo fixture;

    @BeforeEach
    void committedBaseline() {
        fixture = DriftRepo.create(temp);
    }

    @AfterEach
    void stopSandbox() {
        fixture.close();
    }

    static DriftReport report(ScriptRun run) {
        return ReportJson.read(run.out(), "drift.java stdout");
    }

    /** "checks modified [coverage, status]": what a reader of the report learns about one change. */
    static String describe(ResourceChange change) {
        String fields = change.kind() == ChangeKind.MODIFIED
                ? " " + change.fields().stream().map(FieldChange::path).toList() : "";
        return change.type() + " " + change.kind().id() + fields;
    }

    static List<String> describeAll(List<ResourceChange> changes) {
        return changes.stream().map(DriftChangesTest::describe).sorted().toList();
    }

    @Test
    void nothingChangedInTheUiMeansExitZeroNoDriftAndACleanWorktree() {
        ScriptRun run = fixture.drift();

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("No drift."), "stdout should say No drift.\n" + run);
        assertEquals("", fixture.gitStatus(), "a clean run must leave the worktree clean");
    }

    @Test
    void everyKindOfChangeIsReportedWithItsTypeKindAndFieldsAndMatchesGitStatus() {
        TenantState state = fixture.state();
        long modifiedCheck = fixture.activeCheck().path("id").asLong();
        state.updateCheck(modifiedCheck, "{\"coverage\": 0.5, \"status\": \"Draft\"}");
        long removedCheck = fixture.activeCheck().path("id").asLong();
        long container = state.get(Kind.CHECK, removedCheck).path("container_id").asLong();
        state.deleteCheck(removedCheck);
        state.createCheck("{\"rule_type\": \"notNull\", \"container_id\": " + container
                + ", \"fields\": [\"drift_test_field\"], \"description\": \"added in the UI\", \"status\": \"Active\"}");
        state.delete(Kind.COMPUTED_FIELD, fixture.computedField().path("id").asLong());
        state.updateConnection(fixture.connectionId(), "{\"port\": 6543}");
        state.updateDatastore(fixture.datastoreId, "{\"enrichment_source_record_limit\": 99}");
        state.updateContainer(container, "{\"description\": \"changed in the UI\"}");

        ScriptRun run = fixture.drift("-o", "json");

        assertEquals(1, run.exitCode(), run.toString());
        DriftReport report = report(run);
        assertEquals(List.of(
                        "checks added",
                        "checks modified [coverage, status]",
                        "checks removed",
                        "computed_fields removed",
                        "connections modified [port]",
                        "containers modified [description]",
                        "datastores modified [enrichment_source_record_limit]"),
                describeAll(report.changes()), "the report should name each change made in the UI");
        Map<String, String> reported = new TreeMap<>();
        report.changes().forEach(c -> reported.put(c.file(), switch (c.kind()) {
            case ADDED -> "??";
            case REMOVED -> " D";
            case MODIFIED -> " M";
            case RENAMED -> " R";
        }));
        Map<String, String> gitStatus = fixture.gitStatus().lines().collect(Collectors.toMap(
                line -> line.substring(3).substring(DriftRepo.FOLDER.length() + 1), line -> line.substring(0, 2),
                (a, b) -> a, TreeMap::new));
        assertFalse(gitStatus.containsKey(ExportManifest.FILE_NAME), "the manifest holds identity only: no change shows in it");
        assertEquals(gitStatus, reported, "the report's files and kinds should be what `git status` shows");
    }

    @Test
    void checkOnlyLeavesTheWorktreeByteIdenticalYetReportsTheSameDrift() {
        fixture.state().updateCheck(fixture.activeCheck().path("id").asLong(), "{\"coverage\": 0.5}");
        fixture.state().delete(Kind.COMPUTED_FIELD, fixture.computedField().path("id").asLong());
        Map<String, String> before = fixture.workTreeBytes();

        ScriptRun checkOnly = fixture.drift("--check-only", "-o", "json");

        assertEquals(1, checkOnly.exitCode(), checkOnly.toString());
        assertEquals("", fixture.gitStatus(), "--check-only must not touch the worktree");
        assertEquals(before, fixture.workTreeBytes(), "--check-only must leave every file byte-identical");
        ScriptRun inPlace = fixture.drift("-o", "json");
        assertEquals(1, inPlace.exitCode(), inPlace.toString());
        assertEquals(report(inPlace).changes(), report(checkOnly).changes(),
                "--check-only should report exactly what a run over the folder reports");
        assertEquals(2, report(checkOnly).changes().size(), checkOnly.out());
    }

    @Test
    void checkOnlyWithIncludeComparesOnlyThoseTypesAndKeepsFilesTheExportDoesNotOwn() throws IOException {
        Files.writeString(fixture.repo.resolve(DriftRepo.FOLDER).resolve("README.md"), "Owned by the data team.\n");
        fixture.commitAll("a note in the export folder");
        fixture.state().updateConnection(fixture.connectionId(), "{\"port\": 6543}");

        ScriptRun checksOnly = fixture.drift("--check-only", "--include", "checks", "-o", "json");

        assertEquals(0, checksOnly.exitCode(), "connections were not asked for, and nothing else changed\n" + checksOnly);
        assertEquals(List.of(), report(checksOnly).changes());
        fixture.state().updateCheck(fixture.activeCheck().path("id").asLong(), "{\"coverage\": 0.5}");
        ScriptRun drifted = fixture.drift("--check-only", "--include", "checks", "-o", "json");
        assertEquals(1, drifted.exitCode(), drifted.toString());
        assertEquals(List.of("checks modified [coverage]"), describeAll(report(drifted).changes()));
        assertEquals("", fixture.gitStatus(), "--check-only must not touch the worktree");
    }

    @Test
    void failOnChecksWithOnlyAConnectionChangeExitsZeroButStillReportsIt() {
        fixture.state().updateConnection(fixture.connectionId(), "{\"port\": 6543}");

        ScriptRun run = fixture.drift("--fail-on", "checks", "-o", "json");

        assertEquals(0, run.exitCode(), "a connection change must not fail a --fail-on checks run\n" + run);
        DriftReport report = report(run);
        assertEquals(DriftReport.DRIFT, report.status(), "the report still says drift");
        assertEquals(List.of("connections modified [port]"), describeAll(report.changes()));
        assertEquals(1, fixture.drift("--fail-on", "checks,connections").exitCode(),
                "listing connections in --fail-on makes the same drift exit 1");
    }

    @Test
    void severalOutputsInOneRunAndSecretsStayPlaceholdersInEveryFormat() throws IOException {
        String secret = "sk-live-DoNotLeak4242";
        long check = fixture.activeCheck().path("id").asLong();
        fixture.state().updateCheck(check, "{\"coverage\": 0.5, \"additional_metadata\": {\"alert_api_token\": \"" + secret + "\"}}");
        Path json = temp.resolve("reports/drift.json");
        Path markdown = temp.resolve("reports/drift.md");

        ScriptRun run = fixture.drift("-o", "json=" + json, "-o", "text", "-o", "markdown=" + markdown);

        assertEquals(1, run.exitCode(), run.toString());
        DriftReport report = ReportJson.read(Files.readString(json), json.toString());
        ResourceChange change = report.changes().get(0);
        assertTrue(run.out().contains(change.file()), "the text report on stdout should name " + change.file() + "\n" + run);
        assertTrue(Files.readString(markdown).contains(change.file()), "the markdown report should name " + change.file());
        FieldChange token = change.fields().stream().filter(f -> f.path().endsWith("alert_api_token")).findFirst()
                .orElseThrow(() -> new AssertionError("the new secret field is not reported: " + change.fields()));
        assertTrue(token.after().asText().startsWith("${"), "a secret is reported as its placeholder, not " + token.after());
        Map<String, String> everywhere = new TreeMap<>(Map.of("stdout", run.out(), "stderr", run.err(),
                "json", Files.readString(json), "markdown", Files.readString(markdown)));
        fixture.workTreeBytes().forEach((file, bytes) -> everywhere.put(file, bytes));
        everywhere.forEach((where, content) -> assertFalse(content.contains(secret), "the secret leaked into " + where));
        String exported = Files.readString(fixture.repo.resolve(DriftRepo.FOLDER).resolve(change.file()));
        assertFalse(exported.contains(secret), "the secret leaked into the exported file");
        assertTrue(exported.contains(token.after().asText()), "the exported file holds the placeholder");
    }

    @Test
    void stdoutCarriesTheReportAndStderrStaysQuiet() {
        ScriptRun clean = fixture.drift();
        assertEquals(0, clean.exitCode(), clean.toString());
        assertFalse(clean.err().contains("No drift."), "stderr must not repeat stdout's No drift.\n" + clean);

        ScriptRun quietClean = fixture.drift("--quiet");
        assertEquals(0, quietClean.exitCode(), quietClean.toString());
        assertEquals("", quietClean.err(), "--quiet prints nothing on stderr");
        fixture.state().updateCheck(fixture.activeCheck().path("id").asLong(), "{\"coverage\": 0.5}");
        ScriptRun quietDrift = fixture.drift("--quiet");
        assertEquals(1, quietDrift.exitCode(), quietDrift.toString());
        assertEquals("", quietDrift.err(), "--quiet prints nothing on stderr, drift or not");
        fixture.sandbox.configure(o -> o.withToken("rotated-token"));
        ScriptRun quietFailure = fixture.drift("--quiet");
        assertEquals(4, quietFailure.exitCode(), quietFailure.toString());
        assertTrue(quietFailure.err().startsWith("error: "), "--quiet still prints errors\n" + quietFailure);
    }
}
