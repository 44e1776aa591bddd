package qdrift.export.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.api.ApiOperations;
import qdrift.api.ApiOperations.Operation;
import qdrift.api.ApiOperations.Param;
import qdrift.api.ClientSettings;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.TenantSpec;

/**
 * What a full export really sends, as the sandbox saw it: no size above 100 (a real list answers 422 there), an
 * explicit sort on every paged list, and nothing ApiOperations (the list doctor checks against the server) leaves out.
 */
class ReadContractTest {
    @Test
    void aFullExportAsksNoPageAboveOneHundredSortsEveryListAndSendsOnlyWhatApiOperationsLists(@TempDir Path dir) {
        try (Sandbox sandbox = Sandbox.start(TenantSpec.of(5, 1_500, 60).withDatastores(7))) {
            sandbox.stats().reset();
            ConfigRepo.init(dir).exportOk(sandbox, "--all-datastores");

            Map<String, Map<String, SortedSet<String>>> sent = sandbox.stats().queries();
            Map<String, Operation> declared = ApiOperations.ALL.stream()
                    .collect(Collectors.toMap(o -> o.method() + " " + o.pathShape(), o -> o));
            int pagedLists = 0;
            for (var operation : sandbox.stats().byPath().keySet()) {
                String[] parts = operation.split(" ", 2);
                Operation listed = declared.get(parts[0] + " " + ApiOperations.shape(parts[1]));
                assertNotNull(listed, operation + " was sent but ApiOperations does not list it, so doctor cannot check it");
                Set<String> names = listed.query().stream().map(Param::name).collect(Collectors.toSet());
                Map<String, SortedSet<String>> query = sent.getOrDefault(operation, Map.of());
                assertTrue(names.containsAll(query.keySet()), operation + " sent " + query.keySet() + ", ApiOperations lists " + names);
                if (query.containsKey("size")) {
                    pagedLists++;
                    for (String size : query.get("size")) {
                        assertTrue(Integer.parseInt(size) <= ClientSettings.MAX_PAGE_SIZE, operation + " asked size=" + size);
                    }
                    List<String> sorts = query.keySet().stream().filter(n -> n.startsWith("sort_")).toList();
                    assertEquals(1, sorts.size(), operation + " carries exactly one explicit sort: " + query.keySet());
                    assertEquals(Set.of("asc"), query.get(sorts.get(0)), operation + " sorts ascending");
                }
            }
            assertEquals(4, pagedLists, "datastores, connections, containers and checks are all paged lists: " + sent.keySet());
            assertTrue(sent.get("GET /api/quality-checks").get("page").size() > 1, "the checks of a datastore took several pages");
        }
    }

    @Test
    void aPageSizeAboveOneHundredIsAUsageError() {
        Failure refused = org.junit.jupiter.api.Assertions.assertThrows(Failure.class,
                () -> ClientSettings.defaults(Log.silent()).withPageSize(101));
        assertEquals(ExitCode.USAGE, refused.exitCode());
        assertTrue(refused.getMessage().contains("100"), refused.getMessage());
        assertEquals(100, ClientSettings.defaults(Log.silent()).withPageSize(100).pageSize());
        assertEquals(100, ClientSettings.DEFAULT_PAGE_SIZE, "the default is the largest page the API serves");
    }
}
