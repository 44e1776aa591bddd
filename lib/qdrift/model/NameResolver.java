package qdrift.model;

/**
 * Turns the server ids found in raw API JSON into the display names a portable export writes.
 * Every method returns null when the id is unknown.
 */
public interface NameResolver {
    String datastoreName(long id);

    String containerName(long id);

    String connectionName(long id);

    /** The id of the datastore a container belongs to, or null when unknown (used to spot cross-datastore joins). */
    default Long datastoreOfContainer(long containerId) {
        return null;
    }

    /** Asks this resolver first, then {@code fallback} for what this one does not know. */
    default NameResolver orElse(NameResolver fallback) {
        NameResolver first = this;
        return new NameResolver() {
            @Override
            public String datastoreName(long id) {
                String name = first.datastoreName(id);
                return name != null ? name : fallback.datastoreName(id);
            }

            @Override
            public String containerName(long id) {
                String name = first.containerName(id);
                return name != null ? name : fallback.containerName(id);
            }

            @Override
            public String connectionName(long id) {
                String name = first.connectionName(id);
                return name != null ? name : fallback.connectionName(id);
            }

            @Override
            public Long datastoreOfContainer(long containerId) {
                Long id = first.datastoreOfContainer(containerId);
                return id != null ? id : fallback.datastoreOfContainer(containerId);
            }
        };
    }
}
