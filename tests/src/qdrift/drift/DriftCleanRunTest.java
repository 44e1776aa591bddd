package qdrift.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.testing.ScriptRun;

/**
 * The cron case (issue 18): a run over an unchanged server compares the rendered bytes with HEAD's blob ids in memory
 * and, when git status found the folder as HEAD has it, touches nothing in the work tree. A folder that differs from
 * HEAD (a hand edit, an untracked file) still gets the full update, so the fast path never hides what is on disk.
 */
class DriftCleanRunTest {
    private static final String FAST = "nothing written, staged or compared on disk";

    @TempDir
    Path temp;
    DriftRepo fixture;

    @BeforeEach
    void create() {
        fixture = DriftRepo.create(temp);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aCleanRunTouchesNoFileOfTheFolder() throws IOException {
        Map<String, FileTime> before = mtimes();
        ageEveryFile();
        Map<String, FileTime> aged = mtimes();
        ScriptRun run = fixture.drift("--verbose");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains(FAST), run.err());
        assertEquals(aged, mtimes(), "no file rewritten");
        assertEquals(before.keySet(), aged.keySet());
        assertEquals("", fixture.gitStatus());
    }

    @Test
    void aHandEditInTheFolderIsReplacedByTheLiveStateAndTheRunIsClean() throws IOException {
        Path file = aCheckFile();
        byte[] committed = Files.readAllBytes(file);
        Files.writeString(file, "edited: by hand\n");
        ScriptRun run = fixture.drift("--verbose");
        assertEquals(0, run.exitCode(), run::toString);
        assertFalse(run.err().contains(FAST), "a dirty folder takes the full update: " + run.err());
        assertTrue(java.util.Arrays.equals(committed, Files.readAllBytes(file)), "the live state (HEAD's bytes) is back");
        assertEquals("", fixture.gitStatus());
    }

    @Test
    void anUntrackedResourceFileInTheFolderIsRemoved() throws IOException {
        Path file = aCheckFile();
        Path extra = file.resolveSibling("not_on_the_server.yaml");
        Files.copy(file, extra);
        ScriptRun run = fixture.drift("--verbose");
        assertEquals(0, run.exitCode(), run::toString);
        assertFalse(run.err().contains(FAST), run.err());
        assertFalse(Files.exists(extra), "the export owns that path and the server has no such check");
        assertEquals("", fixture.gitStatus());
    }

    @Test
    void oneServerChangeRewritesOnlyItsFile() throws IOException {
        ageEveryFile();
        Map<String, FileTime> aged = mtimes();
        fixture.state().updateCheck(fixture.activeCheck().path("id").asLong(), "{\"coverage\": 0.5}");
        ScriptRun run = fixture.drift("--verbose");
        assertEquals(1, run.exitCode(), run::toString);
        Map<String, FileTime> after = mtimes();
        List<String> rewritten = aged.keySet().stream().filter(f -> !aged.get(f).equals(after.get(f))).toList();
        assertEquals(fixture.changedFilesInFolder(), rewritten, "only the drifted file is written");
        assertEquals(1, rewritten.size(), rewritten::toString);
    }

    @Test
    void aCleanCheckOnlyRunComparesInMemoryWithoutACopyOfTheFolder() throws IOException {
        ageEveryFile();
        Map<String, FileTime> aged = mtimes();
        ScriptRun run = fixture.drift("--check-only", "--verbose");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains(FAST + " (no copy of HEAD's folder for --check-only)"), run.err());
        assertFalse(run.err().contains("sync the folder"), "nothing synced anywhere: " + run.err());
        assertEquals(aged, mtimes());
        assertEquals("", fixture.gitStatus());
    }

    @Test
    void aCheckOnlyRunThatFindsDriftStillReportsItAndLeavesTheWorkTreeAlone() throws IOException {
        ageEveryFile();
        Map<String, FileTime> aged = mtimes();
        fixture.state().updateCheck(fixture.activeCheck().path("id").asLong(), "{\"coverage\": 0.5}");
        ScriptRun run = fixture.drift("--check-only", "--verbose", "-o", "json");
        assertEquals(1, run.exitCode(), run::toString);
        assertFalse(run.err().contains(FAST), run.err());
        assertTrue(run.out().contains("\"coverage\""), run.out());
        assertEquals(aged, mtimes(), "--check-only writes nothing in the work tree");
        assertEquals("", fixture.gitStatus());
    }

    @Test
    void aCheckOnlyRunOverADirtyFolderComparesHeadNotTheEdit() throws IOException {
        Path file = aCheckFile();
        Files.writeString(file, "edited: by hand\n");
        ScriptRun run = fixture.drift("--check-only", "--verbose");
        assertEquals(0, run.exitCode(), "HEAD equals the server, the hand edit is not drift: " + run);
        assertFalse(run.err().contains(FAST), run.err());
        assertEquals("edited: by hand\n", Files.readString(file), "the hand edit is left alone");
    }

    private Path folder() {
        return fixture.repo.resolve(DriftRepo.FOLDER);
    }

    private Path aCheckFile() throws IOException {
        try (Stream<Path> files = Files.walk(folder())) {
            return files.filter(p -> p.toString().contains("/checks/") && p.toString().endsWith(".yaml")).sorted()
                    .findFirst().orElseThrow();
        }
    }

    /** Sets every file's mtime an hour back, so that a rewrite shows whatever the file system's clock resolution. */
    private void ageEveryFile() throws IOException {
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        try (Stream<Path> files = Files.walk(folder())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, old);
            }
        }
    }

    private Map<String, FileTime> mtimes() throws IOException {
        Map<String, FileTime> times = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                times.put(folder().relativize(file).toString(), Files.getLastModifiedTime(file));
            }
        }
        return times;
    }
}
