package qdrift.report;

import java.util.List;
import java.util.Map;

/**
 * One cause, as a person reads it: "container `orders` renamed to `orders_v2`: 12 checks and 2 computed fields moved".
 * cause is added, removed, modified, renamed or platform; type, datastore, container and name say which resource the
 * cause is about (for platform, type is the resource type and name the field); title is the one-line sentence;
 * severity is the worst severity of the checks involved; fields are the changed values (secrets masked); files are
 * the export files it covers (the changes[] records with these files hold the detail); moved counts the resources a
 * rename or move carried, per type; fingerprint is stable across runs for the same cause, so a ledger can say since
 * when it has been seen (firstSeen, an ISO-8601 instant); changedBy, changedAt and attribution as in ResourceChange;
 * remedy is the exact step to take when the finding is not for a person to fix (a platform finding's .driftignore
 * rule, server-fields entry or re-baseline command), else null.
 */
public record Finding(
        String fingerprint,
        String cause,
        String type,
        String datastore,
        String container,
        String name,
        String title,
        Severity severity,
        List<FieldChange> fields,
        List<String> files,
        Map<String, Integer> moved,
        String changedBy,
        String changedAt,
        String attribution,
        String firstSeen,
        String remedy) {

    /** A finding without remedy. */
    public Finding(String fingerprint, String cause, String type, String datastore, String container, String name,
                   String title, Severity severity, List<FieldChange> fields, List<String> files,
                   Map<String, Integer> moved, String changedBy, String changedAt, String attribution, String firstSeen) {
        this(fingerprint, cause, type, datastore, container, name, title, severity, fields, files, moved, changedBy,
                changedAt, attribution, firstSeen, null);
    }
}
