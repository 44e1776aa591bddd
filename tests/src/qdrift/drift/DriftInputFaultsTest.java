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
import qdrift.testing.Fault;
import qdrift.testing.ScriptRun;
import qdrift.testing.SilentServer;

/**
 * Bad options and input files are refused before the first API request (the sandbox counts none), with one line and
 * the usage (2) or input (6) code; a git remote that never answers ends the run (5) instead of holding the lock.
 */
class DriftInputFaultsTest {
    @TempDir
    Path temp;
    DriftRepo fixture;
    Map<String, String> before;

    @BeforeEach
    void driftWaiting() {
        fixture = DriftRepo.withDriftWaiting(temp);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** Refused: exit code, one error line holding {@code message}, no report, no API request, the worktree as it was. */
    private void assertRefusedBeforeAnyRequest(int exitCode, String message, ScriptRun run) {
        assertEquals(exitCode, run.exitCode(), run.toString());
        List<String> errors = run.err().lines().filter(line -> line.startsWith("error: ")).toList();
        assertEquals(1, errors.size(), run.toString());
        assertTrue(errors.get(0).contains(message), "stderr should say '" + message + "'\n" + run);
        assertEquals("", run.out(), run.toString());
        assertEquals(0, apiRequestsCounted(), "requests were sent before the input was checked\n" + run);
        if (before != null) {
            assertEquals(before, fixture.workTreeBytes(), "the refused run changed the worktree\n" + run);
        }
    }

    /** The sandbox's own request counter, as any client reads it: GET /_sandbox/stats. */
    private long apiRequestsCounted() {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(fixture.sandbox.url() + "/_sandbox/stats")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("total").asLong(-1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    @Fault(group = "input")
    void anEmptyIgnoreOptionIsRefusedNotAnIgnoreEverything() {
        before = fixture.workTreeBytes();
        assertRefusedBeforeAnyRequest(2, "--ignore '' is empty (an unset shell variable?) and would ignore every change",
                fixture.drift("--ignore", ""));
    }

    @Test
    @Fault(group = "input")
    void aCatchAllIgnoreOptionIsRefused() {
        for (String rule : List.of("*", "**", "**/*", " * ")) {
            assertRefusedBeforeAnyRequest(2, "would ignore every change, so drift could never be found", fixture.drift("--ignore", rule));
        }
        assertRefusedBeforeAnyRequest(2, "no field after ':'", fixture.drift("--ignore", "*:"));
    }

    /** Commits what {@code write} puts at the folder's .driftignore, then expects drift to refuse it with exit 6. */
    private void assertCommittedDriftignoreRefused(DriftignoreWriter write, String message) throws IOException {
        write.write(fixture.repo.resolve(DriftRepo.FOLDER).resolve(".driftignore"));
        fixture.commitAll("a .driftignore drift must refuse");
        before = fixture.workTreeBytes();
        assertRefusedBeforeAnyRequest(6, message, fixture.drift());
    }

    interface DriftignoreWriter {
        void write(Path driftignore) throws IOException;
    }

    @Test
    @Fault(group = "input")
    void aCatchAllRuleInDriftignoreIsRefused() throws IOException {
        assertCommittedDriftignoreRefused(file -> Files.writeString(file, "rules:\n  - type: \"*\"\n    reason: silence everything\n"),
                ".driftignore line 2: rule 1 ignores every resource of every type");
    }

    @Test
    @Fault(group = "input")
    void aBinaryDriftignoreIsNamedNotInputLength1() throws IOException {
        assertCommittedDriftignoreRefused(file -> Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2}),
                ".driftignore is not UTF-8 text (a binary file?)");
    }

    @Test
    @Fault(group = "input")
    void aDriftignoreThatIsAFolderIsRefusedNotNoRules() throws IOException {
        assertCommittedDriftignoreRefused(file -> Files.writeString(Files.createDirectories(file).resolve("rules.yaml"), "rules: []\n"),
                ".driftignore is not a file (a folder?)");
    }

    @Test
    @Fault(group = "input")
    void aMalformedDriftignoreNamesTheLineBeforeAnyRequest() throws IOException {
        assertCommittedDriftignoreRefused(file -> Files.writeString(file, "rules:\n  - type: checks\n    colour: red\n"),
                ".driftignore line 3: unknown key 'colour' in rule 1");
    }

    @Test
    @Fault(group = "input")
    void aReportFileThatIsAFolderIsRefusedBeforeAnyRequest() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("reports"));
        before = fixture.workTreeBytes();
        assertRefusedBeforeAnyRequest(2, "-o json=" + folder + " names a folder: name a file in it", fixture.drift("-o", "json=" + folder));
    }

    @Test
    @Fault(group = "input")
    void aNegativeLockTimeoutIsAUsageError() {
        assertRefusedBeforeAnyRequest(2, "--lock-timeout must be 0 (do not wait) or more seconds, not -1", fixture.drift("--lock-timeout", "-1"));
    }

    @Test
    @Fault(group = "input")
    void aZeroOrNegativeMaxDiffLinesIsAUsageError() {
        assertRefusedBeforeAnyRequest(2, "--max-diff-lines must be at least 1, not 0", fixture.drift("--max-diff-lines", "0"));
        assertRefusedBeforeAnyRequest(2, "--max-diff-lines must be at least 1, not -5", fixture.drift("--max-diff-lines", "-5"));
    }

    @Test
    @Fault(group = "git")
    void aGitRemoteThatAcceptsAndNeverAnswersEndsThePullWithExit5() throws IOException {
        try (SilentServer silent = new SilentServer()) {
            String remote = silent.url("/team/qualytics-config.git");
            git(fixture.repo, "remote", "set-url", "origin", remote);
            before = fixture.workTreeBytes();
            long started = System.nanoTime();

            ScriptRun run = fixture.drift("--timeout", "2");

            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertRefusedBeforeAnyRequest(5, "error: the git remote origin (" + remote + ") did not answer within 2 s during the fetch", run);
            assertTrue(seconds < 20, "took " + seconds + " s");
            assertTrue(silent.accepted() > 0, "the remote was never contacted");
        }
    }
}
