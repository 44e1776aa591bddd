package qdrift.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import qdrift.model.LiveAttribution;

/** Changes take their live attribution by file; findings take their changes' editors and latest time. */
class AttributionTest {
    static ResourceChange change(String file, ChangeKind kind) {
        return new ResourceChange("checks", "prod", "orders", file, file, kind, null, List.of(), null);
    }

    static Finding finding(String cause, List<String> files) {
        return new Finding("fp", cause, "containers", "prod", "orders", "orders", "container `orders` " + cause, null,
                List.of(), files, null, null, null, null, null);
    }

    static DriftReport report(List<Finding> findings, List<ResourceChange> changes) {
        return new DriftReport(DriftReport.SCHEMA, "test", "drift", DriftReport.DRIFT, null, null, findings, changes,
                List.of(), List.of(), List.of(), null, null);
    }

    @Test
    void aFindingNamesItsEditorsItsLatestTimeAndItsNotes() {
        Map<String, LiveAttribution> live = Map.of(
                "a.yaml", new LiveAttribution("admin", "2026-11-01T10:00:00Z", false),
                "b.yaml", new LiveAttribution("Dana", "2026-11-03T10:00:00Z", false),
                "c.yaml", new LiveAttribution("Lee", "2026-11-02T10:00:00Z", false),
                "d.yaml", new LiveAttribution("Sam", null, false),
                "e.yaml", new LiveAttribution(null, "2026-11-04T10:00:00Z", true));
        List<ResourceChange> changes = List.of(change("a.yaml", ChangeKind.MODIFIED), change("b.yaml", ChangeKind.MODIFIED),
                change("c.yaml", ChangeKind.ADDED), change("d.yaml", ChangeKind.ADDED), change("e.yaml", ChangeKind.MODIFIED),
                change("gone.yaml", ChangeKind.REMOVED));
        DriftReport annotated = Attribution.annotate(report(List.of(
                finding("modified", List.of("a.yaml", "b.yaml", "c.yaml", "d.yaml")),
                finding("modified", List.of("e.yaml", "gone.yaml")),
                finding("platform", List.of("a.yaml"))), changes), live::get);

        Finding many = annotated.findings().get(0);
        assertEquals("admin, Dana, Lee and 1 other", many.changedBy());
        assertEquals("2026-11-03T10:00:00Z", many.changedAt(), "the latest change time");
        Finding notes = annotated.findings().get(1);
        assertNull(notes.changedBy());
        assertEquals(Attribution.PROFILING + "; " + Attribution.REMOVED, notes.attribution());
        assertEquals(Attribution.PLATFORM, annotated.findings().get(2).attribution());
        assertNull(annotated.findings().get(2).changedBy(), "a platform finding names no editors");
        assertEquals(Attribution.REMOVED, annotated.changes().get(5).attribution());
        assertEquals(List.of("changed by admin, Dana, Lee and 1 other at 2026-11-03T10:00:00Z"),
                Attribution.notes(many, null));
        assertEquals(List.of("changed by admin, Dana, Lee and 1 other at 2026-11-03T10:00:00Z",
                        "drifting for 2 days (first seen 2026-11-03T10:00:00Z)"),
                Attribution.notes(new Finding("fp", "modified", "checks", null, null, null, "t", null, List.of(), List.of(),
                        null, many.changedBy(), many.changedAt(), null, "2026-11-03T10:00:00Z"), Instant.parse("2026-11-05T11:00:00Z")));
    }
}
