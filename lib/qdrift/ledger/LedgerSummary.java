package qdrift.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an auditor asks of the ledger for a period: how many runs and with what result, the drift episodes (an
 * episode runs from the first run that found drift to the first clean run after it, per scope) and how long drift
 * took to be resolved, per episode and per finding. Episodes and findings that overlap the period count, even when
 * they started before it; partial runs neither start nor end anything they did not see.
 */
public record LedgerSummary(Instant since, Instant until, int runs, int clean, int drift, int partial,
                            List<Episode> episodes, Resolution episodeResolution, Resolution findingResolution,
                            int openFindings, int skippedLines) {

    /** One stretch of drift of one scope; resolved is null while it is still drifting. */
    public record Episode(String scope, Instant started, Instant resolved, int runs, int findings) {
        public Duration duration(Instant now) {
            return Duration.between(started, resolved != null ? resolved : now);
        }
    }

    /** How long it took from first seen to resolved, over those resolved in the period. */
    public record Resolution(int resolved, Duration median, Duration longest) {
        static Resolution of(List<Duration> durations) {
            if (durations.isEmpty()) {
                return new Resolution(0, null, null);
            }
            List<Duration> sorted = durations.stream().sorted().toList();
            int n = sorted.size();
            Duration median = n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
            return new Resolution(n, median, sorted.get(n - 1));
        }
    }

    public static LedgerSummary of(LedgerFile.Contents contents, Instant since, Instant until) {
        int runs = 0;
        int clean = 0;
        int drift = 0;
        int partial = 0;
        Map<String, List<LedgerLine>> byScope = new LinkedHashMap<>();
        for (LedgerLine line : contents.lines()) {
            if (line.isRevert()) {
                continue; // what revert.java did: the period report tells it; it is not a drift run
            }
            Instant at = Instant.parse(line.time());
            byScope.computeIfAbsent(line.scope(), s -> new ArrayList<>()).add(line);
            if (at.isBefore(since) || at.isAfter(until)) {
                continue;
            }
            runs++;
            switch (String.valueOf(line.status())) {
                case "clean" -> clean++;
                case "partial" -> partial++;
                default -> drift++;
            }
        }
        List<Episode> episodes = new ArrayList<>();
        List<Duration> findingDurations = new ArrayList<>();
        int open = 0;
        for (Map.Entry<String, List<LedgerLine>> scope : byScope.entrySet()) {
            episodes.addAll(episodes(scope.getKey(), scope.getValue(), since));
            Map<String, Instant> openSince = new HashMap<>();
            for (LedgerLine line : scope.getValue()) {
                Instant at = Instant.parse(line.time());
                Set<String> present = Set.copyOf(line.fingerprints());
                present.forEach(f -> openSince.putIfAbsent(f, at));
                if (!line.isPartial()) {
                    for (var it = openSince.entrySet().iterator(); it.hasNext(); ) {
                        Map.Entry<String, Instant> finding = it.next();
                        if (!present.contains(finding.getKey())) {
                            if (!at.isBefore(since)) {
                                findingDurations.add(Duration.between(finding.getValue(), at));
                            }
                            it.remove();
                        }
                    }
                }
            }
            open += openSince.size();
        }
        List<Duration> episodeDurations = episodes.stream().filter(e -> e.resolved() != null)
                .map(e -> Duration.between(e.started(), e.resolved())).toList();
        return new LedgerSummary(since, until, runs, clean, drift, partial, List.copyOf(episodes),
                Resolution.of(episodeDurations), Resolution.of(findingDurations), open, contents.skipped());
    }

    private static List<Episode> episodes(String scope, List<LedgerLine> lines, Instant since) {
        List<Episode> episodes = new ArrayList<>();
        Instant started = null;
        int runs = 0;
        java.util.Set<String> findings = new java.util.HashSet<>();
        for (LedgerLine line : lines) {
            Instant at = Instant.parse(line.time());
            boolean drifting = !line.fingerprints().isEmpty() || "drift".equals(line.status());
            if (drifting) {
                if (started == null) {
                    started = at;
                    runs = 0;
                    findings.clear();
                }
                runs++;
                findings.addAll(line.fingerprints());
            } else if (started != null && !line.isPartial()) {
                if (!at.isBefore(since)) {
                    episodes.add(new Episode(scope, started, at, runs, findings.size()));
                }
                started = null;
            } else if (started != null) {
                runs++;
            }
        }
        if (started != null) {
            episodes.add(new Episode(scope, started, null, runs, findings.size()));
        }
        return episodes;
    }
}
