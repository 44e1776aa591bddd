package qdrift.report;

import java.util.List;

/**
 * Where the compared configuration came from. drift fills host, datastores, repository, path, commit;
 * compare-envs fills left and right. shard is "I/N" when the run was one shard of --all-datastores (the N reports
 * of one tenant are one origin for notify.java).
 */
public record Origin(
        String host,
        List<DatastoreRef> datastores,
        String repository,
        String path,
        String commit,
        Side left,
        Side right,
        String shard) {

    public Origin(String host, List<DatastoreRef> datastores, String repository, String path, String commit, Side left,
                  Side right) {
        this(host, datastores, repository, path, commit, left, right, null);
    }

    public record DatastoreRef(Long id, String name) {
    }

    /** One side of compare-envs: a label ("dev"), and a live host or a folder (with an optional git ref). */
    public record Side(String label, String host, List<DatastoreRef> datastores, String folder, String ref) {
    }

    public static Origin live(String host, List<DatastoreRef> datastores, String repository, String path, String commit) {
        return new Origin(host, datastores, repository, path, commit, null, null);
    }

    public Origin withShard(String value) {
        return new Origin(host, datastores, repository, path, commit, left, right, value);
    }

    public static Origin sides(Side left, Side right) {
        return new Origin(null, null, null, null, null, left, right);
    }
}
