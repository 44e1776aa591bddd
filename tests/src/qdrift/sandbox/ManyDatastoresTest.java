package qdrift.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --datastores N (benchmarks of many datastores): N datastores in all, each but the enrichment one with checks. */
class ManyDatastoresTest {
    @Test
    void extraDatastoresTakeTheirShareOfContainersAndChecks() {
        TenantState state = TenantGenerator.generate(TenantSpec.of(7, 2000, 200).withDatastores(20));
        assertEquals(20, state.ids(Kind.DATASTORE).size());
        Map<Long, Integer> checksByDatastore = new HashMap<>();
        for (long datastore : state.ids(Kind.DATASTORE)) {
            if (!state.checkIds(datastore).isEmpty()) {
                checksByDatastore.put(datastore, state.checkIds(datastore).size());
            }
            assertTrue(!state.containerIds(datastore).isEmpty(), "datastore " + datastore + " has containers");
        }
        assertEquals(2000, state.ids(Kind.CHECK).size());
        assertEquals(19, checksByDatastore.size(), "every datastore but the enrichment one has checks: " + checksByDatastore);
        assertTrue(state.get(Kind.DATASTORE, 100).path("name").asText().equals("extra-01"));
    }

    @Test
    void theDefaultTenantKeepsItsSixDatastoresAndFewerAreRefused() {
        assertEquals(6, TenantGenerator.generate(TenantSpec.small()).ids(Kind.DATASTORE).size());
        assertThrows(IllegalArgumentException.class, () -> TenantSpec.small().withDatastores(5));
    }
}
