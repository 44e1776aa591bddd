package qdrift.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real git CLI, isolated from the machine's configuration, to build fixtures and check interoperability. */
public final class GitCli {
    private static final Map<String, String> ENV = Map.of(
            "GIT_CONFIG_NOSYSTEM", "1",
            "GIT_CONFIG_GLOBAL", "/dev/null",
            "GIT_AUTHOR_NAME", "Test", "GIT_AUTHOR_EMAIL", "test@example.com",
            "GIT_COMMITTER_NAME", "Test", "GIT_COMMITTER_EMAIL", "test@example.com",
            // no background "git gc --auto" writing into .git while a test reads the tree
            "GIT_CONFIG_COUNT", "1", "GIT_CONFIG_KEY_0", "gc.auto", "GIT_CONFIG_VALUE_0", "0");

    private GitCli() {
    }

    /** Runs git in dir and returns its stdout; a failing git command fails the test with its output. */
    public static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        Shell.Result result = Shell.run(dir, ENV, command);
        assertEquals(0, result.exitCode(), "git " + String.join(" ", args) + " failed in " + dir + "\n" + result);
        return result.out();
    }

    /** A fresh repository on branch main. */
    public static Path init(Path dir) {
        mkdirs(dir);
        git(dir, "init", "-q", "-b", "main");
        return dir;
    }

    public static Path initBare(Path dir) {
        mkdirs(dir);
        git(dir, "init", "-q", "--bare", "-b", "main");
        return dir;
    }

    public static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void commitAll(Path repo, String message) {
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", message);
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
