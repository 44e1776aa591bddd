package qdrift.revert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.report.ReportJson;

/** Writes a plan as JSON (snake_case keys, nulls left out, the report's conventions) and reads a saved one back. */
public final class PlanJson {
    private static final ObjectMapper MAPPER = ReportJson.mapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private PlanJson() {
    }

    public static String write(RevertPlan plan) {
        try {
            return MAPPER.writeValueAsString(plan) + "\n";
        } catch (JsonProcessingException e) {
            throw new Failure(ExitCode.INTERNAL, "cannot write the plan: " + e.getOriginalMessage(), e);
        }
    }

    /** A saved plan; anything else (not JSON, another schema) is a one-line input failure. */
    public static RevertPlan read(Path file) {
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw Failure.io("cannot read plan file " + file + ": " + e.getMessage(), e);
        }
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || !RevertPlan.SCHEMA.equals(tree.path("schema").asText())) {
                throw new Failure(ExitCode.IO, file + " is not a revert plan (no \"schema\": \"" + RevertPlan.SCHEMA
                        + "\"): save one with revert.java -o json=" + file);
            }
            if (tree.hasNonNull("apply")) {
                throw Failure.usage(file + " records a revert that was already applied: plan again");
            }
            return MAPPER.treeToValue(tree, RevertPlan.class);
        } catch (JsonProcessingException e) {
            throw new Failure(ExitCode.IO, file + " is not a valid revert plan: " + e.getOriginalMessage(), e);
        }
    }
}
