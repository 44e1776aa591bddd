//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

/** Writes and reads the JSON report (snake_case keys, nulls left out) and refuses anything that is not one. */
public final class ReportJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ReportJson() {
    }

    public static String write(DriftReport report) {
        try {
            return MAPPER.writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new Failure(ExitCode.INTERNAL, "cannot write the JSON report: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses a report; a non-JSON input or another schema is a one-line I/O failure naming where it came from. */
    public static DriftReport read(String json, String source) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new Failure(ExitCode.IO, source + " is not JSON (" + e.getOriginalMessage()
                    + "): pipe the output of `drift.java -o json` or `compare-envs.java -o json`", e);
        }
        String schema = tree == null ? null : tree.path("schema").asText(null);
        if (schema == null || !schema.startsWith("qualytics-drift/report/")) {
            throw new Failure(ExitCode.IO, source + " is not a qualytics-drift report (no \"schema\": \""
                    + DriftReport.SCHEMA + "\"): pipe the output of `drift.java -o json`");
        }
        if (!DriftReport.SCHEMA.equals(schema) && !DriftReport.SCHEMA_V1.equals(schema)) {
            throw new Failure(ExitCode.IO, source + " has report schema " + schema + ", this tool reads "
                    + DriftReport.SCHEMA_V1 + " and " + DriftReport.SCHEMA + ": use the same qualytics-drift version on both ends");
        }
        try {
            return MAPPER.treeToValue(tree, DriftReport.class);
        } catch (JsonProcessingException e) {
            throw new Failure(ExitCode.IO, source + " is not a valid report: " + e.getOriginalMessage(), e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }
}
