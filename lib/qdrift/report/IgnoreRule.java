package qdrift.report;

import java.time.LocalDate;
import java.util.List;

/**
 * One rule of .driftignore or one --ignore option. type is a resource type id or null for any; fileGlob and
 * fieldGlobs are null when absent (no fieldGlobs = the whole resource); expires is the first day it no longer applies.
 */
public record IgnoreRule(int number, String type, String fileGlob, List<String> fieldGlobs, String reason, LocalDate expires) {

    public boolean isExpiredOn(LocalDate today) {
        return expires != null && !today.isBefore(expires);
    }

    public boolean coversWholeResources() {
        return fieldGlobs == null;
    }

    /** Whether the rule is about this resource (by type and file), regardless of fields and expiry. */
    public boolean appliesTo(String resourceType, String file) {
        if (type != null && !type.equals(resourceType)) {
            return false;
        }
        return fileGlob == null || Glob.file(fileGlob).matches(file);
    }

    public boolean coversField(String path) {
        return fieldGlobs != null && fieldGlobs.stream().anyMatch(glob -> Glob.field(glob).matches(path));
    }

    /** How a suppressed change names its rule: "rule 2: Jira links are edited in the UI by design". */
    public String label() {
        return "rule " + number + ": " + reason;
    }
}
