package qdrift.report;

import java.util.Map;

/**
 * Counts of reported (not ignored) changes, per kind and per resource type id; loosening counts weakened checks;
 * renamed counts renamed or moved resources (schema v2; 0 in a v1 report).
 */
public record Summary(int added, int removed, int modified, int ignored, int loosening, Map<String, Integer> byType,
                      int renamed) {

    /** The v1 counts, without renamed. */
    public Summary(int added, int removed, int modified, int ignored, int loosening, Map<String, Integer> byType) {
        this(added, removed, modified, ignored, loosening, byType, 0);
    }
}
