//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

/**
 * The three GitLab REST API v4 calls a drift merge request needs: list open merge requests, create one, update its
 * description. Works with gitlab.com and self-managed instances (the API URL is https://HOST/api/v4). Redirects are
 * not followed, so the token never reaches another host; every failure is one git failure line without the token.
 */
public final class GitLabClient implements Forge {
    /** GitLab's limit for a merge request description. */
    public static final int MAX_DESCRIPTION = 1_048_576;
    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GitLabProject project;
    private final GitToken token;
    private final Duration timeout;
    private final HttpClient http;

    public GitLabClient(GitLabProject project, GitToken token, Duration timeout) {
        this.project = project;
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Optional<Review> findOpen(String branchPrefix) {
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonNode requests = send("GET", "/merge_requests?state=opened&per_page=" + PAGE_SIZE + "&page=" + page, null);
            for (JsonNode mr : requests) {
                String branch = mr.path("source_branch").asText("");
                boolean sameProject = mr.path("source_project_id").asLong(-1) == mr.path("target_project_id").asLong(-2);
                if (branch.startsWith(branchPrefix) && sameProject) {
                    return Optional.of(review(mr));
                }
            }
            if (requests.size() < PAGE_SIZE) {
                break;
            }
        }
        return Optional.empty();
    }

    @Override
    public Review create(String title, String head, String base, String body) {
        ObjectNode request = JSON.createObjectNode().put("source_branch", head).put("target_branch", base)
                .put("title", title).put("description", body).put("remove_source_branch", true);
        return review(send("POST", "/merge_requests", request));
    }

    @Override
    public Review updateBody(int number, String body) {
        return review(send("PUT", "/merge_requests/" + number, JSON.createObjectNode().put("description", body)));
    }

    @Override
    public int maxBodyChars() {
        return MAX_DESCRIPTION;
    }

    @Override
    public String pushUser() {
        return "oauth2";
    }

    @Override
    public String reviewName() {
        return "merge request";
    }

    private static Review review(JsonNode mr) {
        return new Review(mr.path("iid").asInt(), mr.path("web_url").asText(null), mr.path("source_branch").asText(null));
    }

    private JsonNode send(String method, String pathAndQuery, JsonNode body) {
        String resource = "/projects/" + project.apiId() + pathAndQuery;
        String what = method + " " + resource.replaceAll("\\?.*", "");
        HttpRequest request;
        try {
            request = ForgeHttp.jsonRequest(project.apiUrl() + resource, method, body, timeout, token.value(),
                    "Accept", "application/json");
        } catch (IllegalArgumentException e) {
            throw Failure.usage("the GitLab API URL '" + project.apiUrl() + "' is not valid: pass one like https://gitlab.example.com/api/v4");
        }
        HttpResponse<String> response = ForgeHttp.send(http, request, "GitLab", project.apiUrl(), "--gitlab-api-url", what);
        return parse(what, response);
    }

    private JsonNode parse(String what, HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode json = ForgeHttp.json(response);
        if (status / 100 == 2 && json != null) {
            return json;
        }
        String message = json == null ? "" : message(json);
        String said = message.isEmpty() ? "" : ": " + message;
        if (status / 100 == 3) {
            throw new Failure(ExitCode.GIT, "GitLab answered " + what + " with a redirect (HTTP " + status
                    + "), not followed so the token stays on " + project.apiUrl() + ": pass the API URL itself, e.g. https://HOST/api/v4");
        }
        if (status == 401 || status == 403) {
            throw new Failure(ExitCode.GIT, "GitLab rejected the token (HTTP " + status + " on " + what + said
                    + "): give GITLAB_TOKEN the api scope (or a project access token with the Developer role)");
        }
        if (status == 404) {
            throw new Failure(ExitCode.GIT, "GitLab found nothing at " + what + " (HTTP 404): check --gitlab-project, "
                    + "--gitlab-api-url and that the token can see the project");
        }
        if (status == 409 || status == 422) {
            throw new Failure(ExitCode.GIT, "GitLab refused " + what + " (HTTP " + status + ")" + said);
        }
        throw new Failure(ExitCode.GIT, "GitLab answered HTTP " + status + " to " + what + said
                + (json == null && status / 100 == 2 ? ": not JSON" : "") + ": retry later");
    }

    /** GitLab's "message" is a string, a list or an object of lists ({"source_branch": ["is invalid"]}). */
    private static String message(JsonNode json) {
        JsonNode message = json.has("message") ? json.get("message") : json.path("error");
        if (message.isTextual()) {
            return message.asText();
        }
        return message.isMissingNode() || message.isNull() ? "" : message.toString();
    }
}
