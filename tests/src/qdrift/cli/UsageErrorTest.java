package qdrift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import qdrift.testing.ScriptRun;

/** Usage errors (issue 17 item 9): a typo gets picocli's suggestion, and the message names the command as typed. */
class UsageErrorTest {

    @Test
    void aTypoOfAnOptionSuggestsTheOptionMeant() {
        ScriptRun run = ScriptRun.of("DriftCommand", "--datastore", "10");
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
        assertTrue(run.err().startsWith("error: Unknown options: '--datastore', '10'; did you mean --datastore-id"), run.err());
        assertTrue(run.err().strip().endsWith("(see drift.java --help)"), "named as run here, a script: " + run.err());
    }

    @Test
    void everyScriptSuggests() {
        Map<String, String> typos = Map.of("ExportCommand", "--all-datastore", "NotifyCommand", "--slak",
                "RevertCommand", "--aply", "CompareEnvsCommand", "--left-ur", "DoctorCommand", "--fold");
        typos.forEach((script, typo) -> {
            ScriptRun run = ScriptRun.of(script, typo);
            assertEquals(2, run.exitCode(), script + ": " + run);
            assertTrue(run.err().contains("; did you mean --"), script + ": " + run.err());
        });
    }

    @Test
    void anUnknownOptionFarFromAnyGetsNoGuess() {
        ScriptRun run = ScriptRun.of("DriftCommand", "--zzzzzz");
        assertEquals(2, run.exitCode(), run::toString);
        assertFalse(run.err().contains("did you mean"), run.err());
    }

    @Test
    void theCommandIsNamedAsTyped() {
        assertEquals("qd-drift", ScriptCommand.typed("drift", Map.of(ScriptCommand.COMMAND_VARIABLE, "qd-drift")));
        assertEquals("drift.java", ScriptCommand.typed("drift", Map.of()));
        assertEquals("drift.java", ScriptCommand.typed("drift", Map.of(ScriptCommand.COMMAND_VARIABLE, "qd-notify")),
                "a qd-notify that runs drift does not rename it");
    }
}
