//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

/**
 * A datastore's checks as read, while they wait for the datastore's container details and for the layout worker.
 * Every datastore is read at once, so at the end of a big read nearly every check of the tenant waits at the same
 * time: a big list is held as the JSON text it came as (about a sixth of its tree in memory), parsed again once,
 * when its datastore is laid out. A small list keeps its trees (no extra CPU on the common workload).
 */
final class HeldChecks {
    /** Lists up to this size keep their trees: 5,000 checks of trees are about 15 MB. */
    static final int KEEP_TREES_UP_TO = 5_000;
    /** The API reads JSON with a default mapper: the same one gives the same nodes back (ints stay ints). */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ObjectNode> trees;
    private final byte[] text;
    private final int size;

    private HeldChecks(List<ObjectNode> trees, byte[] text, int size) {
        this.trees = trees;
        this.text = text;
        this.size = size;
    }

    static HeldChecks of(List<ObjectNode> checks) {
        return of(checks, KEEP_TREES_UP_TO);
    }

    static HeldChecks of(List<ObjectNode> checks, int keepTreesUpTo) {
        if (checks.size() <= keepTreesUpTo) {
            return new HeldChecks(checks, null, checks.size());
        }
        try {
            return new HeldChecks(null, JSON.writeValueAsBytes(checks), checks.size());
        } catch (IOException e) {
            throw new Failure(ExitCode.INTERNAL, "internal error: cannot hold the checks read: " + e.getMessage(), e);
        }
    }

    int size() {
        return size;
    }

    /** The checks as read (parsed again when held as text). */
    List<ObjectNode> open() {
        if (trees != null) {
            return trees;
        }
        try {
            JsonNode array = JSON.readTree(text);
            List<ObjectNode> checks = new ArrayList<>(array.size());
            array.forEach(check -> checks.add((ObjectNode) check));
            return checks;
        } catch (IOException e) {
            throw new Failure(ExitCode.INTERNAL, "internal error: cannot read back the checks held: " + e.getMessage(), e);
        }
    }
}
