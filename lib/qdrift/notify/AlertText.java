package qdrift.notify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import qdrift.report.DriftReport;
import qdrift.report.FieldChange;
import qdrift.report.Origin;
import qdrift.report.ResourceChange;
import qdrift.report.Severity;
import qdrift.report.Summary;

/** The words every destination shares: subject line, where the drift is, counts, and the changes worth reading first. */
public record AlertText(DriftReport report, Occasion occasion) {
    public static final String PREFIX = "[qualytics-drift] ";

    /** "[qualytics-drift] drift: 3 changes (1 loosening) in prod-warehouse". */
    public String subject() {
        boolean partial = report.isPartial() && occasion.isDrift();
        return PREFIX + (partial ? "partial" : occasion.label()) + ": " + (occasion.isDrift() ? countsPhrase() : "no drift")
                + " in " + where() + (partial ? "; " + notChecked() : "");
    }

    /** "not checked: finance (id 7)": the datastores a partial report could not check, or "" (h12shard). */
    public String notChecked() {
        if (report.failedDatastores().isEmpty()) {
            return "";
        }
        return "not checked: " + report.failedDatastores().stream().map(qdrift.report.ReportScope::name)
                .collect(Collectors.joining(", "));
    }

    public String title() {
        return switch (occasion) {
            case DRIFT -> "Qualytics configuration drift";
            case REMINDER -> "Qualytics configuration drift (reminder)";
            case RESOLVED -> "Qualytics configuration drift resolved";
            case CLEAN -> "No Qualytics configuration drift";
        };
    }

    /** "3 changes (1 loosening)". */
    public String countsPhrase() {
        int total = total();
        String phrase = total + (total == 1 ? " change" : " changes");
        int loosening = loosening();
        return loosening > 0 ? phrase + " (" + loosening + " loosening)" : phrase;
    }

    /** The datastores (drift) or the two sides (compare-envs) the report is about. */
    public String where() {
        Origin origin = report.origin();
        if (origin == null) {
            return "Qualytics";
        }
        if (origin.left() != null || origin.right() != null) {
            return side(origin.left(), "left") + " vs " + side(origin.right(), "right");
        }
        String names = datastoreNames(origin.datastores());
        if (!names.isEmpty()) {
            return names;
        }
        return origin.host() != null ? origin.host() : "Qualytics";
    }

    /** The live host(s), for PagerDuty's source and the message context. */
    public String source() {
        Origin origin = report.origin();
        if (origin == null) {
            return "qualytics-drift";
        }
        if (origin.left() != null || origin.right() != null) {
            return sideHost(origin.left()) + " vs " + sideHost(origin.right());
        }
        return origin.host() != null ? origin.host() : "qualytics-drift";
    }

    public int total() {
        Summary summary = report.summary();
        return summary != null ? summary.added() + summary.removed() + summary.modified() : changes().size();
    }

    public int loosening() {
        Summary summary = report.summary();
        if (summary != null) {
            return summary.loosening();
        }
        return (int) changes().stream().filter(c -> c.severity() == Severity.LOOSENING).count();
    }

    /** Changes per resource type id, in the report's order (or counted from the changes when there is no summary). */
    public Map<String, Integer> countsByType() {
        Summary summary = report.summary();
        if (summary != null && summary.byType() != null && !summary.byType().isEmpty()) {
            return new java.util.TreeMap<>(summary.byType());
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ResourceChange change : changes()) {
            counts.merge(Objects.requireNonNullElse(change.type(), "other"), 1, Integer::sum);
        }
        return counts;
    }

    /** "checks: 2, connections: 1". */
    public String countsLine() {
        return countsByType().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
    }

    public List<ResourceChange> changes() {
        return report.changes() == null ? List.of() : report.changes();
    }

    /** The changes in reading order: loosening checks first, then the rest as reported. */
    public List<ResourceChange> topChanges() {
        List<ResourceChange> ordered = new ArrayList<>(changes());
        ordered.sort(Comparator.comparing(c -> c.severity() == Severity.LOOSENING ? 0 : 1));
        return ordered;
    }

    /** "prod-warehouse / orders / between total_amount". */
    public static String resourcePath(ResourceChange change) {
        return Stream.of(change.datastore(), change.container(), change.name() != null ? change.name() : change.file())
                .filter(Objects::nonNull).collect(Collectors.joining(" / "));
    }

    /** "modified checks prod-warehouse / orders / x [LOOSENING]". */
    public static String changeHeadline(ResourceChange change) {
        String kind = change.kind() == null ? "changed" : change.kind().id();
        String severity = change.severity() == null ? "" : " [" + change.severity().name() + "]";
        return kind + " " + Objects.requireNonNullElse(change.type(), "resource") + " " + resourcePath(change) + severity;
    }

    /** The changed field paths, at most max of them, then "and N more". */
    public static String fieldPaths(ResourceChange change, int max) {
        List<FieldChange> fields = change.fields() == null ? List.of() : change.fields();
        String shown = fields.stream().limit(max).map(FieldChange::path).collect(Collectors.joining(", "));
        return fields.size() > max ? shown + " and " + (fields.size() - max) + " more" : shown;
    }

    /** The line a plain-text medium shows for one change. */
    public static String changeLine(ResourceChange change) {
        String fields = fieldPaths(change, 10);
        return fields.isEmpty() ? changeHeadline(change) : changeHeadline(change) + ": " + fields;
    }

    public String pullRequestUrl() {
        return report.pullRequest() == null ? null : report.pullRequest().url();
    }

    static String moreLine(int more) {
        return "... and " + more + " more";
    }

    private static String side(Origin.Side side, String fallback) {
        if (side == null) {
            return fallback;
        }
        if (side.label() != null) {
            return side.label();
        }
        String names = datastoreNames(side.datastores());
        if (!names.isEmpty()) {
            return names;
        }
        return side.host() != null ? side.host() : Objects.requireNonNullElse(side.folder(), fallback);
    }

    private static String sideHost(Origin.Side side) {
        if (side == null) {
            return "?";
        }
        return side.host() != null ? side.host() : Objects.requireNonNullElse(side.folder(), "?");
    }

    private static String datastoreNames(List<Origin.DatastoreRef> datastores) {
        if (datastores == null) {
            return "";
        }
        return datastores.stream()
                .map(d -> d.name() != null ? d.name() : d.id() != null ? "datastore " + d.id() : null)
                .filter(Objects::nonNull).collect(Collectors.joining(", "));
    }
}
