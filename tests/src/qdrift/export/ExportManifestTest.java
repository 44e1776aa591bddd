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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Version;
import qdrift.model.ResourceType;
import qdrift.report.Origin.DatastoreRef;

class ExportManifestTest {
    @TempDir
    Path folder;

    private static ExportManifest prod() {
        return ExportManifest.of("https://acme.qualytics.io/api", List.of(new DatastoreRef(42L, "prod-warehouse")),
                EnumSet.of(ResourceType.CHECKS, ResourceType.CONNECTIONS),
                Map.of(ResourceType.CONNECTIONS, 1, ResourceType.CHECKS, 12));
    }

    @Test
    void isWrittenAsSortedYamlWithoutTimestamps() {
        String yaml = new String(prod().toYaml(), UTF_8);

        assertEquals("""
                counts:
                  checks: 12
                  connections: 1
                datastores:
                - id: 42
                  name: "prod-warehouse"
                host: "acme.qualytics.io"
                included:
                - "checks"
                - "connections"
                tool_version: "%s"
                """.formatted(Version.NUMBER), yaml);
    }

    @Test
    void theSameExportGivesTheSameBytesWhateverTheInputOrder() {
        ExportManifest shuffled = ExportManifest.of("acme.qualytics.io",
                List.of(new DatastoreRef(7L, "b"), new DatastoreRef(3L, "a")),
                EnumSet.of(ResourceType.CONTAINERS, ResourceType.DATASTORES),
                Map.of(ResourceType.DATASTORES, 2, ResourceType.CONTAINERS, 5));
        ExportManifest ordered = ExportManifest.of("https://acme.qualytics.io",
                List.of(new DatastoreRef(3L, "a"), new DatastoreRef(7L, "b")),
                EnumSet.of(ResourceType.DATASTORES, ResourceType.CONTAINERS),
                Map.of(ResourceType.CONTAINERS, 5, ResourceType.DATASTORES, 2));

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
                EnumSet.allOf(ResourceType.class), Map.of());

        Failure failure = assertThrows(Failure.class, () -> staging.checkCompatible(folder, prod(), false));

        assertEquals(ExitCode.USAGE, failure.exitCode());
        assertEquals(folder + " holds an export of datastore 42 (prod-warehouse) at acme.qualytics.io; this run "
                + "exports datastore 7 (stage): pass --force to replace it, or use another --output", failure.getMessage());
        assertDoesNotThrow(() -> staging.checkCompatible(folder, prod(), true));
    }

    @Test
    void anotherHostIsRefusedAndNamed() {
        ExportManifest dev = ExportManifest.of("https://dev.qualytics.io", List.of(new DatastoreRef(42L, "prod-warehouse")),
                EnumSet.allOf(ResourceType.class), Map.of());

        Failure failure = assertThrows(Failure.class, () -> dev.checkCompatible(prod(), false));

        assertTrue(failure.getMessage().contains("at acme.qualytics.io; this run exports datastore 42 (prod-warehouse) "
                + "at dev.qualytics.io"), failure.getMessage());
    }

    @Test
    void theSameHostAndDatastoresPassEvenWithOtherTypesOrCounts() {
        ExportManifest later = ExportManifest.of("https://ACME.qualytics.io", List.of(new DatastoreRef(42L, "renamed")),
                EnumSet.of(ResourceType.CHECKS), Map.of(ResourceType.CHECKS, 99));

        assertDoesNotThrow(() -> later.checkCompatible(folder, prod(), false));
        assertDoesNotThrow(() -> later.checkCompatible(folder, null, false));
    }
}
