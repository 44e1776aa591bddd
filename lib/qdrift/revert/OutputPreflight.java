package qdrift.revert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import qdrift.cli.Failure;

/**
 * Every output file of a run is tried before anything is read or written on the server: its folder is made and a
 * temporary file created and removed there, exactly as the final write will do. An output that cannot be written
 * (revert's --ledger FILE too) is a usage failure (exit 2) now, rather than a record of an apply lost after its writes landed.
 */
public final class OutputPreflight {
    private OutputPreflight() {
    }

    public static void check(List<PlanOutputs.Output> outputs) {
        for (PlanOutputs.Output output : outputs) {
            if (output.file() != null) {
                check(output.file());
            }
        }
    }

    static void check(Path file) {
        check("-o", file, "-o json=" + file.resolve("plan.json"));
    }

    /** revert's --ledger FILE: appended to after the writes landed, so tried like an output before anything. */
    public static void checkLedger(Path file) {
        check("--ledger", file, "--ledger " + file.resolve("ledger.jsonl"));
    }

    private static void check(String option, Path file, String example) {
        Path absolute = file.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw Failure.usage(option + " " + file + " is a folder: name a file, e.g. " + example);
        }
        if (Files.exists(absolute) && !Files.isWritable(absolute)) {
            throw Failure.usage(option + " " + file + " cannot be written (no permission): choose another file; nothing was done");
        }
        try {
            Path dir = absolute.getParent();
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, "." + absolute.getFileName(), ".probe");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw Failure.usage(option + " " + file + " cannot be written (" + e.getClass().getSimpleName().replace("Exception", "")
                    + ": " + e.getMessage() + "): choose another file; nothing was done");
        }
    }
}
