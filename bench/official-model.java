///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The official CLI's export as a request pattern, for bench/speed.sh (the CLI itself cannot be installed here: no
 * PyPI). As the issue describes it and its source does: one request at a time, page size 100, per datastore the
 * datastore, its connection, its container pages, one GET per container (for computed fields) and its check pages.
 * Only the requests are modelled: no Python start-up, no YAML writing, so the real CLI is slower than this.
 * Usage: official-model.java URL TOKEN   (prints "requests seconds")
 */
class OfficialModel {
    static final ObjectMapper JSON = new ObjectMapper();
    static HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static String base;
    static String token;
    static int requests;

    public static void main(String[] args) throws Exception {
        base = args[0].replaceAll("/+$", "") + "/api";
        token = args[1];
        long started = System.nanoTime();
        for (JsonNode datastore : pages("/datastores?")) {
            long id = datastore.path("id").asLong();
            JsonNode full = get("/datastores/" + id);
            long connection = full.path("connection_id").asLong(full.path("connection").path("id").asLong());
            get("/connections/" + connection);
            for (JsonNode container : pages("/containers?datastore=" + id + "&")) {
                get("/containers/" + container.path("id").asLong());
            }
            pages("/quality-checks?datastore=" + id + "&archived=include&");
        }
        System.out.printf("%d %.2f%n", requests, (System.nanoTime() - started) / 1e9);
    }

    static List<JsonNode> pages(String path) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode json = get(path + "page=" + page + "&size=100");
            json.path("items").forEach(items::add);
            if (json.path("items").size() == 0 || items.size() >= json.path("total").asInt()) {
                return items;
            }
        }
    }

    static JsonNode get(String path) throws Exception {
        requests++;
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }
}
