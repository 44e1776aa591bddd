package qdrift.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import qdrift.model.ResourceType;

/**
 * The one rule of what is configuration in force, shared by export, drift and revert: an archived check that Git does
 * not hold is not (it enforces nothing, and archiving is how revert takes back a check added in the UI). So a folder
 * that already holds an export is not given the file of an archived check it does not hold, drift does not report
 * one, and revert plans nothing for one (but --delete, which removes it for good). An archived check that Git holds is
 * kept: archived in Git and live, it is equal; active in Git and archived live, it is a status change. The first
 * export of a folder, or of a container's checks folder (new or renamed), records every check as found, archived
 * ones included.
 */
public final class ConfigurationInForce {
    /** The statuses of an archived check (the API's soft delete sets one of them). */
    public static final Set<String> ARCHIVED = Set.of("archived", "discarded", "invalid", "resolved");

    private ConfigurationInForce() {
    }

    public static boolean isArchived(JsonNode check) {
        return check != null && ARCHIVED.contains(check.path("status").asText("").toLowerCase(Locale.ROOT));
    }

    /** An archived check, read live. */
    public static boolean archivedCheck(SnapshotEntry entry) {
        return entry != null && entry.type() == ResourceType.CHECKS && isArchived(entry.body());
    }

    /** Whether a live resource is in force, given whether Git holds its file. */
    public static boolean inForce(SnapshotEntry live, boolean heldInGit) {
        return heldInGit || !archivedCheck(live);
    }

    /** Removes from rendered files (path to bytes) those of archived checks of live that held does not hold. */
    static void dropUnheld(Snapshot live, Map<String, byte[]> files, Predicate<String> held) {
        files.keySet().removeIf(path -> live.get(path).map(entry -> !inForce(entry, held.test(path))).orElse(false));
    }
}
