package qdrift.revert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a plan printed on stdout the way --plan-file reads a saved one. */
final class PlanJsonTestAccess {
    private PlanJsonTestAccess() {
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
