package qdrift.git;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import qdrift.cli.Failure;

/** A GitHub repository as owner and name, given as "owner/name" or derived from a remote URL. */
public record GitHubRepo(String owner, String name) {
    private static final Pattern OWNER_NAME = Pattern.compile("([\\w.-]+)/([\\w.-]+?)(?:\\.git)?/?");
    private static final Pattern URL = Pattern.compile(
            "(?:[a-z][a-z0-9+.-]*://(?:[^/@]+@)?[^/]+/|[^@/:]+@[^:/]+:)(?:.*/)?([\\w.-]+)/([\\w.-]+?)(?:\\.git)?/?");

    /** "acme/config". */
    public static GitHubRepo parse(String ownerSlashName) {
        Matcher m = OWNER_NAME.matcher(ownerSlashName.trim());
        if (!m.matches()) {
            throw Failure.usage("'" + ownerSlashName + "' is not a GitHub repository: pass it as owner/name");
        }
        return new GitHubRepo(m.group(1), m.group(2));
    }

    /** https://github.com/acme/config.git, git@github.com:acme/config.git, ssh://git@ghe.corp/acme/config. */
    public static GitHubRepo fromRemoteUrl(String url) {
        Matcher m = url == null ? null : URL.matcher(url.trim());
        if (m == null || !m.matches()) {
            throw Failure.usage("cannot tell the GitHub repository from the remote URL '"
                    + RemoteUrls.withoutCredentials(url) + "': pass it as owner/name (--github-repo)");
        }
        return new GitHubRepo(m.group(1), m.group(2));
    }

    @Override
    public String toString() {
        return owner + "/" + name;
    }
}
