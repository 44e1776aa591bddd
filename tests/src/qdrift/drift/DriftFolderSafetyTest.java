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
import qdrift.export.FolderSync;
import qdrift.report.DriftReport;
import qdrift.report.ReportJson;
import qdrift.report.ResourceChange;
import qdrift.testing.Fault;
import qdrift.testing.ScriptRun;
import qdrift.testing.TreeSnapshot;

/**
 * Issue #9: drift never reads or writes through a symbolic link inside the export folder, whether committed or only
 * in the worktree, and a --path HEAD has no export at is a refusal, not "everything added".
 */
class DriftFolderSafetyTest {
    @TempDir
    Path temp;
    DriftRepo fixture;
    List<ResourceChange> expected;
    Path containerFolder;

    @BeforeEach
    void driftWaitingInOneContainer() {
        fixture = DriftRepo.create(temp);
        fixture.state().updateCheck(fixture.activeCheck().path("id").asLong(), "{\"coverage\": 0.5}");
        ScriptRun before = fixture.drift("--check-only", "-o", "json");
        assertEquals(1, before.exitCode(), before.toString());
        expected = report(before).changes();
        assertEquals(1, expected.size(), before.out());
        containerFolder = fixture.repo.resolve(DriftRepo.FOLDER).resolve(expected.get(0).file()).getParent();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static DriftReport report(ScriptRun run) {
        return ReportJson.read(run.out(), "drift's stdout");
    }

    /** Moves the container's check folder outside the repository and leaves a link to it in its place. */
    private Path replaceWithLink() throws IOException {
        Path outside = temp.resolve("outside").resolve(containerFolder.getFileName().toString());
        Files.createDirectories(outside.getParent());
        Files.move(containerFolder, outside);
        Files.createSymbolicLink(containerFolder, outside);
        return outside;
    }

    @Test
    @Fault(group = "file-system")
    void aLinkCommittedInsideTheFolderIsRefusedAndOnceReplacedTheRealChangeIsReported() throws IOException {
        Path outside = replaceWithLink();
        fixture.commitAll("the check folder becomes a link");
        Map<String, String> outsideBefore = TreeSnapshot.of(outside);
        Map<String, String> before = fixture.workTreeBytes();
        String relativeLink = fixture.repo.resolve(DriftRepo.FOLDER).relativize(containerFolder).toString();

        for (String mode : List.of("--no-pull", "--check-only")) {
            ScriptRun run = fixture.drift(mode, "--quiet", "-o", "json");

            assertEquals(6, run.exitCode(), run.toString());
            assertEquals("", run.out(), "a refused run prints no report");
            assertTrue(run.err().contains(relativeLink + " is committed as a symbolic link to " + outside), run.err());
            assertTrue(run.err().contains("git rm"), "the message should say what to do\n" + run);
            assertEquals(1, run.err().strip().lines().count(), "one line\n" + run.err());
            assertEquals(outsideBefore, TreeSnapshot.of(outside), "drift wrote through the link");
            assertEquals(before, fixture.workTreeBytes(), "the refused run changed the worktree");
        }

        Files.delete(containerFolder);
        Files.move(outside, containerFolder);
        fixture.commitAll("the real folder is back");
        ScriptRun fixed = fixture.drift("-o", "json");
        assertEquals(1, fixed.exitCode(), fixed.toString());
        assertEquals(expected, report(fixed).changes(), "the change in the once-linked container must be reported");
    }

    @Test
    @Fault(group = "file-system")
    void aLinkOnlyInTheWorktreeIsRefusedBeforeTheApiIsRead() throws IOException {
        Path outside = replaceWithLink();
        Map<String, String> outsideBefore = TreeSnapshot.of(outside);
        fixture.sandbox.stats().reset();

        ScriptRun run = fixture.drift("--no-pull");

        assertEquals(6, run.exitCode(), run.toString());
        assertTrue(run.err().contains(containerFolder + " is a symbolic link to " + outside), run.err());
        assertTrue(run.err().contains("nothing was changed"), run.err());
        assertEquals(outsideBefore, TreeSnapshot.of(outside), "drift wrote through the link");
        assertEquals(0, fixture.sandbox.stats().total(), "the folder is checked before the slow work");
    }

    @Test
    @Fault(group = "process")
    void whatAKilledDriftRunLeftInTheStagingAreaIsPutRightBeforeTheNextRunCompares() throws IOException {
        Path folder = fixture.repo.resolve(DriftRepo.FOLDER);
        Path area = FolderSync.stagingArea(folder);
        String edited = expected.get(0).file();
        // killed while moving: the journal says the edited check goes into place, and it is still staged
        Files.createDirectories(area.resolve("staging").resolve(edited).getParent());
        Files.writeString(area.resolve("staging").resolve(edited), "half: of an update\n");
        Files.writeString(area.resolve("journal"), "qualytics-drift sync journal 1\nroot " + folder + "\nmove " + edited + "\nend\n");

        ScriptRun run = fixture.drift("--no-pull", "-o", "json");

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(expected, report(run).changes(), "the report must be the same as without the killed run");
        assertEquals(" M " + DriftRepo.FOLDER + "/" + edited + "\n", fixture.gitStatus(), "git add -A would commit more");
        try (var left = Files.list(area)) {
            assertEquals(List.of("lock"), left.map(p -> p.getFileName().toString()).toList(), "staging or journal left");
        }
    }

    @Test
    @Fault(group = "git")
    void aPathHeadHasNoExportAtIsRefusedNotReportedAsEverythingAdded() {
        Map<String, String> before = fixture.workTreeBytes();
        String head = git(fixture.repo, "rev-parse", "HEAD");

        ScriptRun run = fixture.driftAt("qualytics-confg", "--quiet");

        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("", run.out(), "no report: nothing was compared");
        assertTrue(run.err().contains("has no export at 'qualytics-confg'"), run.err());
        assertTrue(run.err().contains("did you mean --path qualytics-config?"), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line\n" + run.err());
        assertEquals(before, fixture.workTreeBytes());
        assertEquals(head, git(fixture.repo, "rev-parse", "HEAD"));
        assertTrue(Files.notExists(fixture.repo.resolve("qualytics-confg")), "the typo folder was created");
    }
}
