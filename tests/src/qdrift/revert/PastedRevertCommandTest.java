package qdrift.revert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.testing.ProjectRoot;
import qdrift.testing.Shell;

/**
 * The revert_command of a drift report, pasted into a shell in the configuration repository (where cron runs, not the
 * checkout), runs: with the installed qd-* commands on PATH it names qd-revert, without them the checkout's launcher
 * and script by absolute path. Both runs go through the real launcher, as cron's would.
 */
class PastedRevertCommandTest {
    @TempDir
    Path temp;
    RevertRepo fixture;

    @BeforeEach
    void committedBaseline() {
        fixture = RevertRepo.create(temp);
        long check = fixture.activeCheck().path("id").asLong();
        fixture.ui("PATCH", "/api/quality-checks/" + check, "{\"coverage\": 0.5}");
    }

    @AfterEach
    void stopSandbox() {
        fixture.close();
    }

    @Test
    void withoutInstalledCommandsItNamesTheLauncherAndScriptByPath() throws Exception {
        Map<String, String> env = env(System.getenv("PATH"));
        String command = revertCommand(env, List.of(ProjectRoot.get().resolve("jbang").toString(),
                ProjectRoot.get().resolve("drift.java").toString()));
        assertTrue(command.startsWith(ProjectRoot.get().resolve("jbang") + " " + ProjectRoot.get().resolve("revert.java") + " "),
                command);
        assertPastedCommandPlans(env, command);
    }

    @Test
    void withInstalledCommandsOnPathItNamesQdRevert() throws Exception {
        Path bin = temp.resolve("bin");
        Shell.Result install = Shell.run(temp, Map.of(), List.of(ProjectRoot.get().resolve("jbang").toString(), "install",
                "--dir", bin.toString(), "--no-build"));
        assertEquals(0, install.exitCode(), install::toString);
        Map<String, String> env = env(bin + ":" + System.getenv("PATH"));
        String command = revertCommand(env, List.of(bin.resolve("qd-drift").toString()));
        assertTrue(command.startsWith("qd-revert --repo "), command);
        assertPastedCommandPlans(env, command);
    }

    /** drift.java started by {@code drift} in the configuration repository; its JSON report's revert_command. */
    private String revertCommand(Map<String, String> env, List<String> drift) throws Exception {
        List<String> line = new ArrayList<>(drift);
        line.addAll(List.of("--repo", ".", "--path", RevertRepo.FOLDER, "--datastore-id", String.valueOf(fixture.datastoreId),
                "--no-pull", "--check-only", "--quiet", "-o", "json"));
        Shell.Result run = Shell.run(fixture.repo, env, line);
        assertEquals(1, run.exitCode(), run::toString);
        JsonNode report = new ObjectMapper().readTree(run.out());
        String command = report.path("revert_command").asText(null);
        assertNotNull(command, run::toString);
        return command;
    }

    /** The command pasted as is into bash in the configuration repository: it plans the revert (exit 1: changes). */
    private void assertPastedCommandPlans(Map<String, String> env, String command) {
        Shell.Result pasted = Shell.run(fixture.repo, env, List.of("bash", "-c", command));
        assertEquals(1, pasted.exitCode(), "pasted: " + command + "\n" + pasted);
        assertTrue(pasted.out().contains("Plan: "), pasted::toString);
    }

    private Map<String, String> env(String path) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", path);
        env.put("QUALYTICS_URL", fixture.sandbox.url());
        env.put("QUALYTICS_TOKEN", fixture.sandbox.token());
        env.put("NO_COLOR", "1");
        env.put("QD_LAUNCHER", "");
        return env;
    }
}
