package qdrift.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import qdrift.api.ClientSettings;
import qdrift.api.QualyticsClient;
import qdrift.cli.Log;
import qdrift.cli.ServerConfig;
import qdrift.model.ResourceType;
import qdrift.model.TenantData;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.SandboxOptions;
import qdrift.sandbox.TenantSpec;

/** The exporter lays each datastore out while the others are still read: the files must be those of doing it all at the end. */
class ExporterPipelineTest {
    private static final Set<ResourceType> ALL = EnumSet.allOf(ResourceType.class);

    @Test
    void filesRenderedWhileReadingAreExactlyThoseOfTheSequentialCanonicalization() {
        try (Sandbox sandbox = Sandbox.start(TenantSpec.of(TenantSpec.DEFAULT_SEED, 300, 60),
                SandboxOptions.defaults().withPort(0).withRandomOrder(true));
             QualyticsClient client = new QualyticsClient(new ServerConfig(sandbox.url(), sandbox.token(), Duration.ofSeconds(30)),
                     ClientSettings.defaults(Log.silent()))) {
            Snapshot pipelined = new Exporter(client, Log.silent())
                    .export(new Exporter.Scope(List.of(), true, ALL)).snapshot();

            Snapshot sequential = Snapshot.of(readEverything(client), null, ALL);

            SortedMap<String, byte[]> expected = sequential.render();
            SortedMap<String, byte[]> actual = pipelined.render();
            assertEquals(expected.keySet(), actual.keySet(), "the pipelined export lays out other files");
            expected.forEach((path, bytes) -> assertArrayEquals(bytes, actual.get(path),
                    () -> path + " differs:\n" + new String(actual.get(path), StandardCharsets.UTF_8)));
            assertEquals(sequential.entries(), pipelined.entries(), "the pipelined export's entries differ");
            SortedMap<String, byte[]> fromEntries = Snapshot.ofEntries(pipelined.entries()).render();
            fromEntries.forEach((path, bytes) -> assertArrayEquals(bytes, actual.get(path),
                    () -> path + ": the bytes rendered while reading are not those of its entry"));
        }
    }

    private static TenantData readEverything(QualyticsClient client) {
        List<TenantData.DatastoreData> datastores = new ArrayList<>();
        for (ObjectNode listed : client.datastores()) {
            long id = listed.path("id").asLong();
            List<Long> containerIds = client.containers(id).stream().map(c -> c.path("id").asLong()).toList();
            datastores.add(new TenantData.DatastoreData(client.datastore(id), client.containerDetails(containerIds),
                    client.qualityChecks(id)));
        }
        return new TenantData(client.connections(), datastores);
    }
}
