//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.git;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Version;

/** What the GitHub and GitLab clients share: one request sent, transport failures as git failures, the JSON read. */
final class ForgeHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ForgeHttp() {
    }

    /**
     * A JSON call with the bearer token: method and body (null for none), then extra headers as name, value pairs.
     * An unusable URL throws IllegalArgumentException, which each client turns into its own usage message.
     */
    static HttpRequest jsonRequest(String url, String method, JsonNode body, Duration timeout, String token,
                                   String... headers) {
        String payload;
        try {
            payload = body == null ? null : JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that cannot be written: " + e.getOriginalMessage(), e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("User-Agent", Version.TOOL.replace(' ', '/'))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(payload)).build();
    }

    /** forge ("GitHub"), baseUrl and option (--github-api-url) name the failure; what is "GET /repos/x/pulls". */
    static HttpResponse<String> send(HttpClient http, HttpRequest request, String forge, String baseUrl, String option, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Failure(ExitCode.GIT, "cannot reach " + forge + " at " + baseUrl + " (" + e.getClass().getSimpleName()
                    + "): check the network and " + option, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(ExitCode.GIT, "interrupted while calling " + forge + " (" + what + ")", e);
        }
    }

    /** The body as JSON (a null node when empty), or null when it is not JSON. */
    static JsonNode json(HttpResponse<String> response) {
        try {
            return response.body() == null || response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
