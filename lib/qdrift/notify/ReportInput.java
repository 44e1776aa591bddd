package qdrift.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import qdrift.cli.Failure;
import qdrift.report.DriftReport;
import qdrift.report.ReportJson;

/** Reads the report to notify about from --report FILE or stdin ("-", or by default when stdin is piped). */
public final class ReportInput {
    private ReportInput() {
    }

    /** positional is the optional "-" argument; anything else there is refused (use --report FILE). */
    public static Alert read(String positional, Path reportFile, NotifyRuntime runtime) {
        if (positional != null && !"-".equals(positional)) {
            throw Failure.usage("unexpected argument '" + positional + "': read a file with --report FILE, or pipe the report and pass '-'");
        }
        if (positional != null && reportFile != null) {
            throw Failure.usage("give the report either on stdin ('-') or with --report FILE, not both");
        }
        if (reportFile != null) {
            return parse(readFile(reportFile), reportFile.toString());
        }
        if (positional == null && runtime.stdinIsTerminal()) {
            throw Failure.usage("no report: pipe one in (drift.java -o json | notify.java --slack) or pass --report FILE");
        }
        try {
            return parse(new String(runtime.stdin().readAllBytes(), StandardCharsets.UTF_8), "stdin");
        } catch (IOException e) {
            throw Failure.io("cannot read the report from stdin: " + e.getMessage(), e);
        }
    }

    private static Alert parse(String json, String source) {
        if (json.isBlank()) {
            throw Failure.usage(source + " is empty: pipe the output of `drift.java -o json` or pass --report FILE");
        }
        DriftReport report = ReportJson.read(json, source);
        return Alert.of(report, json);
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw Failure.io("report file " + file + " does not exist: pass the file drift.java -o json wrote", e);
        } catch (IOException e) {
            throw Failure.io("cannot read report file " + file + ": " + e.getMessage(), e);
        }
    }
}
