package qdrift.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP against a sandbox, the way any client would talk to it. */
record SandboxHttp(String url, String token) {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + raw.body(), e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    static SandboxHttp of(Sandbox sandbox) {
        return new SandboxHttp(sandbox.url(), sandbox.token());
    }

    SandboxHttp withToken(String other) {
        return new SandboxHttp(url, other);
    }

    Reply get(String path) {
        return send("GET", path, null);
    }

    /** GET that must answer 200: returns the JSON body. */
    JsonNode getJson(String path) {
        Reply reply = get(path);
        if (reply.status() != 200) {
            throw new AssertionError("GET " + path + " answered " + reply);
        }
        return reply.json();
    }

    /**
     * Every page of a list (path with its filters and a query, e.g. "/api/containers?datastore=10") read one after the
     * other at the largest size a server serves (100), as one page: {"items": [all of them], "total": n}.
     */
    JsonNode allPages(String path) {
        com.fasterxml.jackson.databind.node.ObjectNode all = JSON.createObjectNode();
        com.fasterxml.jackson.databind.node.ArrayNode items = all.putArray("items");
        JsonNode page;
        int number = 1;
        do {
            page = getJson(path + "&size=100&page=" + number++);
            page.get("items").forEach(items::add);
        } while (items.size() < page.get("total").asInt() && !page.get("items").isEmpty());
        all.put("total", page.get("total").asInt());
        return all;
    }

    Reply send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
