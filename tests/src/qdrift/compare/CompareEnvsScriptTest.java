package qdrift.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.SandboxOptions;
import qdrift.sandbox.TenantSpec;
import qdrift.testing.ScriptRun;

/** compare-envs.java as a user runs it: an environments file, tokens from the environment variables it names. */
class CompareEnvsScriptTest {

    /** A variable the test JVM surely has, standing in for DEV_TOKEN (tests cannot set environment variables). */
    private static String tokenVariable() {
        return Stream.of("HOME", "USER", "PATH").filter(v -> System.getenv(v) != null && !System.getenv(v).isBlank())
                .findFirst().orElse(null);
    }

    @Test
    void namedEnvironmentsAreComparedAndTheReportSaysWhichSideHasWhat(@TempDir Path dir) throws IOException {
        String variable = tokenVariable();
        assumeTrue(variable != null, "no environment variable to carry the token");
        TenantSpec spec = TenantSpec.of(5, 40, 12);
        SandboxOptions options = SandboxOptions.defaults().withPort(0).withToken(System.getenv(variable).trim());
        try (Sandbox dev = Sandbox.start(spec, options); Sandbox prod = Sandbox.start(spec.withIdOffset(500), options)) {
            long devId = dev.state().busiestDatastoreId();
            long prodId = prod.state().busiestDatastoreId();
            dev.state().updateDatastore(devId, "{\"name\": \"dev-warehouse\"}");
            long removed = prod.state().checkIds(prodId).get(0);
            prod.state().deleteCheck(removed);
            Path envs = dir.resolve("environments.yaml");
            Files.writeString(envs, """
                    environments:
                      dev:  {url: %s, token_env: %s, datastore_ids: [%d]}
                      prod: {url: %s, token_env: %s, datastore_ids: [%d]}
                    map:
                      datastores: {dev-warehouse: prod-warehouse}
                    """.formatted(dev.url(), variable, devId, prod.url(), variable, prodId));
            Path json = dir.resolve("compare.json");

            ScriptRun run = ScriptRun.of("CompareEnvsCommand", "--left", "dev", "--right", "prod", "--envs", envs.toString(),
                    "-o", "text", "-o", "json=" + json, "--no-color");

            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(run.out().contains("Comparing dev ("), run.out());
            assertTrue(run.out().contains("only in dev"), "the removed check is said to exist only in dev:\n" + run.out());
            assertTrue(run.out().contains("--- dev/datastores/"), "the diff names the sides:\n" + run.out());
            assertTrue(Files.readString(json).contains("compare-envs"), Files.readString(json));
            assertFalse(run.out().contains(System.getenv(variable).trim()) || run.err().contains(System.getenv(variable).trim()),
                    "the token never shows");
        }
    }

    @Test
    void aTokenWrittenInTheEnvironmentsFileIsRefused(@TempDir Path dir) throws IOException {
        Path envs = dir.resolve("environments.yaml");
        Files.writeString(envs, """
                environments:
                  dev:  {url: https://dev.example, token: abc}
                  prod: {folder: prod}
                """);

        ScriptRun run = ScriptRun.of("CompareEnvsCommand", "--left", "dev", "--right", "prod", "--envs", envs.toString());

        assertEquals(6, run.exitCode(), run.toString());
        assertTrue(run.err().contains("never write tokens here"), run.err());
        assertFalse(run.err().contains("abc"), run.err());
    }

    @Test
    void withoutSidesTheUsageSaysWhatToPass() {
        ScriptRun run = ScriptRun.of("CompareEnvsCommand", "--right-folder", "x");

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("no left side"), run.err());
    }

    @Test
    void identicalFoldersAreTheSame(@TempDir Path dir) throws IOException {
        Path left = Files.createDirectories(dir.resolve("a/connections"));
        Path right = Files.createDirectories(dir.resolve("b/connections"));
        for (Path folder : List.of(left, right)) {
            Files.writeString(folder.resolve("pg.yaml"), "name: pg\nhost: db\n");
        }

        ScriptRun run = ScriptRun.of("CompareEnvsCommand", "--left-folder", dir.resolve("a").toString(),
                "--right-folder", dir.resolve("b").toString());

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("No differences."), run.out());
    }
}
