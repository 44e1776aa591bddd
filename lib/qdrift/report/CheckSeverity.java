//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a change to a quality check weakens the gate it enforces. Each changed field gives a signal; any LOOSENING
 * wins, then UNKNOWN, then TIGHTENING, else NEUTRAL. A field this class does not know gives UNKNOWN, so a new server
 * field is never silently called harmless.
 */
public final class CheckSeverity {
    private static final String ACTIVE = "Active";
    /** Fields that document a check without changing what it lets through. */
    private static final Set<String> NEUTRAL_FIELDS = Set.of(
            "description", "tags", "global_tags", "additional_metadata", "anomaly_message_field", "inferred");
    /** Fields that change what is checked: the old and new check are not comparable. */
    private static final Set<String> IDENTITY_FIELDS = Set.of(
            "rule_type", "fields", "container", "container_name", "datastore", "datastore_name");
    /** Rule types whose properties.value is a lower bound: lowering it lets more rows pass. */
    private static final Set<String> LOWER_BOUND_RULES = Set.of(
            "greaterThan", "minValue", "minLength", "afterDateTime", "minPartitionSize");
    /** Rule types whose properties.value is an upper bound: raising it lets more rows pass. */
    private static final Set<String> UPPER_BOUND_RULES = Set.of("lessThan", "maxValue", "maxLength", "beforeDateTime");

    private CheckSeverity() {
    }

    public static Severity classify(JsonNode before, JsonNode after) {
        return classify(before, after, FieldDiff.between(before, after));
    }

    /** Classifies only the given field changes (those left after ignore rules) of a check. */
    public static Severity classify(JsonNode before, JsonNode after, List<FieldChange> changes) {
        if (JsonValues.isAbsent(after)) {
            return Severity.LOOSENING;
        }
        if (JsonValues.isAbsent(before)) {
            return Severity.TIGHTENING;
        }
        String ruleBefore = ruleType(before);
        String ruleAfter = ruleType(after);
        boolean sameRule = ruleBefore != null && ruleBefore.equals(ruleAfter);
        Set<Severity> signals = EnumSet.noneOf(Severity.class);
        for (FieldChange change : changes) {
            signals.add(signal(change, sameRule ? ruleAfter : null));
        }
        return strongest(signals);
    }

    static Severity strongest(Set<Severity> signals) {
        for (Severity severity : List.of(Severity.LOOSENING, Severity.UNKNOWN, Severity.TIGHTENING)) {
            if (signals.contains(severity)) {
                return severity;
            }
        }
        return Severity.NEUTRAL;
    }

    private static Severity signal(FieldChange change, String ruleType) {
        String path = change.path();
        String top = topKey(path);
        if (NEUTRAL_FIELDS.contains(top)) {
            return Severity.NEUTRAL;
        }
        if (IDENTITY_FIELDS.contains(top)) {
            return Severity.UNKNOWN;
        }
        return switch (path) {
            case "status" -> status(change.before(), change.after());
            case "coverage" -> lowerIsLooser(change.before(), change.after());
            case "filter" -> filter(change.before(), change.after());
            default -> path.startsWith("properties.") && ruleType != null
                    ? property(path.substring("properties.".length()), ruleType, change)
                    : Severity.UNKNOWN;
        };
    }

    private static Severity property(String key, String ruleType, FieldChange change) {
        JsonNode before = change.before();
        JsonNode after = change.after();
        switch (key) {
            case "min", "min_time", "min_size":
                return lowerIsLooser(before, after);
            case "max", "max_time", "max_size":
                return higherIsLooser(before, after);
            case "inclusive_min", "inclusive_max", "inclusive":
                return becomingTrueIsLooser(before, after);
            case "value":
                if (LOWER_BOUND_RULES.contains(ruleType)) {
                    return lowerIsLooser(before, after);
                }
                if (UPPER_BOUND_RULES.contains(ruleType)) {
                    return higherIsLooser(before, after);
                }
                return Severity.UNKNOWN;
            case "list":
                if ("expectedValues".equals(ruleType)) {
                    return listGrowth(before, after, Severity.LOOSENING, Severity.TIGHTENING);
                }
                if ("requiredValues".equals(ruleType)) {
                    return listGrowth(before, after, Severity.TIGHTENING, Severity.LOOSENING);
                }
                return Severity.UNKNOWN;
            default:
                return Severity.UNKNOWN;
        }
    }

