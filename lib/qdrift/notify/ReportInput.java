package qdrift.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.report.DriftReport;
import qdrift.report.ReportJson;

/**
 * Reads the reports to notify about: files (given as arguments or with --report, which also takes a glob) and stdin
 * ("-", or by default when stdin is piped and no file is given). Every input is validated strictly before anything is
 * sent: exactly one JSON document, a known schema, kind and status; anything else is an input failure (exit 6) in
 * one line naming the file.
 */
public final class ReportInput {
    public static final Set<String> KINDS = Set.of("drift", "compare-envs");
    public static final Set<String> STATUSES = Set.of(DriftReport.CLEAN, DriftReport.DRIFT, DriftReport.PARTIAL);
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** One report as read: where from ("stdin" or the file) and the alert built on it. */
    public record Read(String source, Alert alert) {
    }

    private ReportInput() {
    }

    /** The one report of {@code positional} ("-" or a file) or {@code reportFile}, or stdin (the single-report form). */
    public static Alert read(String positional, Path reportFile, NotifyRuntime runtime) {
        return readAll(positional == null ? List.of() : List.of(positional),
                reportFile == null ? List.of() : List.of(reportFile.toString()), runtime).get(0).alert();
    }

    /**
     * @param arguments the command's arguments: files, or "-" for stdin
     * @param reports   the --report values: files or globs
     */
    public static List<Read> readAll(List<String> arguments, List<String> reports, NotifyRuntime runtime) {
        Map<Path, String> files = new LinkedHashMap<>();
        boolean stdin = false;
        for (String argument : arguments) {
            if ("-".equals(argument)) {
                stdin = true;
            } else if (argument.startsWith("-")) {
                throw Failure.usage("unknown option '" + argument + "': see notify.java --help");
            } else {
                files.putIfAbsent(key(Path.of(argument)), argument);
            }
        }
        for (String report : reports) {
            for (Path file : expand(report)) {
                files.putIfAbsent(key(file), file.toString());
            }
        }
        List<Read> read = new ArrayList<>();
        if (files.isEmpty() && !stdin) {
            if (runtime.stdinIsTerminal()) {
                throw Failure.usage("no report: pipe one in (drift.java -o json | notify.java --slack) or pass --report FILE");
            }
            stdin = true;
        }
        if (stdin) {
            try {
                read.add(new Read("stdin", parse(new String(runtime.stdin().readAllBytes(), StandardCharsets.UTF_8), "stdin")));
            } catch (IOException e) {
                throw Failure.io("cannot read the report from stdin: " + e.getMessage(), e);
            }
        }
        files.forEach((path, name) -> read.add(new Read(name, parse(readFile(Path.of(name)), name))));
        return read;
    }

    /** One report: exactly one JSON object, schema v1 or v2, a known kind and status, failed datastores iff partial. */
    static Alert parse(String json, String source) {
        if (json.isBlank()) {
            throw Failure.usage(source + " is empty: pipe the output of `drift.java -o json` or pass --report FILE");
        }
        JsonNode tree;
        try {
            tree = STRICT.readTree(json);
        } catch (JsonProcessingException e) {
            boolean second = e.getOriginalMessage() != null && e.getOriginalMessage().contains("Trailing token");
            throw new Failure(ExitCode.IO, source + (second
                    ? " holds more than one JSON document (reports concatenated?): give each report its own file"
                    : " is not JSON (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")")
                    + ": pipe the output of `drift.java -o json` or `compare-envs.java -o json`", e);
        }
        if (tree == null || !tree.isObject()) {
            throw new Failure(ExitCode.IO, source + " is not a qualytics-drift report (a JSON object with \"schema\": \""
                    + DriftReport.SCHEMA + "\" was expected): pipe the output of `drift.java -o json`");
        }
        JsonNode schema = tree.get("schema");
        if (schema != null && schema.isTextual() && (DriftReport.SCHEMA.equals(schema.asText()) || DriftReport.SCHEMA_V1.equals(schema.asText()))) {
            checkField(tree, source, "kind", KINDS);
            checkField(tree, source, "status", STATUSES);
            checkPartial(tree, source, DriftReport.SCHEMA_V1.equals(schema.asText()));
        }
        DriftReport report = ReportJson.read(json, source); // other schemas are refused there, with their own hint
        return Alert.of(report, json);
    }

    private static void checkField(JsonNode tree, String source, String field, Set<String> known) {
        JsonNode value = tree.get(field);
        if (value == null || !value.isTextual() || !known.contains(value.asText())) {
            throw new Failure(ExitCode.IO, source + " is not a valid report: \"" + field + "\" is "
                    + (value == null ? "missing" : value.toString()) + ", expected one of " + String.join(", ", known.stream().sorted().toList()));
        }
    }

    private static void checkPartial(JsonNode tree, String source, boolean v1) {
        boolean partial = DriftReport.PARTIAL.equals(tree.path("status").asText());
        JsonNode failed = tree.get("failed_datastores");
        boolean listsFailures = failed != null && failed.isArray() && !failed.isEmpty();
        if (failed != null && !failed.isArray() && !failed.isNull()) {
            throw new Failure(ExitCode.IO, source + " is not a valid report: \"failed_datastores\" is not a list");
        }
        if (partial && v1) {
            throw new Failure(ExitCode.IO, source + " is not a valid report: status \"partial\" needs schema " + DriftReport.SCHEMA);
        }
        if (partial != listsFailures) {
            throw new Failure(ExitCode.IO, source + " is not a valid report: " + (partial
                    ? "status \"partial\" without failed_datastores" : "failed_datastores with status \"" + tree.path("status").asText() + "\""));
        }
    }

    /** A --report value: the file itself, or every file its glob matches (sorted); a glob matching nothing fails. */
    static List<Path> expand(String value) {
        if (!isGlob(value)) {
            return List.of(Path.of(value));
        }
        String normal = value.replace('\\', '/');
        String[] parts = normal.split("/", -1);
        int first = 0;
        while (first < parts.length && !isGlob(parts[first])) {
            first++;
        }
        String baseText = String.join("/", java.util.Arrays.copyOfRange(parts, 0, first));
        Path base = baseText.isEmpty() ? Path.of(".") : normal.startsWith("/") && first == 1 ? Path.of("/") : Path.of(baseText);
        String pattern = String.join("/", java.util.Arrays.copyOfRange(parts, first, parts.length));
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        int depth = pattern.contains("**") ? Integer.MAX_VALUE : parts.length - first;
        List<Path> matches;
        try (Stream<Path> walk = Files.walk(base, depth)) {
            matches = walk.filter(Files::isRegularFile)
                    .filter(file -> matcher.matches(base.relativize(file)))
                    .map(file -> baseText.isEmpty() ? base.relativize(file) : file)
                    .sorted()
                    .toList();
        } catch (NoSuchFileException e) {
            matches = List.of();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw Failure.io("cannot list the files of --report " + value + ": " + e.getMessage(), e);
        }
        if (matches.isEmpty()) {
            throw new Failure(ExitCode.IO, "--report " + value + " matches no file: check the pattern and that the reports were written");
        }
        return matches;
    }

    private static boolean isGlob(String text) {
        return text.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw Failure.io("report file " + file + " does not exist: pass the file drift.java -o json wrote", e);
        } catch (java.nio.charset.MalformedInputException e) {
            throw Failure.io("report file " + file + " is not UTF-8 text: pass the file drift.java -o json wrote", e);
        } catch (IOException e) {
            throw Failure.io("cannot read report file " + file + ": " + e.getMessage(), e);
        }
    }
}
