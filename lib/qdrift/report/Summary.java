package qdrift.report;

import java.util.Map;

/** Counts of reported (not ignored) changes, per kind and per resource type id; loosening counts weakened checks. */
public record Summary(int added, int removed, int modified, int ignored, int loosening, Map<String, Integer> byType) {
}
