//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Log;

/**
 * Reads every item of a paginated list ({"items", "total", "page", "size"}): page 1 first, then the other pages
 * concurrently with the size the server actually answered. Items are deduplicated by id and counted against
 * total; when someone edits during the listing (total moves, items shift between pages) the whole list is read again.
 */
final class Pager {
    static final int ATTEMPTS = 3;
    private static final int MAX_PAGES = 100_000;

    private final ApiTransport transport;
    private final Parallel parallel;
    private final int pageSize;
    private final ApiErrors errors;
    private final Log log;

    Pager(ApiTransport transport, Parallel parallel, ApiErrors errors, int pageSize, Log log) {
        this.transport = transport;
        this.errors = errors;
        this.parallel = parallel;
        this.pageSize = pageSize;
        this.log = log;
    }

    /** Every item of the list, each once, in the order pages returned them; {@code what} names it in messages. */
    List<ObjectNode> all(String what, ApiRequest request) {
        String change = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Listing listing = listOnce(request);
            if (listing.consistent()) {
                return listing.items();
            }
            change = listing.why();
            log.debug("listing " + what + " again: " + change);
        }
        throw new Failure(ExitCode.API, "the server changed while listing " + what + " (" + change + ", " + ATTEMPTS
                + " attempts): retry, ideally when nobody is editing");
    }

    private Listing listOnce(ApiRequest request) {
        JsonNode first = transport.get(request.with("page", 1).with("size", pageSize));
        if (first.isArray()) {
            return new Listing(objects(request, first), "");
        }
        JsonNode total = first.path("total");
        if (!first.path("items").isArray() || !total.canConvertToLong()) {
            throw malformed(request);
        }
        List<JsonNode> items = new ArrayList<>(List.of(first.path("items")));
        int effectiveSize = effectiveSize(first);
        long expected = total.asLong();
        long pages = expected == 0 ? 1 : (expected + effectiveSize - 1) / effectiveSize;
        if (pages > MAX_PAGES) {
            throw malformed(request);
        }
        List<JsonNode> rest = parallel.map(IntStream.rangeClosed(2, (int) pages).boxed().toList(),
                page -> transport.get(request.with("page", page).with("size", effectiveSize)));
        String why = "";
        for (JsonNode page : rest) {
            if (!page.path("items").isArray()) {
                throw malformed(request);
            }
            if (page.path("total").asLong(expected) != expected) {
                why = "total went from " + expected + " to " + page.path("total").asLong();
            }
            items.add(page.path("items"));
        }
        Map<Object, ObjectNode> byId = new LinkedHashMap<>();
        for (JsonNode pageItems : items) {
            for (ObjectNode item : objects(request, pageItems)) {
                JsonNode id = item.get("id");
                byId.put(id == null || id.isNull() ? new Object() : id.asText(), item);
            }
        }
        if (why.isEmpty() && byId.size() != expected) {
            why = "expected " + expected + " items, got " + byId.size() + " distinct";
        }
        return new Listing(new ArrayList<>(byId.values()), why);
    }

    /** The size the server really used: it may clamp what we asked, and may even not say so. */
    private int effectiveSize(JsonNode first) {
        int answered = first.path("size").asInt(0);
        int size = answered > 0 ? answered : pageSize;
        int onFirstPage = first.path("items").size();
        if (onFirstPage > 0 && onFirstPage < size && onFirstPage < first.path("total").asLong()) {
            size = onFirstPage;
        }
        return size;
    }

    private List<ObjectNode> objects(ApiRequest request, JsonNode array) {
        List<ObjectNode> objects = new ArrayList<>(array.size());
        for (JsonNode item : array) {
            if (!(item instanceof ObjectNode object)) {
                throw malformed(request);
            }
            objects.add(object);
        }
        return objects;
    }

    private Failure malformed(ApiRequest request) {
        return errors.unexpectedShape(request, "a page of {items: [objects], total}");
    }

    private record Listing(List<ObjectNode> items, String why) {
        boolean consistent() {
            return why.isEmpty();
        }
    }
}
