package qdrift.compare;

import java.nio.file.Path;
import java.util.List;
import qdrift.cli.Failure;

/**
 * One side of a comparison as the user described it: a live server (url, the name of the environment variable that
 * holds its token, datastore ids; none means every datastore) or an export folder, read from disk or, with a ref,
 * from the git repository repo at that ref (folder is then a path inside the repository). Never holds a token: a
 * live side names the variable (tokenEnv) or the file (tokenFile, first line) that holds it.
 */
public record SideSpec(String label, String url, String tokenEnv, List<Long> datastoreIds, String folder, Path repo,
                       String ref, Path tokenFile) {
    public SideSpec {
        datastoreIds = datastoreIds == null ? List.of() : List.copyOf(datastoreIds);
    }

    /** A side whose token, if live, comes from an environment variable. */
    public SideSpec(String label, String url, String tokenEnv, List<Long> datastoreIds, String folder, Path repo, String ref) {
        this(label, url, tokenEnv, datastoreIds, folder, repo, ref, null);
    }

    public boolean isLive() {
        return url != null;
    }

    public boolean isGit() {
        return ref != null;
    }

    /** Refuses a side that says too little or too much, naming the side and the flags or keys to fix. */
    public SideSpec validated() {
        if (url != null && (folder != null || ref != null)) {
            throw Failure.usage(label + ": give either a url or a folder, not both");
        }
        if (url == null && folder == null) {
            throw Failure.usage(label + ": say where to read it: a url (with its token variable) or a folder");
        }
        boolean namedEnv = tokenEnv != null && !tokenEnv.isBlank();
        if (url != null && !namedEnv && tokenFile == null) {
            throw Failure.usage(label + ": name the environment variable or the file that holds its token (token_env in the"
                    + " environments file, or --left-token-env VAR / --left-token-file FILE, and the same for --right-)");
        }
        if (namedEnv && tokenFile != null) {
            throw Failure.usage(label + ": give its token one way: a -token-env variable or a -token-file, not both");
        }
        if (url == null && tokenFile != null) {
            throw Failure.usage(label + ": a token file applies to a live server, not to a folder");
        }
        if (url == null && !datastoreIds.isEmpty()) {
            throw Failure.usage(label + ": datastore ids apply to a live server, not to a folder (it holds what it holds)");
        }
        if (repo != null && ref == null) {
            throw Failure.usage(label + ": a repository needs a ref to read (e.g. main); for the work tree give just the folder");
        }
        return this;
    }

    /** "https://dev.qualytics.io", "./qualytics-config" or "qualytics-config@main". */
    public String where() {
        if (url != null) {
            return url;
        }
        return ref == null ? folder : folder + "@" + ref;
    }
}
