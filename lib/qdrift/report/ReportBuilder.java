package qdrift.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import qdrift.cli.Version;
import qdrift.model.ResourceType;

/**
 * Turns the deltas of drift.java or compare-envs.java into the report: field diffs, severity for checks, ignore rules,
 * findings (one per cause), summary and status. Deltas whose bodies are equal are dropped; values under secret-looking keys are masked.
 */
public final class ReportBuilder {
    private static final Comparator<ResourceChange> BY_FILE = Comparator
            .comparing(ResourceChange::file, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(ResourceChange::type, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(ResourceChange::name, Comparator.nullsLast(Comparator.naturalOrder()));

    private ReportBuilder() {
    }

    /** kind is "drift" or "compare-envs"; extraWarnings (stale expectations, ambiguous pairs) follow the rule warnings. */
    public static DriftReport build(String kind, Origin origin, List<ResourceDelta> deltas, IgnoreRules rules,
                                    List<String> extraWarnings) {
        IgnoreRules ignoreRules = rules == null ? IgnoreRules.none() : rules;
        List<ResourceChange> changes = new ArrayList<>();
        List<ResourceChange> ignored = new ArrayList<>();
        List<FindingBuilder.Reported> reported = new ArrayList<>();
        for (ResourceDelta delta : deltas) {
            ResourceChange change = change(delta);
            if (change == null) {
                continue;
            }
            IgnoreRules.Outcome outcome = ignoreRules.apply(change);
            if (outcome.reported() != null) {
                ResourceChange finished = finish(outcome.reported(), delta);
                changes.add(finished);
                reported.add(new FindingBuilder.Reported(finished, delta.after() != null ? delta.after() : delta.before()));
            } else {
                ignored.add(finish(outcome.ignored(), delta));
            }
        }
        changes.sort(BY_FILE);
        ignored.sort(BY_FILE);
        List<String> warnings = new ArrayList<>(ignoreRules.warnings());
        if (extraWarnings != null) {
            warnings.addAll(extraWarnings);
        }
        List<Finding> findings = FindingBuilder.build(kind, origin, reported);
        return new DriftReport(DriftReport.SCHEMA, Version.TOOL, kind, changes.isEmpty() ? DriftReport.CLEAN : DriftReport.DRIFT,
                origin, summary(changes, ignored.size()), findings, List.copyOf(changes), List.copyOf(ignored),
                List.copyOf(warnings), List.of(), null, null);
    }

    /** The change before ignore rules, or null when the two bodies hold the same values. */
    private static ResourceChange change(ResourceDelta delta) {
        boolean hasBefore = !JsonValues.isAbsent(delta.before());
        boolean hasAfter = !JsonValues.isAbsent(delta.after());
        if (!hasBefore && !hasAfter) {
            return null;
        }
        ChangeKind kind = !hasBefore ? ChangeKind.ADDED : !hasAfter ? ChangeKind.REMOVED : ChangeKind.MODIFIED;
        List<FieldChange> fields = List.of();
        if (kind == ChangeKind.MODIFIED) {
            fields = FieldDiff.between(delta.before(), delta.after());
            if (fields.isEmpty()) {
                return null;
            }
        }
        JsonNode body = hasAfter ? delta.after() : delta.before();
        String container = delta.container() != null ? delta.container() : JsonValues.container(body);
        String name = delta.name() != null ? delta.name() : delta.file();
        return new ResourceChange(delta.type(), delta.datastore(), container, name, delta.file(), kind, null, fields, null);
    }

    /** Severity for checks (from the fields left after ignore rules) and secrets masked. */
    private static ResourceChange finish(ResourceChange change, ResourceDelta delta) {
        Severity severity = null;
        if (isCheck(change.type())) {
            severity = change.kind() == ChangeKind.MODIFIED
                    ? CheckSeverity.classify(delta.before(), delta.after(), change.fields())
                    : CheckSeverity.classify(delta.before(), delta.after());
        }
        List<FieldChange> masked = change.fields().stream()
                .map(f -> new FieldChange(f.path(), SecretMask.maskAt(f.path(), f.before()), SecretMask.maskAt(f.path(), f.after())))
                .toList();
        return new ResourceChange(change.type(), change.datastore(), change.container(), change.name(), change.file(),
                change.kind(), severity, masked, change.ignoredBy());
    }

    private static Summary summary(List<ResourceChange> changes, int ignored) {
        int added = 0;
        int removed = 0;
        int modified = 0;
        int loosening = 0;
        Map<String, Integer> byType = new TreeMap<>();
        for (ResourceChange change : changes) {
            switch (change.kind()) {
                case ADDED -> added++;
                case REMOVED -> removed++;
                case MODIFIED -> modified++;
            }
            if (change.severity() == Severity.LOOSENING) {
                loosening++;
            }
            byType.merge(change.type(), 1, Integer::sum);
        }
        return new Summary(added, removed, modified, ignored, loosening, byType);
    }

    static boolean isCheck(String type) {
        return ResourceType.CHECKS.id().equals(IgnoreRules.normalType(type));
    }
}
