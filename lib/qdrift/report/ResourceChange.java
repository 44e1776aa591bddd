package qdrift.report;

import java.util.List;

/**
 * One changed resource. type is a ResourceType id; datastore and container are names (null where they do not apply);
 * file is the path relative to the export folder (for a renamed resource, its new path; from is the old one);
 * fields lists the changed paths of a modified resource; severity is set for checks; ignoredBy names the ignore rule
 * or expectation that suppressed it, if any. changedBy and changedAt come from the live response where it has them
 * (never from the exported files); attribution is a note on who changed it when that is not a named editor
 * ("probably profiling", "the server cannot tell who removed it").
 */
public record ResourceChange(
        String type,
        String datastore,
        String container,
        String name,
        String file,
        ChangeKind kind,
        Severity severity,
        List<FieldChange> fields,
        String ignoredBy,
        String from,
        String changedBy,
        String changedAt,
        String attribution) {

    /** A change without rename or attribution details. */
    public ResourceChange(String type, String datastore, String container, String name, String file, ChangeKind kind,
                          Severity severity, List<FieldChange> fields, String ignoredBy) {
        this(type, datastore, container, name, file, kind, severity, fields, ignoredBy, null, null, null, null);
    }

    /** The same change with other field changes (fewer after ignore rules, masked values). */
    public ResourceChange withFields(List<FieldChange> changed) {
        return new ResourceChange(type, datastore, container, name, file, kind, severity, changed, ignoredBy, from,
                changedBy, changedAt, attribution);
    }

    public ResourceChange withSeverity(Severity value) {
        return new ResourceChange(type, datastore, container, name, file, kind, value, fields, ignoredBy, from,
                changedBy, changedAt, attribution);
    }

    public ResourceChange withIgnoredBy(String rule) {
        return new ResourceChange(type, datastore, container, name, file, kind, severity, fields, rule, from, changedBy,
                changedAt, attribution);
    }
}
