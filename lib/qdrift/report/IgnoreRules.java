//DEPS com.fasterxml.jackson.dataformat:jackson-dataformat-yaml:2.18.2
package qdrift.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.model.ResourceType;

/**
 * Expected drift, from the export folder's .driftignore and from --ignore options, numbered in that order.
 * A rule with fields drops those field changes from a modified resource (the whole change is ignored when nothing is
 * left); a rule without fields ignores whole resources, added and removed ones included. Expired rules do nothing but
 * warn.
 */
public final class IgnoreRules {
    public static final String FILE_NAME = ".driftignore";
    static final String OPTION_REASON = "--ignore";
    private static final Set<String> RULE_KEYS = Set.of("type", "file", "fields", "reason", "expires");
    /** Built on the first .driftignore read, not when the options are checked: a mapper costs a start-up 0.1-0.2 s. */
    private static final class Yaml {
        static final YAMLMapper MAPPER = new YAMLMapper();
    }

    private final List<IgnoreRule> rules;
    private final LocalDate today;
    /** Numbers of the rules that have suppressed something in {@link #apply}, for {@link #unmatched}. */
    private final Set<Integer> matched = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public IgnoreRules(List<IgnoreRule> rules, LocalDate today) {
        this.rules = List.copyOf(rules);
        this.today = today;
    }

    public static IgnoreRules none() {
        return new IgnoreRules(List.of(), LocalDate.now());
    }

    /** Reads exportFolder/.driftignore when it exists, then the --ignore options; today comes from the clock. */
    public static IgnoreRules load(Path exportFolder, List<String> ignoreOptions, Clock clock) {
        Path file = exportFolder.resolve(FILE_NAME);
        String yaml = Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? readRulesFile(file) : null;
        return parse(yaml, file.toString(), ignoreOptions, LocalDate.now(clock));
    }

