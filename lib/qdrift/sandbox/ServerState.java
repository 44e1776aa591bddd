package qdrift.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Server-managed state that moves by itself (--churn): scores, counts, last_asserted and metrics get new values on
 * every request, while no configuration field changes. Applied to each resource object of a response.
 */
final class ServerState {
    static final List<String> SCORES = List.of("score", "overall_score", "completeness_score", "conformity_score",
            "consistency_score", "precision_score", "timeliness_score", "volume_score", "accuracy_score", "uniqueness_score");

    private ServerState() {
    }

    static boolean isChurning(String key) {
        return key.equals("score") || key.endsWith("_score") || key.endsWith("_count") || key.equals("last_asserted")
                || key.equals("metrics");
    }

    /** Gives every churning field of this resource object a value derived from the request number. */
    static void churn(ObjectNode resource, long requestNumber) {
        Random random = new Random(requestNumber * 31 + resource.path("id").asLong());
        for (Map.Entry<String, JsonNode> field : resource.properties()) {
            String key = field.getKey();
            if (!isChurning(key)) {
                continue;
            }
            if (key.equals("last_asserted")) {
                resource.put(key, Instant.parse("2026-11-27T00:00:00Z").plusSeconds(requestNumber).toString());
            } else if (key.equals("metrics")) {
                resource.putObject(key).put("records_scanned", requestNumber * 1000 + random.nextInt(1000));
            } else if (key.endsWith("_score") || key.equals("score")) {
                resource.put(key, 50 + random.nextInt(50));
            } else {
                resource.put(key, requestNumber + random.nextInt(100));
            }
        }
    }
}
