package qdrift.ledger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;

/**
 * One run of drift.java, as the ledger keeps it (one JSON object per line, snake_case): when it ran, what it watched
 * (scope: host, datastore ids and export path, so one ledger can serve several cron jobs), the commit it compared
 * against, its status (clean, drift or partial), the fingerprints of its findings and its counts. Nothing else: no
 * field values, names or secrets.
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
        Map<String, Integer> counts) {

    public static final String SCHEMA = "qualytics-drift/ledger/v1";

    public LedgerLine {
        datastores = datastores == null ? List.of() : List.copyOf(datastores);
        fingerprints = fingerprints == null ? List.of() : List.copyOf(fingerprints);
        counts = counts == null ? Map.of() : counts;
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
