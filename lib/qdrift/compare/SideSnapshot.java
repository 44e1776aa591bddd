package qdrift.compare;

import qdrift.export.Snapshot;
import qdrift.report.Origin;

/** One side read into the canonical form export.java writes, and where it came from (for the report). */
public record SideSnapshot(Origin.Side origin, Snapshot snapshot) {
}
