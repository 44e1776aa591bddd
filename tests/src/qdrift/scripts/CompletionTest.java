package qdrift.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import qdrift.testing.ScriptRun;
import qdrift.testing.Shell;

/** `--completion bash|zsh` prints picocli's completion script for the installed command; bash parses and runs it. */
class CompletionTest {

    @ParameterizedTest
    @CsvSource({"ExportCommand,qd-export,--all-datastores", "DriftCommand,qd-drift,--all-datastores",
            "CompareEnvsCommand,qd-compare-envs,--left", "NotifyCommand,qd-notify,--slack", "SandboxCommand,qd-sandbox,--latency-ms",
            "DoctorCommand,qd-doctor,--open-pr"})
    void theBashScriptParsesAndCompletesTheCommandsOptions(String commandClass, String command, String option,
            @TempDir Path temp) throws IOException {
        ScriptRun run = ScriptRun.of(commandClass, "--completion", "bash");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.err(), run::toString);
        Path script = Files.writeString(temp.resolve(command + ".bash"), run.out());

        Shell.Result syntax = Shell.run(temp, Map.of(), List.of("bash", "-n", script.toString()));
        assertEquals(0, syntax.exitCode(), syntax::toString);

        String prefix = option.substring(0, 4);
        Shell.Result completed = Shell.run(temp, Map.of(), List.of("bash", "-c",
                "source \"$1\"; COMP_WORDS=(" + command + " " + prefix + "); COMP_CWORD=1; COMP_LINE=\"" + command + " " + prefix + "\";"
                        + " COMP_POINT=${#COMP_LINE}; _complete_" + command + "; printf '%s\\n' \"${COMPREPLY[@]}\"", "complete", script.toString()));
        assertEquals(0, completed.exitCode(), completed::toString);
        assertTrue(completed.out().lines().anyMatch(option::equals), option + " is offered for " + prefix + ": " + completed);
        assertTrue(completed.out().lines().allMatch(line -> line.startsWith(prefix)), completed::toString);
    }

    @Test
    void zshGetsTheBashScriptWhichLoadsBashcompinitItself() {
        ScriptRun run = ScriptRun.of("DriftCommand", "--completion", "zsh");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("bashcompinit"), run::toString);
        assertTrue(run.out().contains("complete -F _complete_qd-drift -o default qd-drift"), run::toString);
    }

    @Test
    void anotherShellIsAUsageError() {
        ScriptRun run = ScriptRun.of("DriftCommand", "--completion", "fish");
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("", run.out(), run::toString);
        assertTrue(run.err().startsWith("error: --completion takes bash or zsh"), run::toString);
    }
}
