package qdrift.notify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.time.Instant;
import qdrift.report.Attribution;
import qdrift.report.DriftAge;
import qdrift.report.DriftReport;
import qdrift.report.Finding;
import qdrift.report.ValueText;
import qdrift.report.FieldChange;
import qdrift.report.Origin;
import qdrift.report.ResourceChange;
import qdrift.report.Severity;
import qdrift.report.Summary;

/**
 * The words every destination shares: subject line, where the drift is, counts, and what to read first: the
 * findings (one per cause, saying what values became, who changed it and since when it drifts), or the changes of a
 * report without findings (v1). now is when the alert goes out (null when unknown), for "drifting for 3 days"; others
 * is how many findings (or changes) a filter left out of this alert.
 */
public record AlertText(DriftReport report, Occasion occasion, Instant now, int others) {
    public static final String PREFIX = "[qualytics-drift] ";
    /** Values spelled out per change line of a v1 report; the rest are counted. */
    static final int VALUES_PER_LINE = 5;

    public AlertText(DriftReport report, Occasion occasion) {
        this(report, occasion, null, 0);
    }

    public AlertText(DriftReport report, Occasion occasion, Instant now) {
        this(report, occasion, now, 0);
    }

    /**
     * "1 other finding of this report is not routed here", or null when a filter left nothing out (or nothing is
     * drifting here).
     */
    public String othersLine() {
        if (others == 0 || !occasion.isDrift()) {
            return null;
        }
        String unit = findings().isEmpty() ? (others == 1 ? "change" : "changes") : (others == 1 ? "finding" : "findings");
        return others + " other " + unit + " of this report " + (others == 1 ? "is" : "are") + " not routed here";
    }

    /**
     * One thing to read: its line (a finding's title, or a change with its values), whether it loosened a check,
     * and notes: who changed it and when, how long it has drifted, the step to take.
     */
    public record Item(String line, boolean loosening, List<String> notes) {
        /** The line and its notes on one line: "... — changed by admin at ...; drifting for 3 days". */
        public String oneLine() {
            return notes.isEmpty() ? line : line + " — " + String.join("; ", notes);
        }
    }

    /** "[qualytics-drift] drift: 3 changes (1 loosening) in prod-warehouse"; a reminder says for how long. */
    public String subject() {
        String age = occasion == Occasion.REMINDER ? driftingFor() : null;
        String label = age == null ? occasion.label() : occasion.label() + " " + age.substring("drifting ".length());
        boolean partial = report.isPartial() && occasion.isDrift();
        return PREFIX + (partial ? "partial" : label) + ": " + (occasion.isDrift() ? countsPhrase() : "no drift")
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

    /** "drifting for 3 days" from the oldest finding's first-seen time, or null when the report has none (no --ledger). */
    public String driftingFor() {
        String earliest = DriftAge.earliest(findings().stream().map(Finding::firstSeen).toList());
        if (earliest == null || now == null) {
            return null;
        }
        String phrase = DriftAge.phrase(earliest, now);
        return phrase.startsWith("drifting for ") ? phrase.substring(0, phrase.indexOf(" (first seen")) : null;
    }

    /** The oldest first-seen time among the findings, or null. */
    public String driftingSince() {
        return DriftAge.earliest(findings().stream().map(Finding::firstSeen).toList());
    }

    /** Everyone the changes name as having changed something, in report order, each once. */
    public List<String> editors() {
        return changes().stream().map(ResourceChange::changedBy).filter(Objects::nonNull).distinct().toList();
    }

    public List<Finding> findings() {
        return report.findings() == null ? List.of() : report.findings();
    }

    /** What to list, in reading order (loosening first): the findings, or the changes when there are none (v1). */
    public List<Item> items() {
        if (!findings().isEmpty()) {
            List<Finding> ordered = new ArrayList<>(findings());
            ordered.sort(Comparator.comparing(f -> f.severity() == Severity.LOOSENING ? 0 : 1));
            return ordered.stream().map(this::item).toList();
        }
        return topChanges().stream().map(AlertText::item).toList();
    }

    private Item item(Finding finding) {
        String severity = finding.severity() == null || !"checks".equals(finding.type()) ? ""
                : " [" + finding.severity().name() + "]";
        List<String> notes = new ArrayList<>();
        String who = Attribution.phrase(finding);
        if (who != null) {
            notes.add(who);
        }
        String age = DriftAge.phrase(finding.firstSeen(), now);
        if (age != null) {
            notes.add(age);
        }
        if (finding.remedy() != null) {
            notes.add(finding.remedy());
        }
        return new Item(Objects.requireNonNullElse(finding.title(), finding.cause() + " " + finding.type()) + severity,
                finding.severity() == Severity.LOOSENING, List.copyOf(notes));
    }

    static Item item(ResourceChange change) {
        String who = Attribution.phrase(change);
        return new Item(changeLine(change), change.severity() == Severity.LOOSENING, who == null ? List.of() : List.of(who));
    }

    public String title() {
        return switch (occasion) {
            case DRIFT -> "Qualytics configuration drift";
            case REMINDER -> "Qualytics configuration drift (reminder)";
            case RESOLVED -> "Qualytics configuration drift resolved";
            case CLEAN -> "No Qualytics configuration drift";
        };
    }

    /** "3 changes (1 loosening)", "2 findings, 3 changes (1 loosening)". */
    public String countsPhrase() {
        int total = total();
        int findings = findings().size();
        String phrase = (findings == 0 ? "" : findings + (findings == 1 ? " finding, " : " findings, "))
                + total + (total == 1 ? " change" : " changes");
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
        return summary != null ? summary.added() + summary.removed() + summary.modified() + summary.renamed() : changes().size();
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

    /** The line a plain-text medium shows for one change: what its fields became ("properties.max 100000 → 999999"). */
    public static String changeLine(ResourceChange change) {
        List<FieldChange> fields = change.fields() == null ? List.of() : change.fields();
        return fields.isEmpty() ? changeHeadline(change)
                : changeHeadline(change) + ": " + ValueText.changes(fields, VALUES_PER_LINE);
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