    private static Severity status(JsonNode before, JsonNode after) {
        boolean wasActive = ACTIVE.equalsIgnoreCase(JsonValues.name(before));
        boolean isActive = ACTIVE.equalsIgnoreCase(JsonValues.name(after));
        if (wasActive == isActive) {
            return Severity.NEUTRAL; // e.g. Draft -> Archived: enforced neither before nor after
        }
        return wasActive ? Severity.LOOSENING : Severity.TIGHTENING;
    }

    private static Severity filter(JsonNode before, JsonNode after) {
        boolean had = !isBlank(before);
        boolean has = !isBlank(after);
        if (had == has) {
            return had ? Severity.UNKNOWN : Severity.NEUTRAL;
        }
        return has ? Severity.LOOSENING : Severity.TIGHTENING;
    }

    private static Severity lowerIsLooser(JsonNode before, JsonNode after) {
        int order = compare(before, after);
        if (order == 0) {
            return Severity.NEUTRAL;
        }
        if (order == Integer.MIN_VALUE) {
            return Severity.UNKNOWN;
        }
        return order > 0 ? Severity.LOOSENING : Severity.TIGHTENING;
    }

    private static Severity higherIsLooser(JsonNode before, JsonNode after) {
        Severity lower = lowerIsLooser(before, after);
        return switch (lower) {
            case LOOSENING -> Severity.TIGHTENING;
            case TIGHTENING -> Severity.LOOSENING;
            default -> lower;
        };
    }

    private static Severity becomingTrueIsLooser(JsonNode before, JsonNode after) {
        boolean was = before != null && before.asBoolean(false);
        boolean is = after != null && after.asBoolean(false);
        if (was == is) {
            return Severity.NEUTRAL;
        }
        return is ? Severity.LOOSENING : Severity.TIGHTENING;
    }

    private static Severity listGrowth(JsonNode before, JsonNode after, Severity grown, Severity shrunk) {
        Set<String> was = texts(before);
        Set<String> is = texts(after);
        if (was == null || is == null) {
            return Severity.UNKNOWN;
        }
        boolean added = !was.containsAll(is);
        boolean removed = !is.containsAll(was);
        if (added && removed) {
            return Severity.UNKNOWN;
        }
        if (added) {
            return grown;
        }
        return removed ? shrunk : Severity.NEUTRAL;
    }

    /** Compares two bounds: numbers, or ISO dates/times; Integer.MIN_VALUE when they cannot be compared. */
    private static int compare(JsonNode before, JsonNode after) {
        BigDecimal a = JsonValues.number(before);
        BigDecimal b = JsonValues.number(after);
        if (a != null && b != null) {
            return Integer.signum(a.compareTo(b));
        }
        Comparable<?> x = temporal(before);
        Comparable<?> y = temporal(after);
        if (x != null && y != null && x.getClass() == y.getClass()) {
            @SuppressWarnings("unchecked")
            int order = ((Comparable<Object>) x).compareTo(y);
            return Integer.signum(order);
        }
        return Integer.MIN_VALUE;
    }

    private static Comparable<?> temporal(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        String text = node.asText().trim();
        List<java.util.function.Function<String, Comparable<?>>> parsers = new ArrayList<>();
        parsers.add(s -> OffsetDateTime.parse(s).toInstant());
        parsers.add(LocalDateTime::parse);
        parsers.add(LocalDate::parse);
        parsers.add(LocalTime::parse);
        for (var parser : parsers) {
            try {
                return parser.apply(text);
            } catch (DateTimeParseException e) {
                // try the next shape
            }
        }
        return null;
    }

    private static Set<String> texts(JsonNode list) {
        if (list == null) {
            return new HashSet<>();
        }
        if (!list.isArray()) {
            return null;
        }
        Set<String> values = new HashSet<>();
        list.forEach(item -> values.add(item.toString()));
        return values;
    }

    private static boolean isBlank(JsonNode node) {
        return JsonValues.isAbsent(node) || (node.isTextual() && node.asText().isBlank());
    }

    private static String ruleType(JsonNode body) {
        return JsonValues.name(body.get("rule_type"));
    }

    private static String topKey(String path) {
        int end = path.length();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '.' || c == '[') {
                end = i;
                break;
            }
        }
        return path.substring(0, end);
    }
}