    /** The text of a rules file (.driftignore, compare-envs --expect); a folder or a binary file is named as such (exit 6). */
    public static String readRulesFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new Failure(ExitCode.IO, file + " is not a file (a folder?): it must be a YAML file of rules;"
                    + " move the folder away or remove it");
        }
        try {
            return Files.readString(file);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new Failure(ExitCode.IO, file + " is not UTF-8 text (a binary file?): it must be a YAML file of rules"
                    + " (see README, Expected drift)", e);
        } catch (IOException e) {
            throw Failure.io("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Checks --ignore values alone, before any slow work; throws the usage failure parse would. */
    public static void checkOptions(List<String> ignoreOptions) {
        parse(null, FILE_NAME, ignoreOptions, LocalDate.now());
    }

    /** Rules from the text of a .driftignore (null when there is none, source names it in errors) and --ignore options. */
    public static IgnoreRules parse(String driftignore, String source, List<String> ignoreOptions, LocalDate today) {
        List<IgnoreRule> rules = new ArrayList<>();
        if (driftignore != null) {
            rules.addAll(new FileParser(source).parse(driftignore));
        }
        for (String option : ignoreOptions == null ? List.<String>of() : ignoreOptions) {
            rules.add(parseOption(option, rules.size() + 1));
        }
        return new IgnoreRules(rules, today);
    }

    /** One --ignore value: TYPE_OR_GLOB[:FIELD_GLOB[,FIELD_GLOB]], e.g. "checks:additional_metadata.jira". */
    static IgnoreRule parseOption(String option, int number) {
        if (option.isBlank()) {
            throw Failure.usage("--ignore '" + option + "' is empty (an unset shell variable?) and would ignore every change:"
                    + " give a type, a file glob or TYPE:FIELD, or leave the option out");
        }
        int colon = option.indexOf(':');
        String target = (colon < 0 ? option : option.substring(0, colon)).trim();
        List<String> fields = null;
        if (colon >= 0) {
            fields = new ArrayList<>();
            for (String field : option.substring(colon + 1).split(",")) {
                if (!field.isBlank()) {
                    fields.add(field.trim());
                }
            }
            if (fields.isEmpty()) {
                throw Failure.usage("--ignore '" + option + "': no field after ':' (drop the ':' to ignore whole resources)");
            }
        }
        String type = null;
        String file = null;
        if (target.contains("/") || target.contains("?") || target.contains(".") || (target.contains("*") && !target.equals("*"))) {
            file = target;
        } else if (!target.isEmpty() && !target.equals("*")) {
            type = typeId(target, "--ignore '" + option + "': ");
        }
        if (fields == null && type == null && matchesEveryFile(file)) {
            throw Failure.usage("--ignore '" + option + "' would ignore every change, so drift could never be found:"
                    + " name a type, a narrower file glob or TYPE:FIELD");
        }
        return new IgnoreRule(number, type, file, fields, OPTION_REASON, null);
    }

    /** No file (any type), or a glob of only '*' and '/' with a '**' in it: every file of the folder. */
    static boolean matchesEveryFile(String glob) {
        if (glob == null || glob.isBlank()) {
            return true;
        }
        String g = glob.strip();
        return g.contains("**") && g.chars().allMatch(c -> c == '*' || c == '/');
    }

    public List<IgnoreRule> rules() {
        return rules;
    }

    /** One warning per expired rule. */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        for (IgnoreRule rule : rules) {
            if (rule.isExpiredOn(today)) {
                warnings.add("ignore rule " + rule.number() + " (" + rule.reason() + ") expired on " + rule.expires()
                        + " and no longer suppresses anything");
            }
        }
        return warnings;
    }

    /** What the rules leave of a change: the change, possibly with fewer fields, or the whole change ignored. */
    public Outcome apply(ResourceChange change) {
        String type = normalType(change.type());
        List<IgnoreRule> live = rules.stream()
                .filter(rule -> !rule.isExpiredOn(today) && rule.appliesTo(type, change.file()))
                .toList();
        for (IgnoreRule rule : live) {
            if (rule.coversWholeResources()) {
                matched.add(rule.number());
                return Outcome.ignored(change.withIgnoredBy(rule.label()));
            }
        }
        boolean hasFieldChanges = change.kind() == ChangeKind.MODIFIED || change.kind() == ChangeKind.RENAMED;
        if (!hasFieldChanges || change.fields() == null || change.fields().isEmpty()) {
            return Outcome.reported(change);
        }
        List<FieldChange> left = new ArrayList<>();
        Set<String> usedRules = new LinkedHashSet<>();
        for (FieldChange field : change.fields()) {
            IgnoreRule covering = live.stream().filter(rule -> rule.coversField(field.path())).findFirst().orElse(null);
            if (covering == null) {
                left.add(field);
            } else {
                usedRules.add(covering.label());
                matched.add(covering.number());
            }
        }
        if (left.isEmpty() && change.kind() == ChangeKind.RENAMED) {
            return Outcome.reported(change.withFields(List.of())); // the rename itself is still news
        }
        if (left.isEmpty()) {
            return Outcome.ignored(change.withIgnoredBy(String.join("; ", usedRules)));
        }
        if (left.size() == change.fields().size()) {
            return Outcome.reported(change);
        }
        return Outcome.reported(change.withFields(List.copyOf(left)));
    }

    /**
     * The unexpired rules that have suppressed nothing in the changes applied so far: in compare-envs, expectations
     * that no longer match any difference (stale).
     */
    public List<IgnoreRule> unmatched() {
        return rules.stream().filter(rule -> !rule.isExpiredOn(today) && !matched.contains(rule.number())).toList();
    }

    /** Exactly one of reported and ignored is set. */
    public record Outcome(ResourceChange reported, ResourceChange ignored) {
        static Outcome reported(ResourceChange change) {
            return new Outcome(change, null);
        }

        static Outcome ignored(ResourceChange change) {
            return new Outcome(null, change);
        }
    }

    static String normalType(String type) {
        try {
            return ResourceType.fromId(type).id();
        } catch (Failure | NullPointerException e) {
            return type;
        }
    }

    private static String typeId(String type, String prefix) {
        try {
            return ResourceType.fromId(type).id();
        } catch (Failure e) {
            throw new Failure(ExitCode.USAGE, prefix + "unknown resource type '" + type + "': use one of "
                    + ResourceType.allIds() + ", \"*\", or a file glob such as datastores/*/checks/**");
        }
    }

    /** Reads the YAML token by token so every complaint names the line it is about. */
    private static final class FileParser {
        private final String source;
        private JsonParser parser;

        FileParser(String source) {
            this.source = source;
        }

        List<IgnoreRule> parse(String yaml) {
            List<IgnoreRule> rules = new ArrayList<>();
            try (JsonParser p = Yaml.MAPPER.createParser(yaml)) {
                parser = p;
                JsonToken token = parser.nextToken();
                if (token == null) {
                    return rules;
                }
                if (token != JsonToken.START_OBJECT) {
                    throw malformed(here(), "expected 'rules:' followed by a list of rules");
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = here();
                    JsonToken value = parser.nextToken();
                    if (!"rules".equals(key)) {
                        throw malformed(keyLine, "unknown key '" + key + "': the file holds one key, 'rules'");
                    }
                    if (value == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    if (value != JsonToken.START_ARRAY) {
                        throw malformed(keyLine, "'rules' must be a list of rules (each starting with '- reason: ...')");
                    }
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        rules.add(rule(rules.size() + 1));
                    }
                }
                return rules;
            } catch (JsonProcessingException e) {
                JsonLocation location = e.getLocation();
                String line = location == null || location.getLineNr() < 1 ? "" : " line " + location.getLineNr();
                String message = e.getOriginalMessage() == null ? "not valid YAML" : e.getOriginalMessage().lines().findFirst().orElse("");
                throw new Failure(ExitCode.IO, source + line + ": not valid YAML (" + message + ")", e);
            } catch (IOException e) {
                throw Failure.io("cannot read " + source + ": " + e.getMessage(), e);
            }
        }

        private IgnoreRule rule(int number) throws IOException {
            int ruleLine = here();
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw malformed(ruleLine, "rule " + number + " must be a mapping with at least 'reason' (and type, file or fields)");
            }
            String type = null;
            String file = null;
            List<String> fields = null;
            String reason = null;
            LocalDate expires = null;
            boolean anyType = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int line = here();
                parser.nextToken();
                JsonNode value = parser.readValueAsTree();
                if (!RULE_KEYS.contains(key)) {
                    throw malformed(line, "unknown key '" + key + "' in rule " + number + ": use type, file, fields, reason, expires");
                }
                switch (key) {
                    case "type" -> {
                        String text = text(value, key, line);
                        anyType = "*".equals(text);
                        type = anyType ? null : typeIdAt(text, line);
                    }
                    case "file" -> file = text(value, key, line);
                    case "fields" -> fields = fields(value, line);
                    case "reason" -> reason = text(value, key, line);
                    case "expires" -> expires = date(value, line);
                    default -> throw new IllegalStateException(key);
                }
            }
            if (reason == null || reason.isBlank()) {
                throw malformed(ruleLine, "rule " + number + " has no reason: say why this drift is expected (reason: ...)");
            }
            if (type == null && !anyType && file == null && fields == null) {
                throw malformed(ruleLine, "rule " + number + " matches nothing in particular: give type, file or fields (type: \"*\" for every resource)");
            }
            if (type == null && fields == null && matchesEveryFile(file)) {
                throw malformed(ruleLine, "rule " + number + " ignores every resource of every type, so drift could never be"
                        + " found: name a type, a narrower file glob or fields");
            }
            return new IgnoreRule(number, type, file, fields, reason.strip(), expires);
        }

        private String typeIdAt(String type, int line) {
            return typeId(type, source + " line " + line + ": ");
        }

        private List<String> fields(JsonNode value, int line) {
            List<String> fields = new ArrayList<>();
            if (value.isTextual()) {
                fields.add(value.asText());
            } else if (value.isArray()) {
                for (JsonNode item : value) {
                    if (!item.isValueNode() || item.isNull() || item.asText().isBlank()) {
                        throw malformed(line, "'fields' must list field paths such as properties.max");
                    }
                    fields.add(item.asText().trim());
                }
            } else {
                throw malformed(line, "'fields' must list field paths such as [properties.max, additional_metadata.jira]");
            }
            if (fields.isEmpty()) {
                throw malformed(line, "'fields' is empty: leave it out to ignore whole resources");
            }
            return fields;
        }

        private LocalDate date(JsonNode value, int line) {
            try {
                return LocalDate.parse(value.asText().trim());
            } catch (DateTimeParseException e) {
                throw malformed(line, "'expires' must be an ISO date such as 2026-12-31, not '" + value.asText() + "'");
            }
        }

        private String text(JsonNode value, String key, int line) {
            if (!value.isValueNode() || value.isNull()) {
                throw malformed(line, "'" + key + "' must be a single value");
            }
            return value.asText();
        }

        private int here() {
            return parser.currentTokenLocation().getLineNr();
        }

        private Failure malformed(int line, String message) {
            return new Failure(ExitCode.IO, source + " line " + line + ": " + message);
        }
    }
}
