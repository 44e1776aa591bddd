package qdrift.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.testing.ScriptRun;

/** drift.java refuses a command line it cannot act on before it reads anything (no server is needed to prove it). */
class DriftUsageTest {
    private static final String NOWHERE = "http://127.0.0.1:9";

    @TempDir
    Path temp;

    private static void assertRefused(int exitCode, String message, ScriptRun run) {
        assertEquals(exitCode, run.exitCode(), run.toString());
        assertTrue(run.err().contains(message), "stderr should say '" + message + "'\n" + run);
        assertEquals("", run.out(), run.toString());
    }

    @Test
    void noDatastoreSelectionIsAUsageError() {
        assertRefused(2, "--datastore-id", ScriptRun.of("DriftCommand", "--url", NOWHERE, "--token", "t",
                "--repo", temp.toString()));
    }

    @Test
    void anUnknownReportFormatIsAUsageError() {
        assertRefused(2, "unknown report format 'yaml'", ScriptRun.of("DriftCommand", "--url", NOWHERE, "--token", "t",
                "--repo", temp.toString(), "--datastore-id", "1", "-o", "yaml"));
    }

    @Test
    void aMissingRepoFolderIsAGitFailure() {
        Path missing = temp.resolve("no-such-folder");
        assertRefused(5, "not a git repository", ScriptRun.of("DriftCommand", "--url", NOWHERE, "--token", "t",
                "--repo", missing.toString(), "--datastore-id", "1"));
        assertTrue(Files.notExists(missing), "drift.java must not create the --repo folder");
    }

    @Test
    void aFolderThatIsNotAGitRepositoryIsAGitFailure() {
        assertRefused(5, "not a git repository", ScriptRun.of("DriftCommand", "--url", NOWHERE, "--token", "t",
                "--repo", temp.toString(), "--datastore-id", "1"));
    }
}
