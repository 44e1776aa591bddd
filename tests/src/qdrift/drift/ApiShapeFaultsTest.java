package qdrift.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.sandbox.Kind;
import qdrift.testing.Fault;
import qdrift.testing.ScriptRun;

/**
 * Server values of unusual size or shape (a 1 MB query, deeply nested JSON, text in many scripts) are reported as
 * exactly their one change, and once committed they read back equal: the next run is clean.
 */
class ApiShapeFaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;
    DriftRepo fixture;

    @BeforeEach
    void baseline() {
        fixture = DriftRepo.create(temp);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** One drift run reports exactly one modified file (returned); after committing it, the next run is clean. */
    private String assertOneChangeThenCleanAfterCommit() throws Exception {
        Path report = temp.resolve("drift.json");
        ScriptRun drifted = fixture.drift("--no-pull", "--quiet", "-o", "json=" + report);
        assertEquals(1, drifted.exitCode(), drifted.toString());
        JsonNode changes = JSON.readTree(Files.readString(report)).path("changes");
        assertEquals(1, changes.size(), "exactly the one edited resource: " + changes);
        assertEquals("modified", changes.get(0).path("kind").asText(), changes.toString());
        fixture.commitAll("accept the server's value");
        ScriptRun again = fixture.drift("--no-pull", "--quiet");
        assertEquals(0, again.exitCode(), "committed, the value reads back equal\n" + again);
        return changes.get(0).path("file").asText();
    }

    @Test
    @Fault(group = "api-shape")
    void aOneMegabyteComputedTableQueryIsOneChangeAndReadsBackEqual() throws Exception {
        long container = fixture.state().containerIds(fixture.datastoreId).stream()
                .filter(id -> fixture.state().get(Kind.CONTAINER, id).path("container_type").asText().equals("computed_table"))
                .findFirst().orElseThrow(() -> new AssertionError("no computed table in the tenant"));
        StringBuilder sql = new StringBuilder("SELECT *\nFROM orders\nWHERE id IN (");
        for (int i = 0; sql.length() < 1_048_576; i++) {
            sql.append(i == 0 ? "" : ", ").append(i);
        }
        sql.append(")");
        ObjectNode patch = JSON.createObjectNode().put("query", sql.toString());
        fixture.state().updateContainer(container, patch.toString());

        String file = assertOneChangeThenCleanAfterCommit();

        String yaml = Files.readString(fixture.repo.resolve(DriftRepo.FOLDER).resolve(file));
        assertTrue(yaml.length() > 1_048_576, "the whole query is in " + file + " (" + yaml.length() + " chars)");
    }

    @Test
    @Fault(group = "api-shape")
    void deeplyNestedJsonInACheckIsOneChangeAndReadsBackEqual() throws Exception {
        ObjectNode deep = JSON.createObjectNode();
        ObjectNode level = deep;
        for (int i = 0; i < 200; i++) {
            level = level.putObject("level" + i);
        }
        level.put("leaf", "bottom").putArray("list").add(1).addObject().put("k", List.of("v").get(0));
        long check = fixture.activeCheck().path("id").asLong();
        fixture.state().updateCheck(check, JSON.createObjectNode().set("additional_metadata", deep).toString());

        assertOneChangeThenCleanAfterCommit();
    }

    @Test
    @Fault(group = "api-shape")
    void textInManyScriptsIsOneChangeAndReadsBackEqual() throws Exception {
        String text = "売上チェック — 中文 한국어 עברית العربية Ελληνικά emoji 📈✅ combining e\u0301 zero-width\u200b joiner, nbsp\u00a0"
                + " quotes \"'` yaml-ish: - ? # & * ! | > % @";
        long check = fixture.activeCheck().path("id").asLong();
        fixture.state().updateCheck(check, JSON.createObjectNode().put("description", text).toString());

        String file = assertOneChangeThenCleanAfterCommit();

        assertTrue(Files.readString(fixture.repo.resolve(DriftRepo.FOLDER).resolve(file)).contains("📈"), "written as UTF-8 text");
    }
}
