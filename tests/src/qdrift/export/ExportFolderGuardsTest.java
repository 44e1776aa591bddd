package qdrift.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.SandboxOptions;
import qdrift.sandbox.TenantSpec;
import qdrift.testing.Fault;
import qdrift.testing.ScriptRun;
import qdrift.testing.TreeSnapshot;

/** export.java only ever deletes files an export put there, and checks the folder before reading the API. */
class ExportFolderGuardsTest {
    @TempDir
    Path temp;
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(TenantSpec.of(TenantSpec.DEFAULT_SEED, 30, 5), SandboxOptions.defaults());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private ScriptRun export(Path folder, String... extra) {
        String[] args = {"--url", sandbox.url(), "--token", sandbox.token(), "--all-datastores", "--folder", folder.toString(), "--quiet"};
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return ScriptRun.of("ExportCommand", all);
    }

    @Test
    @Fault(group = "file-system")
    void aFolderWithoutManifestHoldingFilesAnExportWouldOwnIsRefusedUnlessForced() throws IOException {
        Path folder = temp.resolve("qualytics-config");
        Files.createDirectories(folder.resolve("connections"));
        Files.writeString(folder.resolve("connections/my_own.yaml"), "name: mine\n");
        Files.writeString(folder.resolve("notes.txt"), "my notes\n");
        Map<String, String> before = TreeSnapshot.of(folder);
        sandbox.stats().reset();

        ScriptRun refused = export(folder);

        assertEquals(6, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("has no .qualytics-export.yaml but holds files an export would overwrite or delete"
                + " (connections/my_own.yaml)"), refused.err());
        assertTrue(refused.err().contains("--force"), "the message should say what to do\n" + refused);
        assertEquals(before, TreeSnapshot.of(folder), "the refused export changed the folder");
        assertEquals(0, sandbox.stats().total(), "the folder is checked before the API is read");

        ScriptRun forced = export(folder, "--force");

        assertEquals(0, forced.exitCode(), forced.toString());
        assertFalse(Files.exists(folder.resolve("connections/my_own.yaml")), "--force lets the export own the layout's files");
        assertEquals("my notes\n", Files.readString(folder.resolve("notes.txt")), "a file the export does not own stays");
        assertTrue(Files.exists(folder.resolve(ExportManifest.FILE_NAME)));
    }

    @Test
    void aFolderHoldingOnlyFilesTheExportNeverOwnsNeedsNoForce() throws IOException {
        Path folder = temp.resolve("qualytics-config");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("README.md"), "# our configuration\n");
        Files.writeString(folder.resolve(".driftignore"), "rules: []\n");

        ScriptRun run = export(folder);

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("# our configuration\n", Files.readString(folder.resolve("README.md")));
        assertEquals("rules: []\n", Files.readString(folder.resolve(".driftignore")));
    }

    @Test
    @Fault(group = "file-system")
    void exportRefusesALinkInsideTheFolderBeforeReadingTheApi() throws IOException {
        Path folder = temp.resolve("qualytics-config");
        assertEquals(0, export(folder).exitCode());
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.createSymbolicLink(folder.resolve("datastores/elsewhere"), outside);
        sandbox.stats().reset();

        ScriptRun run = export(folder);

        assertEquals(6, run.exitCode(), run.toString());
        assertTrue(run.err().contains("datastores/elsewhere is a symbolic link to " + outside), run.err());
        assertEquals(0, sandbox.stats().total(), "the folder is checked before the API is read");
        try (var inside = Files.list(outside)) {
            assertEquals(0, inside.count(), "the export wrote through the link");
        }
    }
}
