package qdrift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.SandboxOptions;
import qdrift.sandbox.TenantSpec;
import qdrift.testing.ScriptRun;

/**
 * One name per concept across the scripts (issue 17 item 8): the export folder is --folder (export's old -O/--output
 * DIR still works, hidden, with a warning), a report format is -o, tokens come from a variable or a file on every
 * script, and every --timeout defaults to the same seconds.
 */
class OptionNamesTest {
    private static final List<String> SCRIPTS = List.of("ExportCommand", "DriftCommand", "CompareEnvsCommand", "NotifyCommand",
            "RevertCommand", "DoctorCommand");
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(TenantSpec.of(TenantSpec.DEFAULT_SEED, 20, 6), SandboxOptions.defaults().withPort(0));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void exportHelpShowsFolderAndNotTheOldSpelling() {
        String help = help("ExportCommand");
        assertTrue(help.contains("--folder=DIR"), help);
        assertFalse(help.contains("-O,") || help.contains("--output=DIR"), "the old spelling is hidden:\n" + help);
        assertTrue(help.contains("--folder ./qualytics-config"), "the example uses the one name:\n" + help);
    }

    @Test
    void theOldFolderSpellingsStillExportAndSayTheNewName(@TempDir Path temp) throws IOException {
        String datastore = String.valueOf(sandbox.state().busiestDatastoreId());
        for (String old : List.of("-O", "--output")) {
            Path folder = temp.resolve("out" + old.length());
            ScriptRun run = ScriptRun.of("ExportCommand", "--url", sandbox.url(), "--token", sandbox.token(),
                    "--datastore-id", datastore, old, folder.toString());
            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(Files.isDirectory(folder.resolve("datastores")), "exported into " + folder + ": " + run);
            assertEquals(1, run.err().lines().filter(l -> l.equals(
                    "warning: export.java -O/--output DIR is now --folder DIR (the old spelling still works, for now)")).count(), run.err());
        }
        ScriptRun quiet = ScriptRun.of("ExportCommand", "--url", sandbox.url(), "--token", sandbox.token(),
                "--datastore-id", datastore, "-O", temp.resolve("quiet").toString(), "--quiet");
        assertEquals(0, quiet.exitCode(), quiet::toString);
        assertEquals("", quiet.err(), "--quiet silences the warning as the other talk");
    }

    @Test
    void theNewFolderSpellingExportsWithoutAWarning(@TempDir Path temp) {
        ScriptRun run = ScriptRun.of("ExportCommand", "--url", sandbox.url(), "--token", sandbox.token(),
                "--datastore-id", String.valueOf(sandbox.state().busiestDatastoreId()), "--folder", temp.resolve("out").toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertFalse(run.err().contains("warning:"), run.err());
    }

    /** Every script that takes a --timeout shows the same default in its --help. */
    @Test
    void everyTimeoutHasTheOneDefault() {
        Pattern timeout = Pattern.compile("--timeout=SECONDS[^()]*\\([^)]*default (\\d+)\\)");
        int seen = 0;
        for (String script : SCRIPTS) {
            String help = help(script).replaceAll("\\n\\s+", " ");
            if (!help.contains("--timeout=SECONDS")) {
                continue;
            }
            Matcher matcher = timeout.matcher(help);
            assertTrue(matcher.find(), script + ": " + help);
            assertEquals(ServerOptions.DEFAULT_TIMEOUT, matcher.group(1), script);
            seen++;
        }
        assertTrue(seen >= 5, "export, drift, compare-envs, notify, revert (and doctor) take --timeout: " + seen);
    }

    /** A token from a variable or a file everywhere: compare-envs takes --left-token-file / --right-token-file too. */
    @Test
    void compareEnvsTakesItsTokensFromFiles(@TempDir Path temp) throws IOException {
        String help = help("CompareEnvsCommand");
        assertTrue(help.contains("--left-token-file=FILE") && help.contains("--right-token-file=FILE"), help);
        Path tokenFile = Files.writeString(temp.resolve("token"), sandbox.token() + "\n");
        String datastore = String.valueOf(sandbox.state().busiestDatastoreId());
        ScriptRun run = ScriptRun.of("CompareEnvsCommand", "--left-url", sandbox.url(), "--left-token-file", tokenFile.toString(),
                "--left-datastore-id", datastore, "--right-url", sandbox.url(), "--right-token-file", tokenFile.toString(),
                "--right-datastore-id", datastore, "--no-color");
        assertEquals(0, run.exitCode(), "one datastore against itself: no difference\n" + run);
        assertFalse(run.out().contains(sandbox.token()) || run.err().contains(sandbox.token()), "the token never shows");

        Path empty = Files.writeString(temp.resolve("empty"), "\n");
        ScriptRun emptyFile = ScriptRun.of("CompareEnvsCommand", "--left-url", sandbox.url(), "--left-token-file", empty.toString(),
                "--right-folder", temp.toString());
        assertEquals(4, emptyFile.exitCode(), emptyFile::toString);
        assertTrue(emptyFile.err().contains("is empty: write the API token on its first line"), emptyFile.err());

        ScriptRun both = ScriptRun.of("CompareEnvsCommand", "--left-url", sandbox.url(), "--left-token-file", tokenFile.toString(),
                "--left-token-env", "HOME", "--right-folder", temp.toString());
        assertEquals(2, both.exitCode(), both::toString);
        assertTrue(both.err().contains("give its token one way"), both.err());
    }

    /** The scripts that read the API all take the same token sources. */
    @Test
    void everyApiScriptTakesTheTokenFromTheEnvironmentOrAFile() {
        for (String script : List.of("ExportCommand", "DriftCommand", "RevertCommand", "DoctorCommand")) {
            String help = help(script);
            assertTrue(help.contains("--token-file=FILE") && help.contains("QUALYTICS_TOKEN"), script + ":\n" + help);
        }
    }

    private static String help(String script) {
        ScriptRun run = ScriptRun.of(script, "--help");
        assertEquals(0, run.exitCode(), run::toString);
        return run.out();
    }

}
