package qdrift.report;

import java.util.List;

/**
 * Where the compared configuration came from. drift fills host, datastores, repository, path, commit;
 * compare-envs fills left and right.
 */
public record Origin(
        String host,
        List<DatastoreRef> datastores,
        String repository,
        String path,
        String commit,
        Side left,
        Side right) {

    public record DatastoreRef(Long id, String name) {
    }

    /** One side of compare-envs: a label ("dev"), and a live host or a folder (with an optional git ref). */
    public record Side(String label, String host, List<DatastoreRef> datastores, String folder, String ref) {
    }

    public static Origin live(String host, List<DatastoreRef> datastores, String repository, String path, String commit) {
        return new Origin(host, datastores, repository, path, commit, null, null);
    }

    public static Origin sides(Side left, Side right) {
        return new Origin(null, null, null, null, null, left, right);
    }
}
