package qdrift.export;

import java.util.Set;
import java.util.function.Predicate;

/**
 * Which files of an export folder one run may delete (it always writes the files it exported). A full run may delete
 * any; a shard only in its own datastores' folders (shard 1 also the connections and the folders of datastores that
 * no longer exist); no run ever deletes in a failed datastore's folder: its files are unknown, not removed.
 *
 * @param connections connection files not in the export may be deleted
 * @param own         the folders (slugs) of the datastores this run checked
 * @param foreign     the folders this run must leave alone: other shards' datastores, failed datastores
 * @param orphans     folders of no datastore this run knows of (deleted datastores) may be deleted
 */
public record Ownership(boolean connections, Set<String> own, Set<String> foreign, boolean orphans) implements Predicate<String> {
    public static final Ownership ALL = new Ownership(true, Set.of(), Set.of(), true);

    public Ownership {
        own = Set.copyOf(own);
        foreign = Set.copyOf(foreign);
    }

    /** Whether this run may delete {@code relativePath}; paths outside the layout (the manifest) are the caller's call. */
    @Override
    public boolean test(String relativePath) {
        LayoutPath where = ExportLayout.identify(relativePath).orElse(null);
        if (where == null) {
            return true;
        }
        if (where.datastoreSlug() == null) {
            return connections;
        }
        if (own.contains(where.datastoreSlug())) {
            return true;
        }
        return !foreign.contains(where.datastoreSlug()) && orphans;
    }
}
