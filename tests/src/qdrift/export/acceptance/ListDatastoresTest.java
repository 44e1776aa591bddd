package qdrift.export.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import qdrift.sandbox.Kind;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.SandboxOptions;
import qdrift.sandbox.TenantSpec;
import qdrift.testing.ScriptRun;

/** Issue 17: a newcomer finds the id --datastore-id wants with export.java --list-datastores. */
class ListDatastoresTest {
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(TenantSpec.small(), SandboxOptions.defaults());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static ScriptRun list(String... extra) {
        List<String> args = new ArrayList<>(List.of("--url", sandbox.url(), "--token", sandbox.token(), "--list-datastores"));
        args.addAll(List.of(extra));
        return ScriptRun.of("ExportCommand", args.toArray(String[]::new));
    }

    @Test
    void theTextListsEveryDatastoreByIdWithItsNameTypeAndConnection() {
        ScriptRun run = list();
        assertEquals(0, run.exitCode(), run::toString);
        List<String> lines = run.out().lines().toList();
        List<Long> ids = sandbox.state().ids(Kind.DATASTORE).stream().sorted().toList();
        assertEquals(ids.size() + 1, lines.size(), run::toString);
        assertTrue(lines.get(0).matches("ID +NAME +TYPE +CONNECTION +ENRICHMENT"), lines.get(0));
        for (int i = 0; i < ids.size(); i++) {
            JsonNode datastore = sandbox.state().get(Kind.DATASTORE, ids.get(i));
            String line = lines.get(i + 1);
            assertTrue(line.startsWith(ids.get(i) + " "), line);
            assertTrue(line.contains(datastore.path("name").asText()), line);
            assertTrue(line.contains("(#" + datastore.path("connection_id").asLong() + ")"), "the connection by name and id: " + line);
        }
    }

    @Test
    void jsonGivesTheSameRowsAndCombiningWithAnExportIsAUsageError() throws Exception {
        ScriptRun run = list("-o", "json");
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode rows = new ObjectMapper().readTree(run.out());
        List<Long> listed = new ArrayList<>();
        rows.forEach(row -> listed.add(row.path("id").asLong()));
        assertEquals(sandbox.state().ids(Kind.DATASTORE).stream().sorted().toList(), listed);
        rows.forEach(row -> assertTrue(row.has("name") && row.has("type") && row.has("connection") && row.has("enrichment"), row.toString()));

        ScriptRun both = list("--folder", "somewhere");
        assertEquals(2, both.exitCode(), both::toString);
        ScriptRun badFormat = list("-o", "yaml");
        assertEquals(2, badFormat.exitCode(), badFormat::toString);
    }
}
