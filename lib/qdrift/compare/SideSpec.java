package qdrift.compare;

import java.nio.file.Path;
import java.util.List;
import qdrift.cli.Failure;

/**
 * One side of a comparison as the user described it: a live server (url, the name of the environment variable that
 * holds its token, datastore ids; none means every datastore) or an export folder, read from disk or, with a ref,
 * from the git repository repo at that ref (folder is then a path inside the repository). Never holds a token.
 */
public record SideSpec(String label, String url, String tokenEnv, List<Long> datastoreIds, String folder, Path repo,
                       String ref) {
    public SideSpec {
        datastoreIds = datastoreIds == null ? List.of() : List.copyOf(datastoreIds);
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
        if (url != null && (tokenEnv == null || tokenEnv.isBlank())) {
            throw Failure.usage(label + ": name the environment variable that holds its token (token_env in the"
                    + " environments file, or --left-token-env / --right-token-env)");
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
