package qdrift.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import qdrift.testing.ProjectRoot;

/** The standalone sandbox, as a shell uses it: eval its first two lines, then talk to it. */
class SandboxScriptTest {

    @Test
    void printsUrlAndTokenFirstThenServes() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(ProjectRoot.get().resolve("jbang").toString(), "sandbox.java",
                "--port", "0", "--checks", "50", "--token", "t")
                .directory(ProjectRoot.get().toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("JBANG_NO_VERSION_CHECK", "true");
        builder.environment().put("NO_COLOR", "1");
        Process process = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            String second = out.readLine();
            assertTrue(first != null && first.matches("QUALYTICS_URL=http://127\\.0\\.0\\.1:\\d+"), "first line: " + first);
            assertEquals("QUALYTICS_TOKEN=t", second);
            SandboxHttp http = new SandboxHttp(first.substring("QUALYTICS_URL=".length()), "t");
            assertEquals(50, http.getJson("/api/quality-checks?size=1&archived=include").get("total").asInt(), "the served tenant has the checks asked for");
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
