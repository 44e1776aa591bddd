package qdrift.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reading every page of a big datastore sees each check exactly once, whatever page size the server allows. */
class SandboxPagingTest {
    private static Sandbox sandbox;
    private static SandboxHttp http;
    private static long datastore;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(TenantSpec.of(7, 10_000, 200));
        http = SandboxHttp.of(sandbox);
        datastore = sandbox.state().busiestDatastoreId();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void theBusiestDatastoreHoldsHalfOfTheChecks() {
        assertEquals(5_000, sandbox.state().checkIds(datastore).size());
    }

    @Test
    void everyPageOfOneHundredGivesEachCheckExactlyOnce() {
        Set<Long> seen = readAll("/api/quality-checks?datastore=" + datastore + "&archived=include", 100, 100);
        assertEquals(Set.copyOf(sandbox.state().checkIds(datastore)), seen, "the pages hold exactly the datastore's checks");
    }

    @Test
    void aServerClampedPageSizeStillGivesEachCheckExactlyOnce() {
        sandbox.configure(o -> o.withLegacyShapes(true).withMaxPageSize(37));
        try {
            JsonNode first = http.getJson("/api/quality-checks?datastore_id=" + datastore + "&size=100");
            assertEquals(37, first.get("size").asInt(), "the server says which size it used");
            Set<Long> seen = readAll("/api/quality-checks?datastore_id=" + datastore, 100, 37);
            assertEquals(first.get("total").asLong(), seen.size());
            assertTrue(seen.size() > 4_000, "archived checks are left out by default, the rest are there: " + seen.size());
        } finally {
            sandbox.configure(o -> o.withLegacyShapes(false).withMaxPageSize(0));
        }
    }

    @Test
    void containersOfSeveralDatastoresComeFromTheRepeatableParameter() {
        JsonNode page = http.allPages("/api/containers?datastore=10&datastore=12");
        int expected = sandbox.state().containerIds(10).size() + sandbox.state().containerIds(12).size();
        assertEquals(expected, page.get("total").asInt());
        assertEquals(expected, page.get("items").size());
        JsonNode listing = http.getJson("/api/containers/listing?datastore=10");
        assertEquals(sandbox.state().containerIds(10).size(), listing.size(), "listing is a plain array of the datastore's containers");
        assertEquals(Set.of("id", "name", "container_type"), fieldNames(listing.get(0)));
    }

    private static Set<Long> readAll(String path, int size, int expectedPageSize) {
        Set<Long> seen = new HashSet<>();
        long total = -1;
        long itemsRead = 0;
        for (int page = 1; total < 0 || (long) (page - 1) * expectedPageSize < total; page++) {
            JsonNode body = http.getJson(path + "&page=" + page + "&size=" + size);
            total = body.get("total").asLong();
            assertEquals(page, body.get("page").asInt());
            for (JsonNode item : body.get("items")) {
                assertTrue(seen.add(item.get("id").asLong()), "check " + item.get("id") + " came twice (page " + page + ")");
                itemsRead++;
            }
        }
        assertEquals(total, itemsRead, "the items of all pages add up to total");
        return seen;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
