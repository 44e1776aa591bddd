package qdrift.export.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import qdrift.sandbox.Sandbox;
import qdrift.testing.ScriptRun;
import qdrift.testing.Shell;

/**
 * A real git repository in a temporary folder with the export folder inside it, as the daily drift job has it:
 * export.java runs in-process over {@link #folder()}, JGit commits, and the git CLI says what a user would see.
 */
final class ConfigRepo {
    static final String FOLDER = "qualytics-config";

    private final Path root;

    private ConfigRepo(Path root) {
        this.root = root;
    }

    static ConfigRepo init(Path root) {
        try (Git ignored = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
            return new ConfigRepo(root);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot create a git repository in " + root, e);
        }
    }

    Path root() {
        return root;
    }

    Path folder() {
        return root.resolve(FOLDER);
    }

    /** Runs export.java against the sandbox into this repository's folder, with its URL and token as flags. */
    ScriptRun export(Sandbox sandbox, String... args) {
        List<String> all = new ArrayList<>(List.of("--url", sandbox.url(), "--token", sandbox.token(),
                "--folder", folder().toString()));
        all.addAll(List.of(args));
        return ScriptRun.of("ExportCommand", all.toArray(String[]::new));
    }

    /** Exports and fails the test unless the export exits 0. */
    ScriptRun exportOk(Sandbox sandbox, String... args) {
        ScriptRun run = export(sandbox, args);
        assertEquals(0, run.exitCode(), () -> "the export should succeed:\n" + run);
        return run;
    }

    /** Stages everything (deletions too) and commits with JGit. */
    void commitAll(String message) {
        try (Git git = Git.open(root.toFile())) {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            git.commit().setMessage(message).setSign(false)
                    .setAuthor("Test", "test@example.com").setCommitter("Test", "test@example.com").call();
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException("cannot commit in " + root, e);
        }
    }

    /** `git status --porcelain -uall`, one line per changed file ("?? qualytics-config/..."), as a user sees it. */
    List<String> status() {
        Shell.Result result = Shell.git(root, "status", "--porcelain", "-uall");
        assertEquals(0, result.exitCode(), () -> "git status failed:\n" + result);
        return result.out().lines().sorted().toList();
    }

    /** Every file under the export folder, by path relative to it ("/"-separated), with its text. */
    Map<String, String> files() {
        return filesUnder(folder());
    }

    static Map<String, String> filesUnder(Path folder) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                files.put(folder.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The one file of the export folder whose text contains the marker (a test's unique value). */
    String fileContaining(String marker) {
        List<String> found = files().entrySet().stream().filter(e -> e.getValue().contains(marker)).map(Map.Entry::getKey).toList();
        assertEquals(1, found.size(), () -> "exactly one file should hold '" + marker + "', found " + found);
        return found.get(0);
    }

    /** A status line as git prints it for a path of the export folder: " M", " D" or "??". */
    static String line(String code, String pathInFolder) {
        return code + " " + FOLDER + "/" + pathInFolder;
    }

    void write(String pathInFolder, String text) {
        try {
            Path file = folder().resolve(pathInFolder);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
