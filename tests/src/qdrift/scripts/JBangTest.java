package qdrift.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import qdrift.testing.Shell;

/**
 * The scripts as users run them: through the ./jbang launcher (which bootstraps JBang when it is not on PATH).
 * Building each script here is also CI's pre-build: a compile error fails this test, not a drift check.
 */
class JBangTest {
    private static final Set<String> JBANG_SUBCOMMANDS = Set.of("alias", "app", "build", "cache", "catalog", "completion",
            "config", "edit", "export", "info", "init", "jdk", "run", "template", "trust", "version", "wrapper", "deps");

    @ParameterizedTest
    @ValueSource(strings = {"export.java", "drift.java", "compare-envs.java", "notify.java", "sandbox.java", "revert.java", "doctor.java"})
    void eachScriptBuildsAndAnswersHelp(String script) {
        Shell.Result result = Shell.jbang(script, "--help");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("Usage:"), result::toString);
    }

    @Test
    void unknownOptionExitsTwoThroughTheLauncher() {
        Shell.Result result = Shell.jbang("drift.java", "--bogus");
        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().lines().anyMatch(line -> line.startsWith("error: ") && line.contains("--bogus")), result::toString);
    }

    @Test
    void catalogListsOneDescribedAliasPerScriptThroughJBang() throws Exception {
        Shell.Result result = Shell.jbang("alias", "list", "--format=json", ".");
        assertEquals(0, result.exitCode(), result::toString);
        JsonNode aliases = new ObjectMapper().readTree(result.out());
        Map<String, String> scriptByAlias = new HashMap<>();
        for (JsonNode alias : aliases) {
            String name = alias.get("name").asText();
            assertFalse(JBANG_SUBCOMMANDS.contains(name), name + " shadows a JBang subcommand");
            assertFalse(alias.path("description").asText().isBlank(), name + " has no description");
            String ref = alias.get("scriptRef").asText();
            scriptByAlias.put(name, ref.substring(ref.lastIndexOf('/') + 1));
        }
        assertEquals(Set.of("export.java", "drift.java", "compare-envs.java", "notify.java", "sandbox.java", "revert.java", "doctor.java"),
                Set.copyOf(scriptByAlias.values()), result::toString);
    }
}
