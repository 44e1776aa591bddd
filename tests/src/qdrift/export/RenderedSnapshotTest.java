package qdrift.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import qdrift.model.ResourceType;

/**
 * An export's snapshot holds only the bytes of each file (issue 18, memory): the bodies parsed back from them are the
 * bodies the layout made, the files are the same bytes, and entries compare as files do.
 */
class RenderedSnapshotTest {
    private static final Set<ResourceType> ALL = EnumSet.allOf(ResourceType.class);

    @Test
    void renderedEntriesGiveBackTheSameBodiesAndBytes() {
        Snapshot laidOut = Snapshot.of(SnapshotTest.tenant(), null, ALL);
        Snapshot rendered = Snapshot.ofRendered(laidOut.entries());
        assertTrue(laidOut.entries().size() > 5, "the contract tenant has files of every kind");
        SortedMap<String, byte[]> before = laidOut.render();
        SortedMap<String, byte[]> after = rendered.render();
        assertEquals(before.keySet(), after.keySet());
        laidOut.entries().forEach((path, entry) -> {
            SnapshotEntry bytesOnly = rendered.entries().get(path);
            assertTrue(bytesOnly.isRendered(), path);
            assertArrayEquals(before.get(path), after.get(path), path);
            assertEquals(entry.body(), bytesOnly.body(), path + ": the body parsed back is the body laid out");
            assertEquals(entry, bytesOnly, path);
            assertEquals(entry.hashCode(), bytesOnly.hashCode(), path);
            assertEquals(entry.attribution(), bytesOnly.attribution(), path);
        });
        // a snapshot read back from those files equals the rendered one, entry by entry
        assertEquals(Snapshot.readFiles(after).entries(), rendered.entries());
    }

    @Test
    void renderedEntriesDifferWhenTheirFilesDo() {
        Snapshot laidOut = Snapshot.of(SnapshotTest.tenant(), null, ALL);
        Map.Entry<String, SnapshotEntry> check = laidOut.entries().entrySet().stream()
                .filter(e -> e.getValue().type() == ResourceType.CHECKS).findFirst().orElseThrow();
        SnapshotEntry original = check.getValue();
        ObjectNode changed = original.body().deepCopy();
        changed.put("description", "changed on the server");
        SnapshotEntry edited = new SnapshotEntry(original.type(), original.datastore(), original.container(),
                original.name(), changed);
        assertNotEquals(original.rendering(), edited.rendering());
        assertNotEquals(original.rendering(), edited);
        // a body taken from a rendered entry is a copy: changing it leaves the entry as it was
        SnapshotEntry bytesOnly = original.rendering();
        bytesOnly.body().put("description", "not kept");
        assertEquals(original, bytesOnly);
    }
}
