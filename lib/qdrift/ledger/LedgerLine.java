package qdrift.ledger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One run of drift.java, as the ledger keeps it (one JSON object per line, snake_case): when it ran, what it watched
 * (scope: host, datastore ids and export path, so one ledger can serve several cron jobs), the commit it compared
 * against, its status (clean, drift or partial), the fingerprints of its findings and its counts. Added later (old
 * lines read without them): the datastore names, each finding's title and editor (notes: the period report's "who
 * changed what"), accepted (the commit a clean run found holding the drift of the run before: the episode ended by a
 * merged commit). revert.java --ledger writes lines of kind "revert" with status verified, unverified or failed:
 * those are not drift runs and count in no total. Never field values or secrets.
 */
public record LedgerLine(
        String schema,
        String time,
        String kind,
        String status,
        String host,
        List<Long> datastores,
        String path,
        String commit,
        List<String> fingerprints,
        Map<String, Integer> counts,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> datastoreNames,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Note> notes,
        String accepted) {

    public static final String SCHEMA = "qualytics-drift/ledger/v1";
    public static final String REVERT = "revert";

    /** One finding of a run, for a person: its title, datastore, who changed it and when (null where unknown). */
    public record Note(String fingerprint, String title, String datastore, String changedBy, String changedAt) {
    }

    /** A line of the first shape (no names, notes or acceptance). */
    public LedgerLine(String schema, String time, String kind, String status, String host, List<Long> datastores,
                      String path, String commit, List<String> fingerprints, Map<String, Integer> counts) {
        this(schema, time, kind, status, host, datastores, path, commit, fingerprints, counts, null, null, null);
    }

    public LedgerLine {
        datastores = datastores == null ? List.of() : List.copyOf(datastores);
        fingerprints = fingerprints == null ? List.of() : List.copyOf(fingerprints);
        counts = counts == null ? Map.of() : counts;
        datastoreNames = datastoreNames == null ? List.of() : List.copyOf(datastoreNames);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** A revert.java line, not a drift run. */
    @JsonIgnore
    public boolean isRevert() {
        return REVERT.equals(kind);
    }

    /** What the run watched: runs of another scope never resolve or start this one's findings. */
    public String scope() {
        return host + " " + datastores + " " + path;
    }

    @JsonIgnore
    public boolean isPartial() {
        return "partial".equals(status);
    }
}
