package qdrift.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated tenant: the same spec gives the same tenant, and it has every kind of thing a real one has. */
class TenantGeneratorTest {
    private static TenantState tenant;

    @BeforeAll
    static void generate() {
        tenant = TenantGenerator.generate(TenantSpec.of(7, 2_000, 200));
    }

    @Test
    void theSameSpecGivesTheSameTenantAndAnotherSeedAnotherOne() {
        TenantState again = TenantGenerator.generate(TenantSpec.of(7, 2_000, 200));
        for (Kind kind : Kind.values()) {
            assertEquals(tenant.ids(kind), again.ids(kind), kind + " ids");
            for (long id : tenant.ids(kind)) {
                assertEquals(tenant.get(kind, id), again.get(kind, id), kind + " " + id);
            }
        }
        TenantState other = TenantGenerator.generate(TenantSpec.of(8, 2_000, 200));
        assertNotEquals(tenant.get(Kind.CHECK, 1_000_001), other.get(Kind.CHECK, 1_000_001));
    }

    @Test
    void theSizesAreTheOnesAskedFor() {
        assertEquals(2_000, tenant.count(Kind.CHECK));
        assertEquals(200, tenant.count(Kind.CONTAINER));
        long computed = tenant.rows(Kind.CONTAINER).filter(r -> r.type().startsWith("computed_")).count();
        assertTrue(computed >= 30 && computed <= 50, "about 20% computed containers: " + computed);
        long withFields = tenant.rows(Kind.COMPUTED_FIELD).map(Row::ownerId).distinct().count();
        assertTrue(withFields >= 70 && withFields <= 130, "about half the containers have computed fields: " + withFields);
    }

    @Test
    void everyContainerTypeAndReferenceKindIsThere() {
        Set<String> types = tenant.rows(Kind.CONTAINER).map(Row::type).collect(Collectors.toSet());
        assertTrue(types.containsAll(Set.of("table", "view", "file", "computed_table", "computed_file", "computed_join")), types::toString);
        List<ObjectNode> containers = tenant.ids(Kind.CONTAINER).stream().map(id -> tenant.get(Kind.CONTAINER, id)).toList();
        assertTrue(containers.stream().anyMatch(c -> c.has("sources")), "a computed_join with sources");
        assertTrue(containers.stream().anyMatch(c -> c.has("right_datastore_id")
                && c.get("right_datastore_id").asLong() != c.get("datastore_id").asLong()), "a cross-datastore join");
        assertTrue(containers.stream().anyMatch(c -> c.path("query").asText().contains("\n")), "multi-line SQL");
        Set<String> transformations = tenant.rows(Kind.COMPUTED_FIELD).map(Row::type).collect(Collectors.toSet());
        assertTrue(transformations.containsAll(Set.of("cleanedEntityName", "customExpression", "entityNameLookup")), transformations::toString);
        assertEquals(15L, tenant.get(Kind.DATASTORE, 10).get("enrich_datastore_id").asLong(), "the enrichment datastore is referenced");
        Set<String> connectionTypes = tenant.rows(Kind.CONNECTION).map(Row::type).collect(Collectors.toSet());
        assertEquals(Set.of("jdbc", "dfs"), connectionTypes);
        assertTrue(tenant.get(Kind.CONNECTION, 3).has("secrets_manager"));
    }

    @Test
    void checksCoverManyRulesAndTheTrickyCases() {
        List<ObjectNode> checks = tenant.ids(Kind.CHECK).stream().map(id -> tenant.get(Kind.CHECK, id)).toList();
        Set<String> rules = checks.stream().map(c -> c.get("rule_type").asText()).collect(Collectors.toSet());
        assertTrue(rules.size() >= 12 && rules.containsAll(Set.of("notNull", "between", "existsIn", "matchesPattern", "isUnique",
                "expectedValues", "satisfiesExpression")), rules::toString);
        assertTrue(checks.stream().anyMatch(c -> c.path("additional_metadata").has("_qualytics_check_uid")), "stored uids");
        assertTrue(checks.stream().anyMatch(c -> c.path("additional_metadata").has("from quality check id")), "internal keys");
        assertTrue(checks.stream().anyMatch(c -> c.path("properties").has("ref_datastore_id")), "existsIn references");
        Set<String> seen = new HashSet<>();
        boolean pairWithOtherFilter = checks.stream().anyMatch(c -> {
            String key = c.get("container_id") + c.get("rule_type").asText() + c.get("fields");
            return !seen.add(key);
        });
        assertTrue(pairWithOtherFilter, "two checks with the same container, rule and fields");
        Set<String> texts = new HashSet<>();
        checks.forEach(c -> {
            texts.add(c.path("description").asText());
            texts.add(c.path("filter").asText());
        });
        assertTrue(texts.containsAll(Names.YAML_HOSTILE), "YAML-hostile descriptions and filters");
        Set<String> names = tenant.rows(Kind.CONTAINER).map(Row::name).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("Order Items", "order_items", "Café Über", "日本語", "yes", " leading and trailing ")), names::toString);
        JsonNode tags = tenant.get(Kind.DATASTORE, 10).get("global_tags");
        assertTrue(tags.get(0).isObject() && tags.get(0).has("name"), "global_tags are objects");
    }
}
