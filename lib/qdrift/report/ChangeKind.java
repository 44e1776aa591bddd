package qdrift.report;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What happened to a resource between the two sides of a comparison.
 * drift: before = committed (HEAD), after = live. compare-envs: before = left, after = right.
 */
public enum ChangeKind {
    ADDED, REMOVED, MODIFIED, RENAMED;

    @JsonValue
    public String id() {
        return name().toLowerCase();
    }
}
