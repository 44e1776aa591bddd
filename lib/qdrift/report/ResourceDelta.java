package qdrift.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One resource whose canonical body differs between two sides, before any field diff, severity or ignore rule:
 * what drift.java (committed vs live files) and compare-envs.java (left vs right) hand to the report builder.
 * type is a ResourceType id; before is null for an added resource, after is null for a removed one; from is the
 * before side's file when it is not file (a check paired across files by compare-envs), else null.
 */
public record ResourceDelta(
        String type,
        String datastore,
        String container,
        String name,
        String file,
        JsonNode before,
        JsonNode after,
        String from) {

    public ResourceDelta(String type, String datastore, String container, String name, String file, JsonNode before,
                         JsonNode after) {
        this(type, datastore, container, name, file, before, after, null);
    }
}
