package qdrift.notify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import qdrift.model.ResourceType;
import qdrift.report.Glob;
import qdrift.report.Severity;

/**
 * Which findings a destination hears about (notify.java --when, a route's when), in the report's own words. A match
 * is a set of conditions that must all hold, each a key (type, cause, severity, datastore) and the values any of
 * which it accepts ("type=connections,datastores"); a when holds if any of its matches does, and a when without
 * matches holds for everything. severity is a check's (a finding of another type has none, so never matches it);
 * datastore is a glob on the datastore's name ("prod-*"; a connection belongs to no datastore).
 */
public record When(List<Match> anyOf) {
    public static final String TYPE = "type";
    public static final String CAUSE = "cause";
    public static final String SEVERITY = "severity";
    public static final String DATASTORE = "datastore";
    public static final List<String> KEYS = List.of(TYPE, CAUSE, SEVERITY, DATASTORE);
    public static final List<String> CAUSES = List.of("added", "removed", "modified", "renamed", "platform");

    /** What a filter looks at in one finding (or, in a report without findings, one change). */
    public record Subject(String type, String cause, String severity, String datastore) {
    }

    /** Conditions that must all hold: key to accepted values (globs for datastore). */
    public record Match(Map<String, List<String>> conditions) {
        public Match {
            conditions = Map.copyOf(conditions);
        }

        public boolean matches(Subject subject) {
            return conditions.entrySet().stream().allMatch(c -> accepts(c.getKey(), c.getValue(), subject));
        }

        /** "type=connections severity=loosening", keys in a fixed order. */
        public String text() {
            return KEYS.stream().filter(conditions::containsKey)
                    .map(key -> key + "=" + String.join(",", conditions.get(key))).collect(Collectors.joining(" "));
        }

        private static boolean accepts(String key, List<String> values, Subject subject) {
            return switch (key) {
                case TYPE -> subject.type() != null && values.contains(subject.type());
                case CAUSE -> subject.cause() != null && values.contains(subject.cause());
                case SEVERITY -> subject.severity() != null && values.contains(subject.severity());
                case DATASTORE -> subject.datastore() != null
                        && values.stream().anyMatch(glob -> Glob.file(glob).matches(subject.datastore()));
                default -> false;
            };
        }
    }

    public When {
        anyOf = List.copyOf(anyOf);
    }

    public static When everything() {
        return new When(List.of());
    }

    /** --when values, all of which must hold ("type=checks", "severity=loosening"); none: everything. */
    public static When ofAll(List<String> keyValues) {
        if (keyValues == null || keyValues.isEmpty()) {
            return everything();
        }
        Map<String, List<String>> conditions = new LinkedHashMap<>();
        for (String keyValue : keyValues) {
            int eq = keyValue.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + keyValue + "' is not KEY=VALUES: use one of " + String.join(", ", KEYS)
                        + ", e.g. type=connections,datastores");
            }
            String key = keyValue.substring(0, eq).strip();
            List<String> values = Arrays.stream(keyValue.substring(eq + 1).split(",")).map(String::strip)
                    .filter(v -> !v.isEmpty()).toList();
            add(conditions, key, values);
        }
        return new When(List.of(new Match(conditions)));
    }

    /**
     * Adds one condition (validated and normalised) to a match being built; a key given twice must hold twice, so its
     * values narrow to those both accept. Throws IllegalArgumentException saying what is wrong.
     */
    public static void add(Map<String, List<String>> conditions, String key, List<String> values) {
        String k = key.strip().toLowerCase();
        if (!KEYS.contains(k)) {
            throw new IllegalArgumentException("unknown key '" + key + "': use " + String.join(", ", KEYS));
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(k + " needs at least one value");
        }
        List<String> normalised = new ArrayList<>();
        for (String value : values) {
            normalised.add(normalise(k, value.strip()));
        }
        List<String> before = conditions.get(k);
        if (before == null) {
            conditions.put(k, List.copyOf(normalised));
        } else if (k.equals(DATASTORE)) {
            throw new IllegalArgumentException("datastore is given twice: give its globs once, comma-separated");
        } else {
            conditions.put(k, before.stream().filter(normalised::contains).toList());
        }
    }

    private static String normalise(String key, String value) {
        String v = value.toLowerCase();
        return switch (key) {
            case TYPE -> {
                String wanted = v.replace('-', '_');
                for (ResourceType type : ResourceType.values()) {
                    if (type.id().equals(wanted) || type.id().equals(wanted + "s")) {
                        yield type.id();
                    }
                }
                throw new IllegalArgumentException("unknown type '" + value + "': use " + ResourceType.allIds());
            }
            case CAUSE -> {
                if (!CAUSES.contains(v)) {
                    throw new IllegalArgumentException("unknown cause '" + value + "': use " + String.join(",", CAUSES));
                }
                yield v;
            }
            case SEVERITY -> {
                List<String> ids = Arrays.stream(Severity.values()).map(Severity::id).toList();
                if (!ids.contains(v)) {
                    throw new IllegalArgumentException("unknown severity '" + value + "': use " + String.join(",", ids));
                }
                yield v;
            }
            default -> value; // a datastore glob keeps its case: names are compared as written
        };
    }

    public boolean isEverything() {
        return anyOf.isEmpty();
    }

    public boolean matches(Subject subject) {
        return isEverything() || anyOf.stream().anyMatch(match -> match.matches(subject));
    }

    /**
     * Whether a datastore the run could not check concerns this filter: its drift is unknown, so every filter hears
     * of it unless its datastore globs leave it out.
     */
    public boolean concernsDatastore(String name) {
        if (isEverything()) {
            return true;
        }
        return anyOf.stream().anyMatch(match -> {
            List<String> globs = match.conditions().get(DATASTORE);
            return globs == null || (name != null && globs.stream().anyMatch(glob -> Glob.file(glob).matches(name)));
        });
    }

    /** "type=connections | type=checks severity=loosening"; "everything" for no filter. */
    public String text() {
        return isEverything() ? "everything" : anyOf.stream().map(Match::text).collect(Collectors.joining(" | "));
    }
}
