package qdrift.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private static final String UID_PATH = FieldDiff.child("additional_metadata", qdrift.model.Canonicalizer.CHECK_UID_KEY);

    private ReportBuilder() {
    }

    /** kind is "drift" or "compare-envs"; extraWarnings (stale expectations, ambiguous pairs) follow the rule warnings. */
    public static DriftReport build(String kind, Origin origin, List<ResourceDelta> deltas, IgnoreRules rules,
                                    List<String> extraWarnings) {
        return build(kind, origin, deltas, rules, extraWarnings, null);
    }

    /**
     * As above; totals (resources of each type id on the after side, null when unknown) let the builder tell a server
     * upgrade: one field changed the same way on most resources of a type is one platform finding.
     */
    public static DriftReport build(String kind, Origin origin, List<ResourceDelta> deltas, IgnoreRules rules,
                                    List<String> extraWarnings, Map<String, Integer> totals) {
        IgnoreRules ignoreRules = rules == null ? IgnoreRules.none() : rules;
        List<ResourceChange> changes = new ArrayList<>();
        List<ResourceChange> ignored = new ArrayList<>();
        List<FindingBuilder.Reported> reported = new ArrayList<>();
        for (Candidate candidate : candidates(deltas)) {
            IgnoreRules.Outcome outcome = ignoreRules.apply(candidate.change());
            if (outcome.reported() != null) {
                ResourceChange finished = finish(outcome.reported(), candidate.before(), candidate.after());
                changes.add(finished);
                reported.add(new FindingBuilder.Reported(finished,
                        candidate.after() != null ? candidate.after() : candidate.before(), candidate.fromName(),
                        candidate.fromContainer()));
            } else {
                ignored.add(finish(outcome.ignored(), candidate.before(), candidate.after()));
            }
        }
        changes.sort(BY_FILE);
        ignored.sort(BY_FILE);
        List<String> warnings = new ArrayList<>(ignoreRules.warnings());
        if (extraWarnings != null) {
            warnings.addAll(extraWarnings);
        }
        List<Finding> findings = FindingBuilder.build(kind, origin, reported, PlatformChanges.detect(changes, totals));
        return new DriftReport(DriftReport.SCHEMA, Version.TOOL, kind, changes.isEmpty() ? DriftReport.CLEAN : DriftReport.DRIFT,
                origin, summary(changes, ignored.size()), findings, List.copyOf(changes), List.copyOf(ignored),
                List.copyOf(warnings), List.of(), null, null);
    }

    /** A change before ignore rules, the two bodies behind it and, for a renamed resource, its old name and container. */
    private record Candidate(ResourceChange change, JsonNode before, JsonNode after, String fromName, String fromContainer) {
    }

    /** The changes of the deltas, a removed and an added resource that are one (renamed, moved, re-filed) paired. */
    private static List<Candidate> candidates(List<ResourceDelta> deltas) {
        DeltaMatcher.Result matched = DeltaMatcher.match(deltas);
        List<Candidate> candidates = new ArrayList<>();
        for (ResourceDelta delta : matched.unpaired()) {
            ResourceChange change = change(delta);
            if (change != null) {
                candidates.add(new Candidate(change, delta.before(), delta.after(), null, null));
            }
        }
        for (DeltaMatcher.Pair pair : matched.pairs()) {
            candidates.add(paired(pair, matched.newNames()));
        }
        return candidates;
    }

    /**
     * One change for a pair: the new file, the old one as from, and the changed fields apart from the keys that name
     * or place the resource, the check uid and values that only follow a renamed parent (a check's
     * ref_container_name), so a rename with nothing else changed has no fields.
     */
    private static Candidate paired(DeltaMatcher.Pair pair, Map<String, String> newNames) {
        ResourceDelta removed = pair.removed();
        ResourceDelta added = pair.added();
        Set<String> identity = DeltaMatcher.IDENTITY.getOrDefault(added.type(), Set.of());
        List<FieldChange> fields = FieldDiff.between(removed.before(), added.after()).stream()
                .filter(f -> !identity.contains(f.path()) && !f.path().equals(UID_PATH) && !followsRename(f, newNames))
                .toList();
        ChangeKind kind = pair.kind() == ChangeKind.MODIFIED && fields.isEmpty() ? ChangeKind.RENAMED : pair.kind();
        JsonNode body = added.after();
        String container = added.container() != null ? added.container() : JsonValues.container(body);
        String name = added.name() != null ? added.name() : added.file();
        ResourceChange change = new ResourceChange(added.type(), added.datastore(), container, name, added.file(), kind,
                null, fields, null, removed.file(), null, null, null);
        return new Candidate(change, removed.before(), body, removed.name(), removed.container());
    }

    static boolean followsRename(FieldChange f, Map<String, String> newNames) {
        return f.before() != null && f.after() != null && f.before().isTextual() && f.after().isTextual()
                && f.after().asText().equals(newNames.get(f.before().asText()));
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
        String from = delta.from() != null && !delta.from().equals(delta.file()) && kind == ChangeKind.MODIFIED ? delta.from() : null;
        return new ResourceChange(delta.type(), delta.datastore(), container, name, delta.file(), kind, null, fields, null,
                from, null, null, null);
    }

    /** Severity for checks (from the fields left after ignore rules) and secrets masked. */
    private static ResourceChange finish(ResourceChange change, JsonNode before, JsonNode after) {
        Severity severity = null;
        if (isCheck(change.type())) {
            boolean fieldsOnly = change.kind() == ChangeKind.MODIFIED || change.kind() == ChangeKind.RENAMED;
            severity = fieldsOnly ? CheckSeverity.classify(before, after, change.fields()) : CheckSeverity.classify(before, after);
        }
        List<FieldChange> masked = change.fields().stream()
                .map(f -> new FieldChange(f.path(), SecretMask.maskAt(f.path(), f.before()), SecretMask.maskAt(f.path(), f.after())))
                .toList();
        return change.withFields(masked).withSeverity(severity);
    }

    private static Summary summary(List<ResourceChange> changes, int ignored) {
        int added = 0;
        int removed = 0;
        int modified = 0;
        int renamed = 0;
        int loosening = 0;
        Map<String, Integer> byType = new TreeMap<>();
        for (ResourceChange change : changes) {
            switch (change.kind()) {
                case ADDED -> added++;
                case REMOVED -> removed++;
                case MODIFIED -> modified++;
                case RENAMED -> renamed++;
            }
            if (change.severity() == Severity.LOOSENING) {
                loosening++;
            }
            byType.merge(change.type(), 1, Integer::sum);
        }
        return new Summary(added, removed, modified, ignored, loosening, byType, renamed);
    }

    static boolean isCheck(String type) {
        return ResourceType.CHECKS.id().equals(IgnoreRules.normalType(type));
    }
}
