package qdrift.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The period report an auditor reads: the ledger summary's totals, every run's status (for the timeline), and each
 * drift episode with its findings, who changed them, and how it ended: "reverted" (a verified revert.java --ledger
 * line of its scope came between its last drifting run and the clean run that ended it), "accepted" (that clean run
 * found the drift in a newer commit), "resolved" (live went back by other means) or "open". Episodes are cut the same
 * way as in the text summary.
 */
public record PeriodReport(LedgerSummary summary, Instant from, List<Run> runs, List<Episode> episodes) {

    public record Run(String scope, Instant at, String status) {
    }

    /** One episode; lastSeen is its last drifting run, ended (null while open) the run that found it clean. */
    public record Episode(String scope, String label, Instant started, Instant lastSeen, Instant ended, String how,
                          String howDetail, Instant howAt, int runs, List<String> findings, List<String> editors) {
        public Duration duration(Instant now) {
            return Duration.between(started, ended != null ? ended : now);
        }

        public boolean open() {
            return ended == null;
        }
    }

    public static final String REVERTED = "reverted";
    public static final String ACCEPTED = "accepted";
    public static final String RESOLVED = "resolved";
    public static final String OPEN = "open";

    public static PeriodReport of(LedgerFile.Contents contents, Instant since, Instant until) {
        LedgerSummary summary = LedgerSummary.of(contents, since, until);
        Map<String, List<LedgerLine>> byScope = new LinkedHashMap<>();
        List<LedgerLine> reverts = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        Instant first = null;
        for (LedgerLine line : contents.lines()) {
            Instant at = Instant.parse(line.time());
            if (line.isRevert()) {
                reverts.add(line);
                continue;
            }
            byScope.computeIfAbsent(line.scope(), s -> new ArrayList<>()).add(line);
            if (!at.isBefore(since) && !at.isAfter(until)) {
                runs.add(new Run(line.scope(), at, String.valueOf(line.status())));
                first = first == null || at.isBefore(first) ? at : first;
            }
        }
        List<Episode> episodes = new ArrayList<>();
        byScope.forEach((scope, lines) -> episodes.addAll(episodes(scope, lines, reverts, since)));
        Instant from = since.equals(Instant.EPOCH) && first != null ? first : since;
        for (Episode e : episodes) {
            from = e.started().isBefore(from) ? e.started() : from;
        }
        return new PeriodReport(summary, from, List.copyOf(runs), List.copyOf(episodes));
    }

    private static List<Episode> episodes(String scope, List<LedgerLine> lines, List<LedgerLine> reverts, Instant since) {
        List<Episode> episodes = new ArrayList<>();
        LedgerLine start = null;
        LedgerLine last = null;
        int runs = 0;
        Map<String, String> titles = new LinkedHashMap<>();
        Set<String> editors = new LinkedHashSet<>();
        for (LedgerLine line : lines) {
            boolean drifting = !line.fingerprints().isEmpty() || "drift".equals(line.status());
            if (drifting) {
                if (start == null) {
                    start = line;
                    runs = 0;
                    titles.clear();
                    editors.clear();
                }
                last = line;
                runs++;
                line.fingerprints().forEach(f -> titles.putIfAbsent(f, "finding " + f));
                for (LedgerLine.Note note : line.notes()) {
                    if (note.title() != null) {
                        titles.put(note.fingerprint(), note.title());
                    }
                    if (note.changedBy() != null) {
                        editors.add(note.changedBy());
                    }
                }
            } else if (start != null && !line.isPartial()) {
                Instant ended = Instant.parse(line.time());
                if (!ended.isBefore(since)) {
                    episodes.add(ended(scope, start, last, line, reverts, runs, titles, editors));
                }
                start = null;
            } else if (start != null) {
                runs++;
            }
        }
        if (start != null) {
            episodes.add(new Episode(scope, label(start), Instant.parse(start.time()), Instant.parse(last.time()), null, OPEN,
                    null, null, runs, List.copyOf(titles.values()), List.copyOf(editors)));
        }
        return episodes;
    }

    private static Episode ended(String scope, LedgerLine start, LedgerLine last, LedgerLine clean, List<LedgerLine> reverts,
                                 int runs, Map<String, String> titles, Set<String> editors) {
        Instant lastSeen = Instant.parse(last.time());
        Instant ended = Instant.parse(clean.time());
        String how = RESOLVED;
        String detail = "live went back to Git without revert.java or a new commit";
        Instant at = ended;
        if (clean.accepted() != null) {
            how = ACCEPTED;
            detail = "commit " + clean.accepted().substring(0, Math.min(12, clean.accepted().length())) + " holds the change";
        } else {
            for (LedgerLine revert : reverts) {
                Instant when = Instant.parse(revert.time());
                if ("verified".equals(revert.status()) && covers(revert, clean) && when.isAfter(lastSeen.minusMillis(1))
                        && !when.isAfter(ended)) {
                    how = REVERTED;
                    detail = "revert.java applied " + revert.counts().getOrDefault("resources", 0) + " resources and verified them";
                    at = when;
                }
            }
        }
        return new Episode(scope, label(start), Instant.parse(start.time()), lastSeen, ended, how, detail, at, runs,
                List.copyOf(titles.values()), List.copyOf(editors));
    }

    /** A revert of the same host and export folder that wrote to one of the run's datastores. */
    private static boolean covers(LedgerLine revert, LedgerLine run) {
        boolean sameHost = revert.host() == null || revert.host().equals(run.host());
        boolean samePath = revert.path() == null || revert.path().equals(run.path());
        boolean datastore = revert.datastores().isEmpty() || revert.datastores().stream().anyMatch(run.datastores()::contains);
        return sameHost && samePath && datastore;
    }

    /** "prod-warehouse (42) on acme.qualytics.io", from the names the line knows. */
    static String label(LedgerLine line) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < line.datastores().size(); i++) {
            String name = i < line.datastoreNames().size() ? line.datastoreNames().get(i) : null;
            parts.add(name == null ? "datastore " + line.datastores().get(i) : name + " (" + line.datastores().get(i) + ")");
        }
        String datastores = parts.isEmpty() ? String.valueOf(line.path()) : String.join(", ", parts);
        return line.host() == null ? datastores : datastores + " on " + line.host();
    }
}
