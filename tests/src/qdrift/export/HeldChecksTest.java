package qdrift.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import qdrift.model.Examples;

/** A big list of checks waits for its layout as JSON text and comes back as the same nodes (issue 18, memory). */
class HeldChecksTest {
    @Test
    void aListHeldAsTextComesBackEqualNodeForNode() {
        List<ObjectNode> checks = Examples.items("quality-checks-page1.json");
        HeldChecks held = HeldChecks.of(checks, 0);
        assertEquals(checks.size(), held.size());
        List<ObjectNode> back = held.open();
        assertEquals(checks, back); // numbers keep their node types: an IntNode never comes back as a LongNode
        // and they print alike, key order included (the layout reads keys in order)
        assertEquals(checks.toString(), back.toString());
    }

    @Test
    void aSmallListKeepsItsTrees() {
        List<ObjectNode> checks = Examples.items("quality-checks-page1.json");
        assertSame(checks, HeldChecks.of(checks).open());
    }
}
