package qdrift.report;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a change to a quality check affects the data-quality gate it enforces. */
public enum Severity {
    /** The gate lets more through: check removed or disabled, coverage lowered, bounds widened, filter added. */
    LOOSENING,
    /** The gate lets less through. */
    TIGHTENING,
    /** Neither: descriptions, tags, metadata. */
    NEUTRAL,
    /** The change could go either way (e.g. a rewritten expression). */
    UNKNOWN;

    @JsonValue
    public String id() {
        return name().toLowerCase();
    }
}
