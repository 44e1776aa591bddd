//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Everything an export read from one Qualytics instance, as raw API JSON: the connections and, per datastore,
 * its container details (with embedded computed_fields) and its checks.
 */
public record TenantData(List<ObjectNode> connections, List<DatastoreData> datastores) {
    public TenantData {
        connections = List.copyOf(connections);
        datastores = List.copyOf(datastores);
    }

    /** One datastore as raw API JSON: the datastore, its container details (with computed_fields), its checks. */
    public record DatastoreData(ObjectNode datastore, List<ObjectNode> containers, List<ObjectNode> checks) {
        public DatastoreData {
            containers = List.copyOf(containers);
            checks = List.copyOf(checks);
        }
    }
}
