package qdrift.report;

import com.fasterxml.jackson.databind.JsonNode;

/** One changed value inside a resource: a dotted path (list items as [i]) and the value on each side (null when absent). */
public record FieldChange(String path, JsonNode before, JsonNode after) {
}
