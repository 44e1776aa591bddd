package qdrift.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import qdrift.cli.Version;
import qdrift.testing.ScriptRun;

/** Every script speaks the same command-line language: --help, --version, usage errors as exit 2 in one line. */
class ScriptsCommandLineTest {

    @ParameterizedTest
    @ValueSource(strings = {"ExportCommand", "DriftCommand", "CompareEnvsCommand", "NotifyCommand", "SandboxCommand", "RevertCommand", "DoctorCommand"})
    void helpExitsZeroAndPrintsUsageOnStdout(String command) {
        ScriptRun run = ScriptRun.of(command, "--help");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("Usage:"), run::toString);
        assertTrue(run.out().contains("--quiet"), run::toString);
        assertEquals("", run.err(), "help writes nothing on stderr");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ExportCommand", "DriftCommand", "CompareEnvsCommand", "NotifyCommand", "SandboxCommand", "RevertCommand", "DoctorCommand"})
    void versionComesFromTheOneVersionSource(String command) {
        ScriptRun run = ScriptRun.of(command, "--version");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(Version.TOOL, run.out().strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ExportCommand", "DriftCommand", "CompareEnvsCommand", "NotifyCommand", "SandboxCommand", "RevertCommand", "DoctorCommand"})
    void unknownOptionIsAUsageErrorInOneLine(String command) {
        ScriptRun run = ScriptRun.of(command, "--no-such-option");
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("", run.out(), "nothing on stdout");
        assertEquals(1, run.err().strip().lines().count(), run::toString);
        assertTrue(run.err().startsWith("error: "), run::toString);
        assertTrue(run.err().contains("--no-such-option"), run::toString);
    }
}
