package qdrift.export;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.testing.Fault;
import qdrift.testing.GitCli;
import qdrift.testing.ReadOnly;
import qdrift.testing.TreeSnapshot;

class FolderSyncTest {
    private static final Predicate<String> YAML_IS_OURS = path -> path.endsWith(".yaml");
    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

    @TempDir
    Path temp;

    private Path output() {
        return temp.resolve("qualytics-config");
    }

    private static SortedMap<String, byte[]> files(String... pathsAndContents) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1].getBytes(UTF_8));
        }
        return files;
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, LONG_AGO);
    }

    @Test
    void createsTheMissingOutputFolderWithEveryFile() throws IOException {
        FolderSync.SyncResult result = new FolderSync().sync(output(),
                files("connections/pg.yaml", "name: pg\n", "datastores/wh/datastore.yaml", "id: 42\n"), YAML_IS_OURS);

        assertEquals(new FolderSync.SyncResult(2, 0, 0), result);
        assertEquals("name: pg\n", Files.readString(output().resolve("connections/pg.yaml")));
        assertEquals("id: 42\n", Files.readString(output().resolve("datastores/wh/datastore.yaml")));
        assertEquals(List.of("qualytics-config"), list(temp), "a staging folder was left next to the new output");
    }

    @Test
    void newFilesInNewAndExistingFoldersAllLandBesideTheFilesThatStay() throws IOException {
        write(output().resolve("datastores/wh/_datastore.yaml"), "name: wh\n");
        write(output().resolve("datastores/wh/checks/orders/keep.yaml"), "rule: keep\n");

        FolderSync.SyncResult result = new FolderSync().sync(output(), files(
                "datastores/wh/_datastore.yaml", "name: wh\n",
                "datastores/wh/checks/orders/keep.yaml", "rule: keep\n",
                "datastores/wh/checks/orders/new.yaml", "rule: new\n",
                "datastores/wh/checks/lines/a.yaml", "rule: a\n",
                "datastores/wh/containers/lines/computed_fields/b.yaml", "name: b\n",
                "datastores/lake/_datastore.yaml", "name: lake\n"), YAML_IS_OURS);

        assertEquals(new FolderSync.SyncResult(4, 2, 0), result);
        assertEquals("rule: new\n", Files.readString(output().resolve("datastores/wh/checks/orders/new.yaml")));
        assertEquals("rule: a\n", Files.readString(output().resolve("datastores/wh/checks/lines/a.yaml")));
        assertEquals("name: b\n", Files.readString(output().resolve("datastores/wh/containers/lines/computed_fields/b.yaml")));
        assertEquals("name: lake\n", Files.readString(output().resolve("datastores/lake/_datastore.yaml")));
        assertEquals(LONG_AGO, Files.getLastModifiedTime(output().resolve("datastores/wh/checks/orders/keep.yaml")),
                "a file that stays was rewritten");
        try (Stream<Path> siblings = Files.list(temp)) {
            assertEquals(List.of(output()), siblings.toList(), "a staging folder was left next to the output");
        }
    }

    @Test
    void aChangeThatKeepsTheFileSizeIsStillWritten() throws IOException {
        write(output().resolve("checks/c1.yaml"), "rule: aaaa\n");

        FolderSync.SyncResult result = new FolderSync().sync(output(), files("checks/c1.yaml", "rule: bbbb\n"), YAML_IS_OURS);

        assertEquals(new FolderSync.SyncResult(1, 0, 0), result);
        assertEquals("rule: bbbb\n", Files.readString(output().resolve("checks/c1.yaml")));
    }

    @Test
    void unchangedFilesAreNotRewrittenSoTheirMtimeStays() throws IOException {
        write(output().resolve("connections/pg.yaml"), "name: pg\n");
        write(output().resolve("checks/c1.yaml"), "rule: notNull\n");

        FolderSync.SyncResult result = new FolderSync().sync(output(),
                files("connections/pg.yaml", "name: pg\n", "checks/c1.yaml", "rule: between\n"), YAML_IS_OURS);

        assertEquals(new FolderSync.SyncResult(1, 1, 0), result);
        assertEquals(LONG_AGO, Files.getLastModifiedTime(output().resolve("connections/pg.yaml")),
                "an unchanged file was rewritten");
        assertEquals("rule: between\n", Files.readString(output().resolve("checks/c1.yaml")));
    }

    @Test
    void deletingAResourceRemovesExactlyItsFileAndTheFoldersItEmptied() throws IOException {
        write(output().resolve("datastores/wh/containers/orders/checks/c1.yaml"), "rule: a\n");
        write(output().resolve("datastores/wh/containers/orders/container.yaml"), "name: orders\n");
        write(output().resolve("datastores/wh/containers/old/checks/c2.yaml"), "rule: b\n");
        write(output().resolve("datastores/wh/containers/old/container.yaml"), "name: old\n");

        FolderSync.SyncResult result = new FolderSync().sync(output(), files(
                "datastores/wh/containers/orders/checks/c1.yaml", "rule: a\n",
                "datastores/wh/containers/orders/container.yaml", "name: orders\n"), YAML_IS_OURS);

        assertEquals(new FolderSync.SyncResult(0, 2, 2), result);
        assertFalse(Files.exists(output().resolve("datastores/wh/containers/old")),
                "the folder of the deleted container should be gone");
        assertTrue(Files.exists(output().resolve("datastores/wh/containers/orders/checks/c1.yaml")));
    }

    @Test
    @Fault(group = "file-system")
    void filesTheExportDoesNotOwnStayWithTheirFolders() throws IOException {
        write(output().resolve("README.md"), "# our config\n");
        write(output().resolve(".driftignore"), "checks/*\n");
        write(output().resolve("checks/notes.txt"), "keep me\n");
        write(output().resolve("checks/c9.yaml"), "rule: gone\n");

        FolderSync.SyncResult result = new FolderSync().sync(output(), files(), YAML_IS_OURS);

        assertEquals(new FolderSync.SyncResult(0, 0, 1), result);
        assertEquals("# our config\n", Files.readString(output().resolve("README.md")));
        assertEquals("checks/*\n", Files.readString(output().resolve(".driftignore")));
        assertEquals("keep me\n", Files.readString(output().resolve("checks/notes.txt")));
        assertFalse(Files.exists(output().resolve("checks/c9.yaml")));
    }

    @Test
    void emptyingEverythingKeepsTheOutputFolderItself() throws IOException {
        write(output().resolve("checks/c1.yaml"), "rule: a\n");

        new FolderSync().sync(output(), files(), YAML_IS_OURS);

        assertTrue(Files.isDirectory(output()), "the output folder itself must never be removed");
        assertEquals(List.of(), list(output()));
    }

    @Test
    @Fault(group = "file-system")
    void aWriteFailureWhileStagingLeavesTheOutputExactlyAsItWas() throws IOException {
        write(output().resolve("connections/pg.yaml"), "name: pg\n");
        write(output().resolve("checks/c1.yaml"), "rule: a\n");
        write(output().resolve("checks/c2.yaml"), "rule: b\n");
        Map<String, String> before = TreeSnapshot.of(output());
        AtomicInteger calls = new AtomicInteger(); // staged files are written on several threads
        FolderSync diskFillsUp = new FolderSync((file, bytes) -> {
            if (calls.incrementAndGet() == 2) {
                throw new IOException("No space left on device");
            }
            Files.write(file, bytes);
        });

        Failure failure = assertThrows(Failure.class, () -> diskFillsUp.sync(output(),
                files("checks/c1.yaml", "rule: changed\n", "checks/c3.yaml", "rule: new\n",
                        "connections/pg.yaml", "name: pg2\n"), YAML_IS_OURS));

        assertEquals(ExitCode.IO, failure.exitCode());
        assertTrue(failure.getMessage().contains("No space left on device"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("nothing in " + output() + " was changed"), failure.getMessage());
        assertEquals(before, TreeSnapshot.of(output()), "the output changed although staging failed");
        assertEquals(List.of("qualytics-config"), list(temp), "the staging folder was left behind");
    }

    @Test
    void aFolderThatCannotBeCreatedWhileStagingLeavesTheOutputAsItWas() throws IOException {
        write(output().resolve("checks/c1.yaml"), "rule: a\n");
        Map<String, String> before = TreeSnapshot.of(output());

        // "checks/new" must be both a file and a folder: creating the folder in the staging area fails
        Failure failure = assertThrows(Failure.class, () -> new FolderSync().sync(output(),
                files("checks/c1.yaml", "rule: b\n", "checks/new", "x", "checks/new/c2.yaml", "rule: c\n"),
                YAML_IS_OURS));

        assertEquals(ExitCode.IO, failure.exitCode());
        assertEquals(before, TreeSnapshot.of(output()), "the output changed although staging failed");
        assertEquals(List.of("qualytics-config"), list(temp), "the staging folder was left behind");
    }

    @Test
    void noStagingFolderIsLeftAfterASuccessfulSync() throws IOException {
        new FolderSync().sync(output(), files("a/b/c.yaml", "x: 1\n"), YAML_IS_OURS);

        assertEquals(List.of("qualytics-config"), list(temp));
    }

    @Test
    @Fault(group = "file-system")
    void refusesPathsThatEscapeTheOutputOrAreAbsolute() throws IOException {
        write(output().resolve("checks/c1.yaml"), "rule: a\n");
        Map<String, String> before = TreeSnapshot.of(output());

        for (String bad : List.of("../outside.yaml", "checks/../../outside.yaml", "/etc/passwd", "checks//c.yaml", "")) {
            Failure failure = assertThrows(Failure.class,
                    () -> new FolderSync().sync(output(), files(bad, "x"), YAML_IS_OURS), "accepted '" + bad + "'");
            assertEquals(ExitCode.IO, failure.exitCode());
        }
        assertEquals(before, TreeSnapshot.of(output()));
        assertFalse(Files.exists(temp.resolve("outside.yaml")));
    }

    @Test
    @Fault(group = "file-system")
    void refusesAnOutputThatIsAFile() throws IOException {
        Files.writeString(output(), "not a folder");

        Failure failure = assertThrows(Failure.class,
                () -> new FolderSync().sync(output(), files("a.yaml", "x"), YAML_IS_OURS));

        assertEquals(ExitCode.IO, failure.exitCode());
        assertTrue(failure.getMessage().contains("is a file"), failure.getMessage());
        assertEquals("not a folder", Files.readString(output()));
    }

    @Test
    @Fault(group = "file-system")
    void aFolderStandingWhereAFileMustGoIsRefusedBeforeAnythingChanges() throws IOException {
        write(output().resolve("checks/c1.yaml/keep.txt"), "user's file\n");
        write(output().resolve("checks/c2.yaml"), "rule: old\n");
        Map<String, String> before = TreeSnapshot.of(output());

        Failure failure = assertThrows(Failure.class, () -> new FolderSync().sync(output(),
                files("checks/c1.yaml", "rule: a\n"), YAML_IS_OURS));

        assertEquals(ExitCode.IO, failure.exitCode());
        assertEquals(before, TreeSnapshot.of(output()), "c2.yaml was deleted although the sync was refused");
    }

    @Test
    void neverEntersAGitFolderInsideTheOutput() throws IOException {
        write(output().resolve(".git/config.yaml"), "[core]\n");

        new FolderSync().sync(output(), files(), path -> true);

        assertEquals("[core]\n", Files.readString(output().resolve(".git/config.yaml")));
    }

    @Test
    void writesExactBytes() throws IOException {
        byte[] bytes = {0, (byte) 0xff, '\r', '\n'};
        SortedMap<String, byte[]> files = new TreeMap<>(Map.of("bin.yaml", bytes));

        new FolderSync().sync(output(), files, YAML_IS_OURS);

        assertArrayEquals(bytes, Files.readAllBytes(output().resolve("bin.yaml")));
    }

    @Test
    @Fault(group = "file-system")
    void aSymbolicLinkInsideTheFolderIsRefusedAndNothingIsWrittenThroughIt() throws IOException {
        Path elsewhere = temp.resolve("elsewhere");
        write(elsewhere.resolve("c1.yaml"), "rule: theirs\n");
        write(output().resolve("checks/keep.yaml"), "rule: keep\n");
        Map<String, String> outside = TreeSnapshot.of(elsewhere);
        Map<String, String> before = TreeSnapshot.of(output());
        Files.createSymbolicLink(output().resolve("checks/orders"), elsewhere);

        Failure failure = assertThrows(Failure.class, () -> new FolderSync().sync(output(),
                files("checks/orders/c1.yaml", "rule: ours\n", "checks/orders/c2.yaml", "rule: new\n"), YAML_IS_OURS));

        assertEquals(ExitCode.IO, failure.exitCode());
        assertTrue(failure.getMessage().startsWith(output() + "/checks/orders is a symbolic link to " + elsewhere),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("replace it with a real folder"), failure.getMessage());
        assertEquals(outside, TreeSnapshot.of(elsewhere), "the sync wrote through the link");
        assertEquals(elsewhere, Files.readSymbolicLink(output().resolve("checks/orders")));
        Files.delete(output().resolve("checks/orders"));
        assertEquals(before, TreeSnapshot.of(output()), "the folder changed although the sync was refused");
        assertEquals(List.of("elsewhere", "qualytics-config"), list(temp), "staging was left behind");
    }

    @Test
    @Fault(group = "file-system")
    void anUnwritableSubfolderIsFoundBeforeTheFirstChange() throws IOException {
        write(output().resolve("checks/a/c1.yaml"), "rule: a\n");
        write(output().resolve("checks/b/c2.yaml"), "rule: b\n");
        write(output().resolve("checks/b/gone.yaml"), "rule: gone\n");
        Map<String, String> before = TreeSnapshot.of(output());
        try (ReadOnly locked = ReadOnly.make(output().resolve("checks/b"))) {
            Failure failure = assertThrows(Failure.class, () -> new FolderSync().sync(output(),
                    files("checks/a/c1.yaml", "rule: a2\n", "checks/b/c2.yaml", "rule: b2\n"), YAML_IS_OURS));

            assertEquals(ExitCode.IO, failure.exitCode());
            assertTrue(failure.getMessage().contains("checks/b/ in it cannot be written"), failure.getMessage());
            assertTrue(failure.getMessage().contains("nothing in " + output() + " was changed"), failure.getMessage());
            assertEquals(before, TreeSnapshot.of(output()), "files changed before the unwritable folder was found");
        }
        assertEquals(List.of("qualytics-config"), list(temp), "staging was left behind");
    }

    @Test
    @Fault(group = "file-system")
    void inARepositoryStagingLivesInTheGitDirectoryWhereGitAddNeverSeesIt() throws IOException {
        Path repo = GitCli.init(temp.resolve("repo"));
        Path output = repo.resolve("qualytics-config");
        write(output.resolve("checks/c1.yaml"), "rule: a\n");
        GitCli.commitAll(repo, "baseline");
        List<String> seenWhileStaging = new ArrayList<>();
        List<Path> stagedAt = new ArrayList<>();
        FolderSync watched = new FolderSync((file, bytes) -> {
            Files.write(file, bytes);
            synchronized (seenWhileStaging) {
                if (stagedAt.isEmpty()) {
                    stagedAt.add(file);
                    GitCli.git(repo, "add", "-A");
                    seenWhileStaging.add(GitCli.git(repo, "status", "--porcelain", "-uall"));
                }
            }
        });

        watched.sync(output, files("checks/c1.yaml", "rule: b\n", "checks/c2.yaml", "rule: c\n"), YAML_IS_OURS);

        assertTrue(stagedAt.get(0).startsWith(repo.resolve(".git/qualytics-drift/sync")), "staged at " + stagedAt);
        assertEquals("", seenWhileStaging.get(0), "git add -A saw the staging area");
        GitCli.git(repo, "add", "-A");
        assertEquals(List.of("A  qualytics-config/checks/c2.yaml", "M  qualytics-config/checks/c1.yaml"),
                GitCli.git(repo, "status", "--porcelain", "-uall").lines().sorted().toList());
        assertEquals(List.of("lock"), list(stagedAt.get(0).getParent().getParent().getParent()),
                "only the lock file stays in the git directory");
    }

    @Test
    @Fault(group = "process")
    void aStagingFolderAKilledRunLeftIsRemovedByTheNextRunWhichChangesNothingElse() throws IOException {
        write(output().resolve("checks/c1.yaml"), "rule: a\n");
        Path area = SyncArea.sibling(output().toAbsolutePath());
        write(area.resolve("staging/checks/c1.yaml"), "rule: half-written");
        write(temp.resolve(".qualytics-config.staging-0f8e2a4c/checks/c1.yaml"), "rule: from an older version\n");
        Map<String, String> before = TreeSnapshot.of(output());

        FolderSync.recover(output());

        assertEquals(before, TreeSnapshot.of(output()), "an update that never committed must not reach the folder");
        assertEquals(List.of("qualytics-config"), list(temp), "the killed run's staging is still there");
    }

    @Test
    @Fault(group = "process")
    void aJournalAKilledRunLeftIsRolledForwardBeforeAnythingElse() throws IOException {
        write(output().resolve("checks/a.yaml"), "rule: old\n");
        write(output().resolve("checks/keep.txt"), "not ours\n");
        write(output().resolve("old/gone.yaml"), "rule: gone\n");
        Path root = output().toAbsolutePath().normalize();
        Path area = SyncArea.sibling(root);
        // killed half-way: gone.yaml already deleted and c.yaml moved, a.yaml still staged
        write(area.resolve("staging/checks/a.yaml"), "rule: new\n");
        write(output().resolve("checks/c.yaml"), "rule: c\n");
        Files.delete(output().resolve("old/gone.yaml"));
        new SyncJournal(root, List.of("checks/a.yaml", "checks/c.yaml"), List.of("old/gone.yaml"))
                .write(area.resolve(SyncArea.JOURNAL));

        FolderSync.SyncResult result = new FolderSync().sync(output(), files("checks/a.yaml", "rule: new\n",
                "checks/c.yaml", "rule: c\n"), YAML_IS_OURS);

        assertEquals(new FolderSync.SyncResult(0, 2, 0), result, "the roll-forward should have completed the update first");
        assertEquals(Map.of("checks/a.yaml", "rule: new\n", "checks/c.yaml", "rule: c\n", "checks/keep.txt", "not ours\n"),
                texts(output()));
        assertEquals(List.of("qualytics-config"), list(temp), "journal or staging left behind");
    }

    @Test
    void aJournalCutShortIsAnUpdateThatNeverStartedAndIsRolledBack() throws IOException {
        write(output().resolve("checks/a.yaml"), "rule: old\n");
        Path area = SyncArea.sibling(output().toAbsolutePath().normalize());
        write(area.resolve("staging/checks/a.yaml"), "rule: new\n");
        write(area.resolve(SyncArea.JOURNAL), "qualytics-drift sync journal 1\nroot " + output().toAbsolutePath() + "\nmove checks/a.yaml\n");

        FolderSync.recover(output());

        assertEquals(Map.of("checks/a.yaml", "rule: old\n"), texts(output()));
        assertEquals(List.of("qualytics-config"), list(temp));
    }

    private static Map<String, String> texts(Path folder) throws IOException {
        Map<String, String> texts = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                texts.put(folder.relativize(p).toString(), Files.readString(p));
            }
        }
        return texts;
    }

    private static List<String> list(Path folder) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
