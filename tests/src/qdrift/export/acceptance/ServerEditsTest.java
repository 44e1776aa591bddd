package qdrift.export.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.sandbox.Kind;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.TenantSpec;
import qdrift.sandbox.TenantState;

/**
 * Issue #3: a change made in the UI shows in `git status` as exactly the files of the resources concerned, and the
 * files of deleted resources are gone. Each test edits the tenant, so each gets a fresh sandbox.
 */
class ServerEditsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Sandbox sandbox;
    private TenantState state;
    private long datastore;
    private ConfigRepo repo;

    @BeforeEach
    void start(@TempDir Path dir) {
        sandbox = Sandbox.start(TenantSpec.small());
        state = sandbox.state();
        datastore = state.busiestDatastoreId();
        repo = ConfigRepo.init(dir);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void editAddAndDeleteOfACheckShowAsExactlyTheirFiles() throws Exception {
        List<Long> unique = checksAloneInTheirFile();
        long edited = unique.get(0);
        long deleted = unique.get(1);
        List<Long> twins = checksSharingAFile();
        long deletedTwin = twins.get(twins.size() - 1);
        state.updateCheck(edited, "{\"description\": \"check to edit\"}");
        state.updateCheck(deleted, "{\"description\": \"check to delete\"}");
        state.updateCheck(deletedTwin, "{\"description\": \"duplicate to delete\"}");
        baseline();
        String editedFile = repo.fileContaining("check to edit");
        String deletedFile = repo.fileContaining("check to delete");
        String deletedTwinFile = repo.fileContaining("duplicate to delete");
        assertTrue(deletedTwinFile.endsWith("__" + deletedTwin + ".yaml"), "a duplicate's file carries its id: " + deletedTwinFile);

        state.updateCheck(edited, "{\"description\": \"check to edit\", \"coverage\": 0.5}");
        state.deleteCheck(deleted);
        state.deleteCheck(deletedTwin);
        long container = state.get(Kind.CHECK, edited).path("container_id").asLong();
        state.create(Kind.CHECK, json("{\"rule_type\": \"notNull\", \"container_id\": " + container
                + ", \"fields\": [\"added_by_test\"], \"description\": \"check added\", \"status\": \"Active\"}"));
        repo.exportOk(sandbox, "--datastore-id", String.valueOf(datastore));

        String addedFile = repo.fileContaining("check added");
        assertEquals(sorted(ConfigRepo.line(" M", editedFile), ConfigRepo.line(" D", deletedFile),
                        ConfigRepo.line(" D", deletedTwinFile), ConfigRepo.line("??", addedFile)), repo.status(),
                "git status after editing, deleting, adding a check and deleting a later duplicate: exactly their files");
        assertTrue(addedFile.endsWith("/notnull__added_by_test.yaml"), "the added check's file is named by rule and field: " + addedFile);
        assertFalse(Files.exists(repo.folder().resolve(deletedFile)), "the deleted check's file is gone");
    }

    @Test
    void editAddAndDeleteOfAComputedFieldShowAsExactlyTheirFiles() throws Exception {
        List<Long> fields = computedFieldsOf(datastore);
        long edited = fields.get(0);
        long deleted = fields.get(1);
        state.updateComputedField(edited, "{\"additional_metadata\": {\"marker\": \"field to edit\"}}");
        state.updateComputedField(deleted, "{\"additional_metadata\": {\"marker\": \"field to delete\"}}");
        baseline();
        String editedFile = repo.fileContaining("field to edit");
        String deletedFile = repo.fileContaining("field to delete");

        state.updateComputedField(edited, "{\"additional_metadata\": {\"marker\": \"field to edit\", \"owner\": \"qa\"}}");
        state.delete(Kind.COMPUTED_FIELD, deleted);
        long container = state.get(Kind.COMPUTED_FIELD, edited).path("container_id").asLong();
        state.create(Kind.COMPUTED_FIELD, json("{\"name\": \"added by test\", \"container_id\": " + container
                + ", \"transformation_type\": \"customExpression\", \"properties\": {\"column_expression\": \"1\"},"
                + " \"additional_metadata\": {\"marker\": \"field added\"}}"));
        repo.exportOk(sandbox, "--datastore-id", String.valueOf(datastore));

        String addedFile = repo.fileContaining("field added");
        assertEquals(sorted(ConfigRepo.line(" M", editedFile), ConfigRepo.line(" D", deletedFile),
                ConfigRepo.line("??", addedFile)), repo.status(), "git status after editing, deleting and adding a computed field");
        assertTrue(addedFile.endsWith("/computed_fields/added_by_test.yaml"), addedFile);
    }

    @Test
    void editAddAndDeleteOfAComputedContainerShowAsExactlyTheirFiles() throws Exception {
        List<Long> computed = computedContainersOf(datastore);
        long edited = computed.get(0);
        long deleted = computed.stream().filter(id -> id != edited && !checksOfContainer(id).isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("the tenant should have a computed container with checks"));
        state.updateContainer(edited, "{\"description\": \"container to edit\"}");
        state.updateContainer(deleted, "{\"description\": \"container to delete\"}");
        baseline();
        String editedFile = repo.fileContaining("container to edit");
        String deletedFile = repo.fileContaining("container to delete");
        String deletedSlug = Path.of(deletedFile).getParent().getFileName().toString();
        String datastoreFolder = deletedFile.substring(0, deletedFile.indexOf("/containers/"));
        List<String> deletedFiles = repo.files().keySet().stream()
                .filter(f -> f.startsWith(datastoreFolder + "/containers/" + deletedSlug + "/")
                        || f.startsWith(datastoreFolder + "/checks/" + deletedSlug + "/"))
                .toList();
        assertTrue(deletedFiles.size() > 1, "the container to delete has checks in the export: " + deletedFiles);

        state.updateContainer(edited, "{\"description\": \"container to edit\", \"where_clause\": \"amount > 10\"}");
        state.delete(Kind.CONTAINER, deleted);
        state.create(Kind.CONTAINER, json("{\"name\": \"added_by_test\", \"container_type\": \"computed_table\", \"datastore_id\": "
                + datastore + ", \"query\": \"SELECT 1\", \"description\": \"container added\"}"));
        repo.exportOk(sandbox, "--datastore-id", String.valueOf(datastore));

        List<String> expected = new ArrayList<>();
        expected.add(ConfigRepo.line(" M", editedFile));
        expected.add(ConfigRepo.line("??", datastoreFolder + "/containers/added_by_test/_container.yaml"));
        deletedFiles.forEach(f -> expected.add(ConfigRepo.line(" D", f)));
        assertEquals(sorted(expected.toArray(String[]::new)), repo.status(),
                "git status after editing, deleting (with its checks and computed fields) and adding a computed container");
        assertFalse(Files.exists(repo.folder().resolve(datastoreFolder + "/containers/" + deletedSlug)),
                "the deleted container's folder is removed");
        assertFalse(Files.exists(repo.folder().resolve(datastoreFolder + "/checks/" + deletedSlug)),
                "the deleted container's checks folder is removed");
    }

    @Test
    void aConnectionHostChangeShowsAsExactlyTheConnectionFile() {
        baseline();
        String before = repo.files().get("connections/prod_pg.yaml");
        assertTrue(before != null && before.contains("db.prod.example.com"), "the baseline has prod-pg's host: " + before);

        state.updateConnection(state.idByName(Kind.CONNECTION, "prod-pg"), "{\"host\": \"db2.prod.example.com\"}");
        repo.exportOk(sandbox, "--datastore-id", String.valueOf(datastore));

        assertEquals(List.of(ConfigRepo.line(" M", "connections/prod_pg.yaml")), repo.status(),
                "only the connection's file changes, not the datastores that use it");
        assertTrue(repo.files().get("connections/prod_pg.yaml").contains("db2.prod.example.com"));
    }

    @Test
    void archivingACheckShowsAsAStatusChangeOfItsFile() {
        long check = checksAloneInTheirFile().get(0);
        state.updateCheck(check, "{\"description\": \"check to archive\", \"status\": \"Active\"}");
        baseline();
        String file = repo.fileContaining("check to archive");

        state.updateCheck(check, "{\"status\": \"Archived\"}");
        repo.exportOk(sandbox, "--datastore-id", String.valueOf(datastore));

        assertEquals(List.of(ConfigRepo.line(" M", file)), repo.status(), "an archived check keeps its file");
        assertTrue(repo.files().get(file).contains("status: Archived"), repo.files().get(file));
    }

    // ---- helpers ----

    private void baseline() {
        repo.exportOk(sandbox, "--datastore-id", String.valueOf(datastore));
        repo.commitAll("baseline export");
        assertEquals(List.of(), repo.status(), "the baseline is committed");
    }

    /** Checks of the datastore that no other check shares container, rule and fields with (no __<id> file twin). */
    private List<Long> checksAloneInTheirFile() {
        List<Long> alone = checksByFile().values().stream().filter(ids -> ids.size() == 1).map(ids -> ids.get(0)).sorted().toList();
        assertTrue(alone.size() >= 2, "the tenant should have checks alone in their file");
        return alone;
    }

    /** A group of checks sharing container, rule and fields, by ascending id. */
    private List<Long> checksSharingAFile() {
        return checksByFile().values().stream().filter(ids -> ids.size() > 1).findFirst()
                .orElseThrow(() -> new AssertionError("the tenant should have duplicate checks"));
    }

    private Map<String, List<Long>> checksByFile() {
        Map<String, List<Long>> byKey = new TreeMap<>();
        for (long id : state.checkIds(datastore)) {
            ObjectNode check = state.get(Kind.CHECK, id);
            List<String> fields = new ArrayList<>();
            check.path("fields").forEach(f -> fields.add(f.path("name").asText()));
            fields.sort(null);
            String key = check.path("container_id").asText() + "/" + check.path("rule_type").asText() + "/" + fields;
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
        }
        return byKey;
    }

    private List<Long> computedContainersOf(long datastoreId) {
        List<Long> computed = state.containerIds(datastoreId).stream()
                .filter(id -> state.get(Kind.CONTAINER, id).path("container_type").asText().startsWith("computed"))
                .toList();
        assertTrue(computed.size() >= 2, "the tenant should have two computed containers in datastore " + datastoreId);
        return computed;
    }

    private List<Long> computedFieldsOf(long datastoreId) {
        List<Long> fields = state.containerIds(datastoreId).stream().flatMap(c -> state.computedFieldIds(c).stream()).toList();
        assertTrue(fields.size() >= 2, "the tenant should have two computed fields in datastore " + datastoreId);
        return fields;
    }

    private List<Long> checksOfContainer(long containerId) {
        return state.checkIds(datastore).stream()
                .filter(id -> state.get(Kind.CHECK, id).path("container_id").asLong() == containerId).toList();
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static List<String> sorted(String... lines) {
        return java.util.Arrays.stream(lines).sorted().toList();
    }
}
