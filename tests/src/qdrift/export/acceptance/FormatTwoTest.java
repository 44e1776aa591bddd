package qdrift.export.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.export.ExportLayout;
import qdrift.model.CanonicalYaml;
import qdrift.model.WriteKeys;
import qdrift.sandbox.Kind;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.TenantSpec;
import qdrift.sandbox.TenantState;
import qdrift.testing.ScriptRun;

/**
 * Export format 2: files that name every key of their write call, check uids unique within a datastore, the
 * enrichment datastore's connection, and a manifest of identity only, so one change on the server is exactly its files.
 */
class FormatTwoTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Sandbox sandbox;
    private TenantState state;
    private ConfigRepo repo;
    private long datastore;

    @BeforeEach
    void baseline() {
        sandbox = Sandbox.start(TenantSpec.of(TenantSpec.DEFAULT_SEED, 80, 20));
        state = sandbox.state();
        datastore = state.busiestDatastoreId();
        repo = ConfigRepo.init(dir);
        repo.exportOk(sandbox, "--datastore-id", String.valueOf(datastore));
        repo.commitAll("baseline");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private ScriptRun export() {
        return repo.exportOk(sandbox, "--datastore-id", String.valueOf(datastore));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void everyFileNamesEveryKeyOfItsWriteCallWithOneBlankForm() {
        Map<String, String> files = repo.files();
        int checked = 0;
        for (Map.Entry<String, String> file : files.entrySet()) {
            var where = ExportLayout.identify(file.getKey());
            if (where.isEmpty()) {
                continue;
            }
            JsonNode body = CanonicalYaml.read(file.getValue().getBytes(StandardCharsets.UTF_8), file.getKey());
            for (String key : WriteKeys.of(where.get().type(), body)) {
                assertTrue(file.getValue().contains("\n" + key + ":") || file.getValue().startsWith(key + ":"),
                        file.getKey() + " names " + key + ":\n" + file.getValue());
            }
            assertTrue(!file.getValue().contains(": \"\"\n") || file.getKey().startsWith("connections/"), "no empty strings as blanks");
            checked++;
        }
        assertTrue(checked > 50, "every resource file was looked at: " + checked);
        String check = files.entrySet().stream().filter(e -> e.getKey().contains("/checks/") && e.getValue().contains("filter: null"))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        assertTrue(check.contains("anomaly_message_field: null\n"), check);
        String datastoreFile = files.get("datastores/prod_warehouse/_datastore.yaml");
        assertTrue(datastoreFile.contains("connection_name: prod-pg\n"), datastoreFile);
    }

    @Test
    void eachEditAddAndDeleteOfEachTypeShowsAsExactlyItsFiles() {
        long connection = state.idByName(Kind.CONNECTION, "prod-pg");
        long computed = state.containerIds(datastore).stream()
                .filter(id -> state.get(Kind.CONTAINER, id).path("container_type").asText().startsWith("computed_")).findFirst().orElseThrow();
        long withFields = state.containerIds(datastore).stream().filter(id -> !state.computedFieldIds(id).isEmpty()).findFirst().orElseThrow();
        long field = state.computedFieldIds(withFields).get(0);
        long check = state.checkIds(datastore).get(0);

        step("connection edit", () -> state.updateConnection(connection, "{\"host\": \"db2.prod.example.com\"}"), " M", "db2.prod.example.com");
        step("datastore edit", () -> state.updateDatastore(datastore, "{\"high_count_rollup_threshold\": 77}"), " M", "high_count_rollup_threshold: 77");
        step("container edit", () -> state.updateContainer(computed, "{\"description\": \"container edited\"}"), " M", "container edited");
        step("container add", () -> state.create(Kind.CONTAINER, json("{\"name\": \"added_container\", \"container_type\": \"computed_table\","
                + " \"datastore_id\": " + datastore + ", \"query\": \"SELECT 1\", \"description\": \"container added\"}")), "??", "container added");
        String addedContainer = repo.fileContaining("container added");
        step("container delete", () -> state.delete(Kind.CONTAINER, state.idByName(Kind.CONTAINER, "added_container")), addedContainer);
        step("computed field edit", () -> state.updateComputedField(field, "{\"additional_metadata\": {\"note\": \"field edited\"}}"), " M", "field edited");
        step("computed field add", () -> state.create(Kind.COMPUTED_FIELD, json("{\"name\": \"added_field\", \"container_id\": " + withFields
                + ", \"transformation\": \"customExpression\", \"properties\": {\"column_expression\": \"'field added'\"}}")), "??", "field added");
        String addedField = repo.fileContaining("field added");
        step("computed field delete", () -> state.delete(Kind.COMPUTED_FIELD, state.computedFieldIds(withFields).stream()
                .filter(id -> state.get(Kind.COMPUTED_FIELD, id).path("name").asText().equals("added_field")).findFirst().orElseThrow()), addedField);
        step("check edit", () -> state.updateCheck(check, "{\"filter\": \"check edited\"}"), " M", "check edited");
        step("check filter cleared", () -> state.updateCheck(check, "{\"filter\": null}"), repo.fileContaining("check edited"));
        long container = state.get(Kind.CHECK, check).path("container_id").asLong();
        step("check add", () -> state.createCheck("{\"container_id\": " + container + ", \"rule\": \"notNull\", \"fields\": [\"added_field_x\"],"
                + " \"description\": \"check added\"}"), "??", "check added");
        String addedCheck = repo.fileContaining("check added");
        long added = state.checkIds(datastore).get(state.checkIds(datastore).size() - 1);
        step("check delete", () -> state.deleteCheck(added), addedCheck);
    }

    /** A change, then an export: git shows exactly the one file holding {@code marker} (or, for a deletion, the given file). */
    private void step(String scenario, Runnable change, String code, String marker) {
        change.run();
        export();
        String file = repo.fileContaining(marker);
        assertEquals(List.of(ConfigRepo.line(code, file)), repo.status(), scenario + ": exactly its file");
        repo.commitAll(scenario);
    }

    private void step(String scenario, Runnable change, String changedFile) {
        change.run();
        export();
        List<String> status = repo.status();
        assertEquals(1, status.size(), scenario + ": exactly one file: " + status);
        assertTrue(status.get(0).endsWith(ConfigRepo.FOLDER + "/" + changedFile), scenario + ": " + status);
        repo.commitAll(scenario);
    }

    @Test
    void aReexportOfAnUnchangedServerInRandomOrderWritesNoFile() {
        sandbox.configure(o -> o.withRandomOrder(true).withChurn(true));
        ScriptRun again = export();
        assertEquals(List.of(), repo.status(), "random order and churn change no byte:\n" + again.err());
        assertTrue(again.err().contains("0 written"), again.err());
    }

    @Test
    void checkUidsAreUniqueAndAStoredUidTwoChecksShareGoesToNeitherWithAWarning() {
        List<Long> ids = state.checkIds(datastore);
        long low = ids.get(2);
        long high = ids.get(5);
        for (long id : List.of(high, low)) {
            state.updateCheck(id, "{\"additional_metadata\": {\"_qualytics_check_uid\": \"shared-uid\", \"marker\": \"marker-" + id + "\"}}");
        }
        ScriptRun run = export();
        assertTrue(run.err().contains("checks [" + low + ", " + high + "] share _qualytics_check_uid 'shared-uid': neither file gets it"),
                run.err());
        for (long id : List.of(low, high)) {
            String file = repo.fileContaining("marker-" + id);
            String derived = file.substring(file.indexOf("/checks/") + 8, file.length() - 5).replace("/", "__");
            String uid = CanonicalYaml.read(repo.files().get(file).getBytes(StandardCharsets.UTF_8))
                    .path("additional_metadata").path("_qualytics_check_uid").asText();
            assertEquals(derived, uid, "check " + id + " gets the uid of its file, not the shared one:\n" + repo.files().get(file));
        }

        Set<String> uids = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        repo.files().forEach((path, text) -> {
            if (path.startsWith("datastores/prod_warehouse/checks/")) {
                String uid = CanonicalYaml.read(text.getBytes(StandardCharsets.UTF_8)).path("additional_metadata").path("_qualytics_check_uid").asText();
                if (!uids.add(uid)) {
                    duplicates.add(uid);
                }
            }
        });
        assertEquals(List.of(), duplicates, "uids are unique within the datastore, alike-slugging containers and duplicates included");
        assertNotEquals(0, uids.size());
    }

    @Test
    void theEnrichmentDatastoresConnectionIsExported() {
        Supplier<String> enrichmentConnection = () -> state.nameOf(Kind.CONNECTION,
                state.get(Kind.DATASTORE, state.get(Kind.DATASTORE, datastore).path("enrich_datastore_id").asLong()).path("connection_id").asLong());
        String name = enrichmentConnection.get();
        assertEquals("enrichment-pg", name);
        assertTrue(repo.files().containsKey("connections/enrichment_pg.yaml"), "exported with the datastore that enriches into it: "
                + repo.files().keySet().stream().filter(p -> p.startsWith("connections/")).toList());
    }
}
