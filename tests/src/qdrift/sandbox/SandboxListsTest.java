package qdrift.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's lists answer like the 2025 schema: size at most 100 (422 above it, no clamp, unless the legacy shapes
 * are on), a {@code pages} count, the sort a request asks for on every page, and optionally a check list that refuses
 * archived=include.
 */
class SandboxListsTest {
    private static Sandbox sandbox;
    private static SandboxHttp http;
    private static long datastore;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(TenantSpec.of(11, 600, 30));
        http = SandboxHttp.of(sandbox);
        datastore = sandbox.state().busiestDatastoreId();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @AfterEach
    void reset() {
        sandbox.configure(o -> SandboxOptions.defaults());
        sandbox.configureInstance(i -> InstanceOptions.defaults());
    }

    @Test
    void aSizeAboveOneHundredIsRefusedNamingSize() {
        SandboxHttp.Reply reply = http.get("/api/quality-checks?datastore=" + datastore + "&size=101");
        assertEquals(422, reply.status(), reply::toString);
        JsonNode problem = reply.json().get("detail").get(0);
        assertEquals("query", problem.get("loc").get(0).asText());
        assertEquals("size", problem.get("loc").get(1).asText());
        assertTrue(problem.get("msg").asText().contains("100"), reply::toString);
        assertEquals(100, http.getJson("/api/quality-checks?datastore=" + datastore + "&size=100").get("items").size(),
                "100 itself is served in full");
    }

    @Test
    void onlyTheLegacyShapesKeepTheOldClampAndServeLargerPages() {
        sandbox.configure(o -> o.withLegacyShapes(true));
        JsonNode unclamped = http.getJson("/api/quality-checks?datastore=" + datastore + "&size=1000");
        assertEquals(unclamped.get("total").asInt(), unclamped.get("items").size(), "an older server served one big page");
        assertFalse(unclamped.has("pages"), "older page answers have no pages");
        sandbox.configure(o -> o.withMaxPageSize(30));
        assertEquals(30, http.getJson("/api/quality-checks?datastore=" + datastore + "&size=100").get("size").asInt());
    }

    @Test
    void pageAnswersCarryPages() {
        JsonNode page = http.getJson("/api/quality-checks?datastore=" + datastore + "&archived=include&size=40&page=2");
        int total = page.get("total").asInt();
        assertTrue(total > 80, "enough checks for three pages: " + total);
        assertEquals((total + 39) / 40, page.get("pages").asInt(), "pages = ceil(total / size)");
        assertEquals(2, page.get("page").asInt());
        assertEquals(0, http.getJson("/api/quality-checks?datastore=999999&size=10").get("pages").asInt(), "no items, no pages");
    }

    @Test
    void everyPageIsCutFromTheOrderTheSortAsks() {
        String base = "/api/quality-checks?datastore=" + datastore + "&archived=include";
        List<JsonNode> ascending = items(http.allPages(base + "&sort_created=asc"));
        List<String> created = ascending.stream().map(c -> c.get("created").asText()).toList();
        assertEquals(created.stream().sorted().toList(), created, "created ascending across all pages");
        List<Long> byId = ascending.stream().map(c -> c.get("id").asLong()).toList();
        assertFalse(byId.stream().sorted().toList().equals(byId), "created order is not id order here, so the sort is really applied");

        List<String> descending = items(http.allPages(base + "&sort_created=desc")).stream().map(c -> c.get("created").asText()).toList();
        assertEquals(created.stream().sorted(Comparator.reverseOrder()).toList(), descending, "created descending");

        List<Long> idsDown = items(http.allPages(base + "&sort_id=desc")).stream().map(c -> c.get("id").asLong()).toList();
        assertEquals(byId.stream().sorted(Comparator.reverseOrder()).toList(), idsDown, "sort_id=desc");

        List<String> names = items(http.allPages("/api/containers?datastore=" + datastore + "&sort_name=asc")).stream()
                .map(c -> c.get("name").asText()).toList();
        assertEquals(names.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList(), names, "sort_name on containers");
    }

    @Test
    void aSortDirectionOtherThanAscOrDescIsRefusedNamingTheSort() {
        SandboxHttp.Reply reply = http.get("/api/connections?sort_id=up");
        assertEquals(422, reply.status(), reply::toString);
        assertEquals("sort_id", reply.json().get("detail").get(0).get("loc").get(1).asText());
    }

    @Test
    void aServerWhoseCheckFilterLacksIncludeRefusesItNamingArchived() {
        sandbox.configureInstance(i -> i.withChecksRefusingArchivedInclude(true));
        SandboxHttp.Reply reply = http.get("/api/quality-checks?datastore=" + datastore + "&archived=include");
        assertEquals(422, reply.status(), reply::toString);
        assertEquals("archived", reply.json().get("detail").get(0).get("loc").get(1).asText());
        int active = http.getJson("/api/quality-checks?datastore=" + datastore + "&size=1").get("total").asInt();
        int archived = http.getJson("/api/quality-checks?datastore=" + datastore + "&archived=only&size=1").get("total").asInt();
        assertTrue(archived > 0, "the tenant has archived checks");
        assertEquals(sandbox.state().checkIds(datastore).size(), active + archived, "without it and only, together, are every check");
        assertEquals(200, http.get("/api/containers?datastore=" + datastore + "&archived=include").status(), "containers still take include");

        JsonNode document = http.getJson("/api/openapi.json");
        String checkList = document.get("paths").get("/api/quality-checks").get("get").get("parameters").toString();
        assertTrue(checkList.contains("ArchivedCheckFilter"), "its OpenAPI document says so too: " + checkList);
        assertEquals("[\"exclude\",\"only\"]", document.at("/components/schemas/ArchivedCheckFilter/enum").toString());
    }

    private static List<JsonNode> items(JsonNode page) {
        List<JsonNode> items = new ArrayList<>();
        page.get("items").forEach(items::add);
        assertEquals(page.get("total").asInt(), items.size());
        return items;
    }
}
