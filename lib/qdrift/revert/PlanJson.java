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

    /** The largest plan file read: a plan of thousands of resources is a few MiB; anything far larger is not one. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    /**
     * A saved plan, checked before anything else happens: a regular file of at most {@link #MAX_BYTES}, valid JSON of
     * the plan schema (host, a 40-hex commit, the export folder, resources each with file, type, action). Anything
     * else is a one-line usage failure (exit 2), found in well under a second: {@code /dev/zero} is never read.
     */
    public static RevertPlan read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw Failure.usage("--plan-file " + file + " is not a regular file: give the plan saved with -o json=FILE");
        }
        String json;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw Failure.usage("--plan-file " + file + " has " + size + " bytes, more than a plan has (at most "
                        + MAX_BYTES / (1024 * 1024) + " MiB): give the plan saved with -o json=FILE");
            }
            json = Files.readString(file);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw Failure.usage("cannot read plan file " + file + ": " + e.getMessage());
        }
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || !RevertPlan.SCHEMA.equals(tree.path("schema").asText())) {
                throw Failure.usage(file + " is not a revert plan (no \"schema\": \"" + RevertPlan.SCHEMA
                        + "\"): save one with revert.java -o json=" + file);
            }
            if (tree.hasNonNull("apply")) {
                throw Failure.usage(file + " records a revert that was already applied: plan again");
            }
            String problem = schemaProblem(tree);
            if (problem != null) {
                throw Failure.usage(file + " is not a valid revert plan: " + problem);
            }
            return MAPPER.treeToValue(tree, RevertPlan.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw Failure.usage(file + " is not a valid revert plan: " + message.lines().findFirst().orElse(""));
        }
    }

    /** The first thing a plan must hold and this one lacks, or null. */
    private static String schemaProblem(JsonNode tree) {
        if (!tree.path("host").isTextual() || tree.path("host").asText().isBlank()) {
            return "no host";
        }
        if (!tree.path("commit").asText("").matches("[0-9a-f]{40}")) {
            return "commit must be the 40-hex commit it was planned at, not " + tree.path("commit");
        }
        if (!tree.path("path").isTextual() || !tree.path("repository").isTextual()) {
            return "no repository or path";
        }
        if (!tree.path("datastores").isArray() || !tree.path("resources").isArray() || !tree.path("summary").isObject()) {
            return "datastores, resources and summary are required";
        }
        for (JsonNode resource : tree.path("resources")) {
            for (String key : java.util.List.of("file", "type", "action")) {
                if (!resource.path(key).isTextual()) {
                    return "a resource has no " + key + ": " + resource.path("file").asText("?");
                }
            }
        }
        return null;
    }

    /** A plan's JSON text as a tree, read the way a plan file is. */
    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new Failure(ExitCode.INTERNAL, "cannot read back a plan: " + e.getOriginalMessage(), e);
        }
    }
}
