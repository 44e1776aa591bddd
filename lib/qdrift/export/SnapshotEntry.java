//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import qdrift.model.ResourceType;

/**
 * One exported resource: its type, display names (datastore and container are null where not applicable), its own
 * name (for a check: its uid) and its canonical body: what its file holds, without the explicit null, [] and {} of
 * the keys the server has nothing for (format 2 writes them, {@link qdrift.model.WriteKeys}; reading drops them).
 */
public record SnapshotEntry(ResourceType type, String datastore, String container, String name, ObjectNode body) {
}
