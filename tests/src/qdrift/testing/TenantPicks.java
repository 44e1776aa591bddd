package qdrift.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import qdrift.sandbox.Kind;
import qdrift.sandbox.TenantState;

/** Resources of a sandbox datastore that the drift and revert fixtures edit "in the UI", picked the same way each run. */
public final class TenantPicks {
    private TenantPicks() {
    }

    /** An active check of the datastore with coverage above 0.5, the lowest id first. */
    public static ObjectNode activeCheck(TenantState state, long datastoreId) {
        return state.checkIds(datastoreId).stream().map(id -> state.get(Kind.CHECK, id))
                .filter(c -> "Active".equals(c.path("status").asText()) && c.path("coverage").asDouble() > 0.5)
                .findFirst().orElseThrow(() -> new AssertionError("the tenant has no active check to edit"));
    }

    /** The first computed field of a container of the datastore. */
    public static ObjectNode computedField(TenantState state, long datastoreId) {
        for (long container : state.containerIds(datastoreId)) {
            for (long field : state.computedFieldIds(container)) {
                return state.get(Kind.COMPUTED_FIELD, field);
            }
        }
        throw new AssertionError("the tenant has no computed field in datastore " + datastoreId);
    }
}
