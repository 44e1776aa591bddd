//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import qdrift.model.LiveAttribution;
import qdrift.model.ResourceType;

/**
 * One exported resource: its type, display names (datastore and container are null where not applicable), its own
 * name (for a check: its uid) and its canonical body: what its file holds, without the explicit null, [] and {} of
 * the keys the server has nothing for (format 2 writes them, {@link qdrift.model.WriteKeys}; reading drops them).
 * attribution is who last changed it and when, as the live response said (NONE for a resource read from files); it
 * is never written to the file, so two entries are equal when their files are, whoever edited them.
 */
public record SnapshotEntry(ResourceType type, String datastore, String container, String name, ObjectNode body,
                            LiveAttribution attribution) {

    public SnapshotEntry {
        attribution = attribution == null ? LiveAttribution.NONE : attribution;
    }

    /** An entry without live attribution (read from files, or built by a test). */
    public SnapshotEntry(ResourceType type, String datastore, String container, String name, ObjectNode body) {
        this(type, datastore, container, name, body, LiveAttribution.NONE);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SnapshotEntry entry && type == entry.type && Objects.equals(datastore, entry.datastore)
                && Objects.equals(container, entry.container) && Objects.equals(name, entry.name)
                && Objects.equals(body, entry.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, datastore, container, name, body);
    }
}
