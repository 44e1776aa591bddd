package qdrift.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.report.Attribution;
import qdrift.report.ChangeKind;
import qdrift.report.DriftReport;
import qdrift.report.Finding;
import qdrift.report.ReportJson;
import qdrift.report.ResourceChange;
import qdrift.sandbox.Kind;
import qdrift.testing.ScriptRun;

/** Issue #11: who changed it and when, from the live data, in every report format; never in an exported file. */
class DriftAttributionTest {
    static final String EDITOR = "Dana Reviewer";

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

    ObjectNode inferredCheck() {
        return fixture.state().checkIds(fixture.datastoreId).stream().map(id -> fixture.state().get(Kind.CHECK, id))
                .filter(c -> c.path("inferred").asBoolean()).findFirst()
                .orElseThrow(() -> new AssertionError("the tenant has no inferred check"));
    }

    static ResourceChange changeOf(DriftReport report, String type, ChangeKind kind) {
        return report.changes().stream().filter(c -> c.type().equals(type) && c.kind() == kind).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind.id() + " " + type + " in " + report.changes()));
    }

    @Test
    void modifiedResourcesCarryTheLiveEditorAndTimeInEveryFormatButNoExportedFileDoes() throws IOException {
        fixture.sandbox.configure(o -> o.withCheckEditors(true)); // a server that also names a check's editor
        fixture.state().editAs(8, EDITOR);
        Instant before = Instant.now().minusSeconds(1);
        long check = fixture.activeCheck().path("id").asLong();
        fixture.state().updateCheck(check, "{\"coverage\": 0.5}");
        long container = fixture.state().get(Kind.CHECK, check).path("container_id").asLong();
        fixture.state().updateContainer(container, "{\"description\": \"changed in the UI\"}");
        long removed = fixture.activeCheck().path("id").asLong();
        fixture.state().deleteCheck(removed);
        long profiled = inferredCheck().path("id").asLong();
        fixture.state().updateCheck(profiled, "{\"description\": \"re-profiled\", \"last_editor\": null}");

        Path json = temp.resolve("drift.json");
        Path markdown = temp.resolve("drift.md");
        ScriptRun run = fixture.drift("-o", "text", "-o", "json=" + json, "-o", "markdown=" + markdown);

        assertEquals(1, run.exitCode(), run.toString());
        DriftReport report = ReportJson.read(Files.readString(json), "drift.json");
        ResourceChange modifiedCheck = report.changes().stream()
                .filter(c -> c.type().equals("checks") && c.kind() == ChangeKind.MODIFIED && c.attribution() == null)
                .findFirst().orElseThrow(() -> new AssertionError(report.changes().toString()));
        assertEquals(EDITOR, modifiedCheck.changedBy(), "the check's last_editor, as a newer server sends it");
        Instant changedAt = Instant.parse(modifiedCheck.changedAt());
        assertTrue(!changedAt.isBefore(before) && changedAt.isBefore(Instant.now().plusSeconds(1)),
                "changed_at is the live last_updated of the edit: " + changedAt);
        ResourceChange modifiedContainer = changeOf(report, "containers", ChangeKind.MODIFIED);
        assertEquals(EDITOR, modifiedContainer.changedBy(), "the container's last_editor");
        ResourceChange removedCheck = changeOf(report, "checks", ChangeKind.REMOVED);
        assertNull(removedCheck.changedBy());
        assertEquals(Attribution.REMOVED, removedCheck.attribution());
        ResourceChange profiledCheck = report.changes().stream()
                .filter(c -> Attribution.PROFILING.equals(c.attribution())).findFirst()
                .orElseThrow(() -> new AssertionError("the re-profiled inferred check is not labelled: " + report.changes()));
        assertNull(profiledCheck.changedBy());
        assertNotNull(profiledCheck.changedAt());

        Finding checkFinding = report.findings().stream().filter(f -> f.files().contains(modifiedCheck.file())).findFirst()
                .orElseThrow(() -> new AssertionError(report.findings().toString()));
        assertEquals(EDITOR, checkFinding.changedBy(), "a finding carries its changes' editor");
        assertEquals(modifiedCheck.changedAt(), checkFinding.changedAt());

        String rawJson = Files.readString(json);
        assertTrue(rawJson.contains("\"changed_by\" : \"" + EDITOR + "\""), rawJson);
        assertTrue(run.out().contains("changed by " + EDITOR + " at " + modifiedCheck.changedAt()), run.out());
        assertTrue(run.out().contains(Attribution.PROFILING), run.out());
        String md = Files.readString(markdown);
        assertTrue(md.contains(EDITOR + ", " + modifiedCheck.changedAt()), md);
        assertTrue(md.contains(Attribution.REMOVED), md);

        try (Stream<Path> files = Files.walk(fixture.repo.resolve(DriftRepo.FOLDER))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = Files.readString(file);
                for (String leak : List.of(EDITOR, "last_editor", "last_updated", "changed_by", modifiedCheck.changedAt())) {
                    assertFalse(content.contains(leak), file + " holds " + leak);
                }
            }
        }
    }

    @Test
    void aServerThatAlsoSendsLastEditorOnChecksShowsNoDrift() {
        fixture.state().editAs(8, EDITOR);
        ObjectNode check = fixture.activeCheck();
        fixture.state().updateCheck(check.path("id").asLong(), "{\"coverage\": " + check.path("coverage").asDouble() + "}");
        fixture.sandbox.configure(o -> o.withCheckEditors(true));

        ScriptRun run = fixture.drift("-o", "json");

        assertEquals(0, run.exitCode(), "last_editor on a check is server state, not configuration\n" + run);
        assertEquals("", fixture.gitStatus());
    }

    @Test
    void withALedgerThreeRunsReportWhenEachFindingWasFirstSeen() throws IOException {
        Path ledger = temp.resolve("ledger.jsonl");

        ScriptRun clean = fixture.drift("--ledger", ledger.toString(), "-o", "json");
        assertEquals(0, clean.exitCode(), clean.toString());

        fixture.state().updateCheck(fixture.activeCheck().path("id").asLong(), "{\"coverage\": 0.5}");
        ScriptRun drift = fixture.drift("--ledger", ledger.toString(), "-o", "json");
        assertEquals(1, drift.exitCode(), drift.toString());
        Finding first = ReportJson.read(drift.out(), "second run").findings().get(0);
        assertNotNull(first.firstSeen(), "the finding is first seen in this run");

        ScriptRun again = fixture.drift("--ledger", ledger.toString(), "-o", "json");
        assertEquals(1, again.exitCode(), again.toString());
        Finding same = ReportJson.read(again.out(), "third run").findings().get(0);
        assertEquals(first.fingerprint(), same.fingerprint());
        assertEquals(first.firstSeen(), same.firstSeen(), "the same drift keeps the time it was first seen");

        List<String> lines = Files.readAllLines(ledger);
        assertEquals(3, lines.size(), "one line per run");
        assertTrue(lines.get(0).contains("\"status\":\"clean\"") && lines.get(0).contains("\"fingerprints\":[]"), lines.get(0));
        assertTrue(lines.get(1).contains("\"time\":\"" + first.firstSeen() + "\""), "first seen = the second run's time");
        assertTrue(lines.get(2).contains(first.fingerprint()), lines.get(2));
        assertTrue(lines.get(2).contains("\"commit\":\""), lines.get(2));

        ScriptRun text = fixture.drift("--ledger", ledger.toString());
        assertTrue(text.out().contains("(first seen " + first.firstSeen() + ")"), text.out());
        assertTrue(Duration.between(Instant.parse(first.firstSeen()), Instant.now()).toMinutes() < 5);

        ScriptRun summary = fixture.drift("--ledger", ledger.toString(), "--summary", "--since", "1d");
        // --summary needs no --datastore-id: DriftRepo adds one, which is refused
        assertEquals(2, summary.exitCode(), summary.toString());
        ScriptRun audit = ScriptRun.of("DriftCommand", "--ledger", ledger.toString(), "--summary", "--since", "1d");
        assertEquals(0, audit.exitCode(), audit.toString());
        assertTrue(audit.out().contains("runs: 4 (clean 1, drift 3, partial 0)"), audit.out());
        assertTrue(audit.out().contains("drift episodes: 1 (0 resolved, 1 ongoing)"), audit.out());
    }
}
