package qdrift.report;

import java.util.List;

/**
 * One changed resource. type is a ResourceType id; datastore and container are names (null where they do not apply);
 * file is the path relative to the export folder; fields lists the changed paths of a modified resource;
 * severity is set for checks; ignoredBy names the ignore rule or expectation that suppressed it, if any.
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
        String ignoredBy) {

    public ResourceChange withIgnoredBy(String rule) {
        return new ResourceChange(type, datastore, container, name, file, kind, severity, fields, rule);
    }
}
