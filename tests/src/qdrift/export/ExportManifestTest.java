package qdrift.export;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.model.ResourceType;
import qdrift.report.Origin.DatastoreRef;

class ExportManifestTest {
    @TempDir
    Path folder;

    private static ExportManifest prod() {
        return ExportManifest.of("https://acme.qualytics.io/api", List.of(new DatastoreRef(42L, "prod-warehouse")),
                EnumSet.of(ResourceType.CHECKS, ResourceType.CONNECTIONS));
    }

    @Test
    void holdsIdentityOnlyAsSortedYaml() {
        String yaml = new String(prod().toYaml(), UTF_8);

        assertEquals("""
                datastores:
                - id: 42
                  name: "prod-warehouse"
                format_version: 2
                host: "acme.qualytics.io"
                included:
                - "checks"
                - "connections"
                """, yaml);
    }

    @Test
    void theSameExportGivesTheSameBytesWhateverTheInputOrder() {
        ExportManifest shuffled = ExportManifest.of("acme.qualytics.io",
                List.of(new DatastoreRef(7L, "b"), new DatastoreRef(3L, "a")),
                EnumSet.of(ResourceType.CONTAINERS, ResourceType.DATASTORES));
        ExportManifest ordered = ExportManifest.of("https://acme.qualytics.io",
                List.of(new DatastoreRef(3L, "a"), new DatastoreRef(7L, "b")),
                EnumSet.of(ResourceType.DATASTORES, ResourceType.CONTAINERS));

        assertArrayEquals(ordered.toYaml(), shuffled.toYaml());
    }

    @Test
    void theHostKeepsNoSchemeCredentialsOrPath() {
        assertEquals("acme.qualytics.io", ExportManifest.hostOf("https://user:s3cret@Acme.Qualytics.io/api/"));
        assertEquals("localhost:8443", ExportManifest.hostOf("http://localhost:8443"));
        assertEquals("acme.qualytics.io", ExportManifest.hostOf("acme.qualytics.io"));
    }

    @Test
    void readsBackWhatWasWritten() throws IOException {
        Files.write(folder.resolve(ExportManifest.FILE_NAME), prod().toYaml());

        assertEquals(Optional.of(prod()), ExportManifest.read(folder));
    }

    @Test
    void aFolderWithoutManifestHasNone() {
        assertEquals(Optional.empty(), ExportManifest.read(folder));
    }

    @Test
    void aMalformedManifestIsAnIoFailureNamingTheFile() throws IOException {
        Files.writeString(folder.resolve(ExportManifest.FILE_NAME), "host: [unclosed\n");

        Failure failure = assertThrows(Failure.class, () -> ExportManifest.read(folder));

        assertEquals(ExitCode.IO, failure.exitCode());
        assertTrue(failure.getMessage().contains(ExportManifest.FILE_NAME), failure.getMessage());
    }

    @Test
    void anotherDatastoreIsRefusedUnlessForced() {
        ExportManifest staging = ExportManifest.of("https://acme.qualytics.io", List.of(new DatastoreRef(7L, "stage")),
                EnumSet.allOf(ResourceType.class));

        Failure failure = assertThrows(Failure.class, () -> staging.checkCompatible(folder, prod(), false));

        assertEquals(ExitCode.USAGE, failure.exitCode());
        assertEquals(folder + " holds an export of datastore 42 (prod-warehouse) at acme.qualytics.io; this run "
                + "exports datastore 7 (stage): pass --force to replace it, or use another --folder", failure.getMessage());
        assertDoesNotThrow(() -> staging.checkCompatible(folder, prod(), true));
    }

    @Test
    void anotherHostIsRefusedAndNamed() {
        ExportManifest dev = ExportManifest.of("https://dev.qualytics.io", List.of(new DatastoreRef(42L, "prod-warehouse")),
                EnumSet.allOf(ResourceType.class));

        Failure failure = assertThrows(Failure.class, () -> dev.checkCompatible(prod(), false));

        assertTrue(failure.getMessage().contains("at acme.qualytics.io; this run exports datastore 42 (prod-warehouse) "
                + "at dev.qualytics.io"), failure.getMessage());
    }

    @Test
    void theSameHostAndDatastoresPassEvenWithOtherTypes() {
        ExportManifest later = ExportManifest.of("https://ACME.qualytics.io", List.of(new DatastoreRef(42L, "renamed")),
                EnumSet.of(ResourceType.CHECKS));

        assertDoesNotThrow(() -> later.checkCompatible(folder, prod(), false));
        assertDoesNotThrow(() -> later.checkCompatible(folder, null, false));
    }

    @Test
    void aManifestWithoutFormatVersionIsFormat1AndANarrowerIncludeKeepsTheOtherTypes() throws IOException {
        Files.writeString(folder.resolve(ExportManifest.FILE_NAME), """
                counts:
                  checks: 12
                datastores:
                - id: 42
                  name: "prod-warehouse"
                host: "acme.qualytics.io"
                included:
                - "checks"
                - "connections"
                tool_version: "0.9.0"
                """);
        ExportManifest old = ExportManifest.read(folder).orElseThrow();
        assertEquals(1, old.format());
        assertEquals(2, prod().format());

        ExportManifest checksOnly = ExportManifest.of("https://acme.qualytics.io", List.of(new DatastoreRef(42L, "prod-warehouse")),
                EnumSet.of(ResourceType.CHECKS));
        assertEquals(List.of("checks", "connections", "datastores"), checksOnly.including(
                new ExportManifest(2, "acme.qualytics.io", List.of(), List.of("datastores", "connections"))).included());
    }
}
