package qdrift.git;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import qdrift.cli.Failure;

/**
 * A GitLab project, as its full path ("group/subgroup/config") or numeric id, and the API it lives on. From a remote
 * URL both are known: https://gitlab.example.com/group/sub/config.git is project group/sub/config on
 * https://gitlab.example.com/api/v4 (an ssh remote's API is https on the same host).
 */
public record GitLabProject(String path, String apiUrl) {
    private static final Pattern HTTP = Pattern.compile("(https?)://(?:[^/@]+@)?([^/:]+)(:\\d+)?/(.+?)(?:\\.git)?/?");
    private static final Pattern SSH = Pattern.compile("(?:ssh://)?(?:[^@/]+@)?([^:/]+)(?::\\d+)?[:/](.+?)(?:\\.git)?/?");
    private static final Pattern PATH = Pattern.compile("[\\w.-]+(?:/[\\w.-]+)+|\\d+");

    public GitLabProject {
        if (path == null || !PATH.matcher(path).matches()) {
            throw Failure.usage("'" + path + "' is not a GitLab project: pass its path as group/name (subgroups allowed) "
                    + "or its numeric id (--gitlab-project)");
        }
    }

    /** The project and API of a remote URL; {@code project} and {@code apiUrl}, when given, win over what it says. */
    public static GitLabProject resolve(String remoteUrl, String project, String apiUrl) {
        String fromRemotePath = null;
        String fromRemoteApi = null;
        if (remoteUrl != null) {
            String url = remoteUrl.trim();
            Matcher http = HTTP.matcher(url);
            Matcher ssh = SSH.matcher(url);
            if (http.matches()) {
                fromRemotePath = http.group(4);
                fromRemoteApi = http.group(1) + "://" + http.group(2) + (http.group(3) == null ? "" : http.group(3)) + "/api/v4";
            } else if (!url.startsWith("/") && !url.startsWith("file:") && ssh.matches()) {
                fromRemotePath = ssh.group(2).replaceFirst("^/", "");
                fromRemoteApi = "https://" + ssh.group(1) + "/api/v4";
            }
        }
        if (fromRemotePath != null && !PATH.matcher(fromRemotePath).matches()) {
            fromRemotePath = null; // never echo what a remote URL holds (it may carry credentials)
        }
        String path = project != null ? project.trim() : fromRemotePath;
        String api = apiUrl != null ? apiUrl.trim().replaceAll("/+$", "") : fromRemoteApi;
        if (path == null || api == null) {
            throw Failure.usage("cannot tell the GitLab " + (path == null ? "project" : "API URL") + " from the remote URL '"
                    + RemoteUrls.withoutCredentials(remoteUrl) + "': pass " + (path == null ? "--gitlab-project GROUP/NAME"
                    : "--gitlab-api-url https://HOST/api/v4"));
        }
        return new GitLabProject(path, api);
    }

    /** The :id of the REST API: the numeric id, or the URL-encoded path ("group%2Fsub%2Fconfig"). */
    public String apiId() {
        return URLEncoder.encode(path, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return path;
    }
}
