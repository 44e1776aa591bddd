package qdrift.revert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a plan printed on stdout the way --plan-file reads a saved one. */
final class PlanJsonTestAccess {
    private PlanJsonTestAccess() {
    }

    /** An applied plan (with its "apply" record), as -o json prints it after --apply. */
    static RevertPlan parseApplied(String json) {
        try {
            return qdrift.report.ReportJson.mapper().treeToValue(qdrift.report.ReportJson.mapper().readTree(json), RevertPlan.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RevertPlan parse(String json) {
        try {
            Path file = Files.createTempFile("plan", ".json");
            try {
                Files.writeString(file, json);
                return PlanJson.read(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
