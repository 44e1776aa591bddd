package qdrift.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import qdrift.report.DriftReport;
import qdrift.report.Finding;
import qdrift.report.Origin;
import qdrift.report.ResourceChange;
import qdrift.report.Summary;

/**
 * drift.java --ledger: records each run as one ledger line and tells each finding since when it has been seen.
 * A finding is first seen at the earliest run of the unbroken series of runs (of the same scope) that reported its
 * fingerprint up to now; a run without it ends the series (it was resolved), except a partial run, which may simply
 * not have reached its datastore.
 */
public final class DriftLedger {
    private final LedgerFile file;

    public DriftLedger(LedgerFile file) {
        this.file = file;
    }

    /** Appends this run's line and returns the report with each finding's firstSeen filled in. */
    public DriftReport record(DriftReport report, Instant now) {
        Map<String, String> firstSeen = new HashMap<>();
        file.append(contents -> {
            LedgerLine line = accepted(line(report, now), contents.lines());
            firstSeen.putAll(firstSeen(contents.lines(), line));
            return line;
        });
        List<Finding> findings = report.findings().stream().map(f -> withFirstSeen(f, firstSeen.get(f.fingerprint()))).toList();
        return new DriftReport(report.schema(), report.tool(), report.kind(), report.status(), report.origin(),
                report.summary(), findings, report.changes(), report.ignored(), report.warnings(), report.failedDatastores(),
                report.pullRequest(), report.revertCommand());
    }

    /** The ledger line of a report made at {@code now}. */
    static LedgerLine line(DriftReport report, Instant now) {
        Origin origin = report.origin();
        List<Long> datastores = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (origin != null && origin.datastores() != null) {
            origin.datastores().forEach(d -> {
                datastores.add(d.id());
                names.add(d.name() == null ? "datastore " + d.id() : d.name());
            });
        }
        List<LedgerLine.Note> notes = new ArrayList<>();
        Set<String> fingerprints = new LinkedHashSet<>();
        report.findings().forEach(f -> {
            if (f.fingerprint() != null && fingerprints.add(f.fingerprint())) {
                notes.add(new LedgerLine.Note(f.fingerprint(), f.title(), f.datastore(), f.changedBy(), f.changedAt()));
            }
        });
        Map<String, Integer> counts = new TreeMap<>();
        counts.put("findings", report.findings().size());
        List<ResourceChange> changes = report.changes() == null ? List.of() : report.changes();
        counts.put("changes", changes.size());
        Summary summary = report.summary();
        if (summary != null) {
            counts.put("added", summary.added());
            counts.put("removed", summary.removed());
            counts.put("modified", summary.modified());
            counts.put("renamed", summary.renamed());
            counts.put("ignored", summary.ignored());
            counts.put("loosening", summary.loosening());
        }
        counts.put("failed_datastores", report.failedDatastores().size());
        return new LedgerLine(LedgerLine.SCHEMA, now.toString(), report.kind(), report.status(),
                origin == null ? null : origin.host(), datastores, origin == null ? null : origin.path(),
                origin == null ? null : origin.commit(), List.copyOf(fingerprints), counts, names, notes, null);
    }

    /**
     * A clean run right after a drifting one (same scope) whose commit differs: the drift is now in the committed
     * baseline, so the line records that commit as the acceptance.
     */
    static LedgerLine accepted(LedgerLine line, List<LedgerLine> earlier) {
        if (!DriftReport.CLEAN.equals(line.status()) || line.commit() == null) {
            return line;
        }
        for (int i = earlier.size() - 1; i >= 0; i--) {
            LedgerLine before = earlier.get(i);
            if (before.isRevert() || before.isPartial() || !before.scope().equals(line.scope())) {
                continue;
            }
            boolean drifting = !before.fingerprints().isEmpty() || DriftReport.DRIFT.equals(before.status());
            if (!drifting || line.commit().equals(before.commit())) {
                return line;
            }
            return new LedgerLine(line.schema(), line.time(), line.kind(), line.status(), line.host(), line.datastores(),
                    line.path(), line.commit(), line.fingerprints(), line.counts(), line.datastoreNames(), line.notes(), line.commit());
        }
        return line;
    }

    /**
     * revert.java --ledger: what it applied and how verification ended (verified, unverified, failed), as a line of
     * kind "revert" with the files it wrote (counts.resources) for the period report to end an episode with.
     */
    public static void recordRevert(LedgerFile file, Instant now, String host, List<Long> datastoreIds, String path,
                                    String commit, String status, int resources) {
        file.append(contents -> new LedgerLine(LedgerLine.SCHEMA, now.toString(), LedgerLine.REVERT, status, host,
                datastoreIds, path, commit, List.of(), Map.of("resources", resources), null, null, null));
    }

    /** For each fingerprint of {@code current}: the time of the first run of its unbroken series (current's own time if new). */
    static Map<String, String> firstSeen(List<LedgerLine> earlier, LedgerLine current) {
        List<LedgerLine> scope = earlier.stream().filter(l -> !l.isRevert() && l.scope().equals(current.scope())).toList();
        List<Set<String>> sets = scope.stream().map(l -> Set.copyOf(l.fingerprints())).toList();
        Map<String, String> seen = new HashMap<>();
        for (String fingerprint : current.fingerprints()) {
            String first = current.time();
            for (int i = scope.size() - 1; i >= 0; i--) {
                LedgerLine line = scope.get(i);
                if (sets.get(i).contains(fingerprint)) {
                    first = line.time();
                } else if (!line.isPartial()) {
                    break;
                }
            }
            seen.put(fingerprint, first);
        }
        return seen;
    }

    private static Finding withFirstSeen(Finding f, String firstSeen) {
        if (firstSeen == null) {
            return f;
        }
        return new Finding(f.fingerprint(), f.cause(), f.type(), f.datastore(), f.container(), f.name(), f.title(),
                f.severity(), f.fields(), f.files(), f.moved(), f.changedBy(), f.changedAt(), f.attribution(), firstSeen, f.remedy());
    }
}
