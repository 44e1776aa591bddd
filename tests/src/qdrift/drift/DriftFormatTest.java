package qdrift.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static qdrift.testing.GitCli.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.export.ExportManifest;
import qdrift.testing.ScriptRun;

/** A folder committed in export format 1 is named in one line, never compared file by file; export.java upgrades it. */
class DriftFormatTest {
    @TempDir
    Path temp;
    DriftRepo fixture;

    @BeforeEach
    void baseline() {
        fixture = DriftRepo.create(temp);
    }

    private void toFormatOne() throws IOException {
        Path manifest = fixture.repo.resolve(DriftRepo.FOLDER).resolve(ExportManifest.FILE_NAME);
        // what a format-1 export wrote: counts and the tool version, no format_version
        String formatTwo = Files.readString(manifest);
        Files.writeString(manifest, "counts:\n  checks: 60\n" + formatTwo.replaceAll("format_version: 2\n", "") + "tool_version: \"0.9.0\"\n");
        fixture.commitAll("an export of an older version");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void driftSaysInOneLineThatTheFormatChangedAndHowToRebaselineAndExits6() throws IOException {
        toFormatOne();
        fixture.state().updateCheck(fixture.activeCheck().path("id").asLong(), "{\"coverage\": 0.5}");
        Map<String, String> before = fixture.workTreeBytes();
        String head = git(fixture.repo, "rev-parse", "HEAD");

        ScriptRun run = fixture.drift("--no-pull");

        assertEquals(6, run.exitCode(), run.toString());
        assertEquals("", run.out(), "no report of thousands of changes\n" + run);
        String expected = "export format 1 and this version compares format 2: re-baseline once with `./jbang export.java --datastore-id "
                + fixture.datastoreId + " --folder ";
        assertTrue(run.err().contains(expected), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line:\n" + run.err());
        assertEquals(before, fixture.workTreeBytes(), "nothing touched");
        assertEquals(head, git(fixture.repo, "rev-parse", "HEAD"));
        assertEquals(0, fixture.sandbox.stats().total(), "refused before reading the server");
    }

    @Test
    void exportOverAFormatOneFolderUpgradesItAndDriftIsCleanAfterTheCommit() throws IOException {
        toFormatOne();
        Path folder = fixture.repo.resolve(DriftRepo.FOLDER);
        ScriptRun export = ScriptRun.of("ExportCommand", "--url", fixture.sandbox.url(), "--token", fixture.sandbox.token(),
                "--datastore-id", String.valueOf(fixture.datastoreId), "--folder", folder.toString());
        assertEquals(0, export.exitCode(), export.toString());
        assertTrue(export.err().contains("from export format 1 to 2"), export.err());
        String manifest = Files.readString(folder.resolve(ExportManifest.FILE_NAME));
        assertTrue(manifest.contains("format_version: 2\n") && !manifest.contains("counts") && !manifest.contains("tool_version"), manifest);
        fixture.commitAll("upgrade to export format 2");

        ScriptRun drift = fixture.drift("--no-pull");
        assertEquals(0, drift.exitCode(), drift.toString());
    }

    @Test
    void aCommittedFileWithoutItsExplicitBlanksIsNoDrift() throws IOException {
        Path folder = fixture.repo.resolve(DriftRepo.FOLDER);
        Path check;
        try (var files = Files.walk(folder.resolve("datastores"))) {
            check = files.filter(Files::isRegularFile).filter(f -> f.toString().contains("/checks/")).filter(f -> {
                try {
                    return Files.readString(f).contains("filter: null\n");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).findFirst().orElseThrow();
        }
        // absent, null (~) and empty are one value: a hand edit between them changes nothing that matters
        Files.writeString(check, Files.readString(check).replace("filter: null\n", "").replace("tags: []\n", "tags: ~\n"));
        fixture.commitAll("hand edit: blanks left out");

        ScriptRun drift = fixture.drift("--no-pull", "--check-only");
        assertEquals(0, drift.exitCode(), drift.toString());
    }

    @Test
    void checksSharingAStoredUidAreAWarningOfTheReport() {
        var ids = fixture.state().checkIds(fixture.datastoreId);
        for (long id : List.of(ids.get(1), ids.get(4))) {
            fixture.state().updateCheck(id, "{\"additional_metadata\": {\"_qualytics_check_uid\": \"twice\"}}");
        }
        ScriptRun drift = fixture.drift("--no-pull", "--check-only", "-o", "json");
        assertEquals(1, drift.exitCode(), drift.toString());
        assertTrue(drift.out().contains("checks [" + ids.get(1) + ", " + ids.get(4) + "] share _qualytics_check_uid 'twice': neither file gets it"),
                drift.out());
    }
}
