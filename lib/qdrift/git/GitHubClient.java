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
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Version;

/**
 * The three GitHub REST calls the drift pull request needs. The base URL is https://api.github.com, or
 * https://host/api/v3 for GitHub Enterprise Server. Every failure is a one-line git failure without the token.
 */
public final class GitHubClient {
    public static final String DEFAULT_BASE_URL = "https://api.github.com";
    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An open pull request: its number, web URL and head branch. */
    public record PullRequest(int number, String url, String branch) {
    }

    private final String baseUrl;
    private final GitToken token;
    private final Duration timeout;
    private final HttpClient http;

    public GitHubClient(String baseUrl, GitToken token, Duration timeout) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The first open pull request of {@code repo} (not from a fork) whose head branch starts with the prefix. */
    public Optional<PullRequest> findOpen(GitHubRepo repo, String branchPrefix) {
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonNode pulls = send("GET", "/repos/" + repo + "/pulls?state=open&per_page=" + PAGE_SIZE + "&page=" + page,
                    null);
            for (JsonNode pull : pulls) {
                String branch = pull.path("head").path("ref").asText("");
                String headRepo = pull.path("head").path("repo").path("full_name").asText("");
                if (branch.startsWith(branchPrefix) && headRepo.equalsIgnoreCase(repo.toString())) {
                    return Optional.of(toPullRequest(pull));
                }
            }
            if (pulls.size() < PAGE_SIZE) {
                break;
            }
        }
        return Optional.empty();
    }

    public PullRequest create(GitHubRepo repo, String title, String head, String base, String body) {
        ObjectNode request = JSON.createObjectNode().put("title", title).put("head", head).put("base", base)
                .put("body", body);
        return toPullRequest(send("POST", "/repos/" + repo + "/pulls", request));
    }

    public PullRequest updateBody(GitHubRepo repo, int number, String body) {
        return toPullRequest(send("PATCH", "/repos/" + repo + "/pulls/" + number,
                JSON.createObjectNode().put("body", body)));
    }

    /** This client's pull requests on {@code repo}, as a {@link Forge}. */
    public Forge forge(GitHubRepo repo) {
        GitHubClient client = this;
        return new Forge() {
            @Override
            public Optional<Review> findOpen(String branchPrefix) {
                return client.findOpen(repo, branchPrefix).map(GitHubClient::review);
            }

            @Override
            public Review create(String title, String head, String base, String body) {
                return review(client.create(repo, title, head, base, body));
            }

            @Override
            public Review updateBody(int number, String body) {
                return review(client.updateBody(repo, number, body));
            }

            @Override
            public int maxBodyChars() {
                return 65_536;
            }

            @Override
            public String pushUser() {
                return "x-access-token";
            }

            @Override
            public String reviewName() {
                return "pull request";
            }
        };
    }

    private static Forge.Review review(PullRequest pr) {
        return new Forge.Review(pr.number(), pr.url(), pr.branch());
    }

    private static PullRequest toPullRequest(JsonNode pull) {
        return new PullRequest(pull.path("number").asInt(), pull.path("html_url").asText(null),
                pull.path("head").path("ref").asText(null));
    }

    private JsonNode send(String method, String pathAndQuery, JsonNode body) {
        String what = method + " " + pathAndQuery.replaceAll("\\?.*", "");
        HttpRequest request;
        try {
            request = ForgeHttp.jsonRequest(baseUrl + pathAndQuery, method, body, timeout, token.value(),
                    "Accept", "application/vnd.github+json", "X-GitHub-Api-Version", "2022-11-28");
        } catch (IllegalArgumentException e) {
            throw Failure.usage("the GitHub API URL '" + baseUrl + "' is not valid: pass one like " + DEFAULT_BASE_URL);
        }
        HttpResponse<String> response = ForgeHttp.send(http, request, "GitHub", baseUrl, "--github-api-url", what);
        return parse(what, response);
    }

    private JsonNode parse(String what, HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode json = ForgeHttp.json(response);
        if (status / 100 == 2 && json != null) {
            return json;
        }
        String message = json == null ? "" : json.path("message").asText("");
        if (status == 401 || status == 403) {
            throw new Failure(ExitCode.GIT, "GitHub rejected the token (HTTP " + status + " on " + what + (message.isEmpty()
                    ? "" : ": " + message) + "): give GIT_TOKEN the contents and pull-requests write permissions");
        }
        if (status == 422) {
            String details = json == null ? "" : StreamSupport.stream(json.path("errors").spliterator(), false)
                    .map(e -> e.path("message").asText(e.path("code").asText("")))
                    .filter(s -> !s.isBlank()).collect(Collectors.joining("; "));
            throw new Failure(ExitCode.GIT, "GitHub refused " + what + " (HTTP 422): " + message
                    + (details.isEmpty() ? "" : ": " + details));
        }
        if (status == 404) {
            throw new Failure(ExitCode.GIT, "GitHub found nothing at " + what + " (HTTP 404): check --github-repo, "
                    + "--github-api-url and that the token can see the repository");
        }
        throw new Failure(ExitCode.GIT, "GitHub answered HTTP " + status + " to " + what
                + (message.isEmpty() ? "" : ": " + message) + (json == null && status / 100 == 2 ? ": not JSON" : "")
                + ": retry later");
    }
}
