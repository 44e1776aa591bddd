package qdrift.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import qdrift.cli.Failure;

/**
 * Where reports go: `-o text`, `-o json=drift.json`, `-o markdown=pr.md`. At most one format goes to stdout;
 * files are written whole or not at all (temporary file, then rename).
 */
public final class ReportOutputs {
    public enum Format { TEXT, JSON, MARKDOWN, HTML }

    public record Output(Format format, Path file) {
        public static Output parse(String spec) {
            int eq = spec.indexOf('=');
            String name = (eq < 0 ? spec : spec.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            Format format = switch (name) {
                case "text", "txt" -> Format.TEXT;
                case "json" -> Format.JSON;
                case "markdown", "md" -> Format.MARKDOWN;
                case "html" -> Format.HTML;
                default -> throw Failure.usage("unknown report format '" + name + "' in -o " + spec + ": use text, json, markdown or html");
            };
            if (eq >= 0 && spec.substring(eq + 1).isBlank()) {
                throw Failure.usage("-o " + spec + " names no file: use -o " + name + "=FILE, or -o " + name + " for stdout");
            }
            Path file = eq < 0 ? null : Path.of(spec.substring(eq + 1).trim());
            if (file != null && Files.isDirectory(file)) {
                throw Failure.usage("-o " + spec + " names a folder: name a file in it, e.g. -o " + name + "="
                        + file.resolve("report." + (format == Format.MARKDOWN ? "md" : name)));
            }
            return new Output(format, file);
        }
    }

    private ReportOutputs() {
    }

    public static List<Output> parseAll(List<String> specs) {
        List<Output> outputs = specs.isEmpty() ? List.of(new Output(Format.TEXT, null)) : specs.stream().map(Output::parse).toList();
        if (outputs.stream().filter(o -> o.file() == null).count() > 1) {
            throw Failure.usage("only one report can go to stdout: give the others a file, e.g. -o json=drift.json");
        }
        return outputs;
    }

    public static void writeAll(List<Output> outputs, DriftReport report, List<FileText> texts, int maxDiffLines,
                                boolean color, PrintWriter stdout) {
        writeAll(outputs, report, texts, maxDiffLines, color, stdout, null);
    }

    /** As above; now (the run's time) lets text and markdown say how long each finding has drifted. */
    public static void writeAll(List<Output> outputs, DriftReport report, List<FileText> texts, int maxDiffLines,
                                boolean color, PrintWriter stdout, java.time.Instant now) {
        for (Output output : outputs) {
            boolean toTerminal = output.file() == null && color;
            String rendered = switch (output.format()) {
                case TEXT -> TextReport.render(report, texts, maxDiffLines, toTerminal, now);
                case JSON -> ReportJson.write(report);
                case MARKDOWN -> MarkdownReport.render(report, texts, MarkdownReport.DEFAULT_MAX_CHARS, now);
                case HTML -> qdrift.report.html.HtmlReport.render(report, texts, now);
            };
            if (output.file() == null) {
                stdout.print(rendered);
                stdout.flush();
            } else {
                writeFile(output.file(), rendered);
            }
        }
    }

    /** Writes a whole file or nothing (temporary file, then rename). */
    public static void writeFile(Path file, String content) {
        Path absolute = file.toAbsolutePath();
        try {
            Path dir = absolute.getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
            try {
                Files.writeString(temp, content, StandardCharsets.UTF_8);
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw Failure.io("cannot write report " + file + ": " + e.getMessage(), e);
        }
    }
}
