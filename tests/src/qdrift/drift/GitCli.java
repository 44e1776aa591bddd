package qdrift.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import qdrift.testing.Shell;

/** The real git CLI, isolated from the machine's configuration: builds fixtures and is the judge of `git status`. */
final class GitCli {
    private static final Map<String, String> ENV = Map.of(
            "GIT_CONFIG_NOSYSTEM", "1",
            "GIT_CONFIG_GLOBAL", "/dev/null",
            "GIT_AUTHOR_NAME", "Test", "GIT_AUTHOR_EMAIL", "test@example.com",
            "GIT_COMMITTER_NAME", "Test", "GIT_COMMITTER_EMAIL", "test@example.com");

    private GitCli() {
    }

    /** Runs git in dir and returns its stdout; a failing git command fails the test with its output. */
    static String git(java.nio.file.Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        Shell.Result result = Shell.run(dir, ENV, command);
        assertEquals(0, result.exitCode(), "git " + String.join(" ", args) + " failed in " + dir + "\n" + result);
        return result.out();
    }
}
