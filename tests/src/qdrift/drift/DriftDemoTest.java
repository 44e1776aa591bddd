package qdrift.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import qdrift.testing.ScriptRun;

/** The README's first command: `./jbang drift.java --demo` shows the whole product on a bundled sandbox. */
class DriftDemoTest {
    @Test
    void theDemoFindsOneModifiedCheckAndOneRemovedComputedField() {
        ScriptRun run = ScriptRun.of("DriftCommand", "--demo", "--no-color");

        assertEquals(1, run.exitCode(), "the demo ends in drift\n" + run);
        List<String> resources = run.out().lines()
                .filter(line -> line.matches("  (added|removed|modified) +(connections|datastores|containers|computed_fields|checks) .*"))
                .map(line -> line.trim().split(" +", 3)[0] + " " + line.trim().split(" +", 3)[1]).toList();
        assertEquals(List.of("modified checks", "removed computed_fields"), resources.stream().sorted().toList(),
                "the demo report should list one modified check and one removed computed field\n" + run);
        assertTrue(run.err().contains("[demo 6/7]"), "the demo explains each step on stderr\n" + run);
        // named the way this process can be invoked (PastedRevertCommandTest pastes such commands through the launcher)
        String revert = qdrift.cli.ShellWords.join(qdrift.cli.ScriptCommand.words("revert.java")) + " --repo ";
        assertTrue(run.err().contains(revert), "the demo's last step names the revert command\n" + run);
        assertTrue(run.out().contains("Plan: 1 to recreate, 1 to update, 0 to archive, 0 to delete."),
                "the demo ends with that command's plan: the removed computed field recreated, the check put back\n" + run);
    }
}
