package qdrift.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import qdrift.model.LiveAttribution;

/**
 * Says who changed what: each change gets changed_by / changed_at from the live resource it describes (looked up by
 * its file), or a note when no editor can be named (a removed resource; an inferred check nobody edited by hand); each
 * finding gets those of its changes (the editors, the latest time). Nothing here reads or writes an exported file.
 */
public final class Attribution {
    public static final String REMOVED = "removed: the server cannot tell who removed it";
    public static final String PROFILING = "probably made by profiling (an inferred check with no human editor)";
    public static final String PLATFORM = "probably a Qualytics upgrade: the same change on most resources of the type";
    /** Editors named in a finding; more are counted ("and 4 others"). */
    static final int EDITORS_NAMED = 3;

    private Attribution() {
    }

    /** The report with attribution filled in; live maps a file (the new path of a renamed one) to its live attribution. */
    public static DriftReport annotate(DriftReport report, Function<String, LiveAttribution> live) {
        List<ResourceChange> changes = report.changes() == null ? null
                : report.changes().stream().map(c -> annotate(c, live)).toList();
        List<ResourceChange> ignored = report.ignored() == null ? null
                : report.ignored().stream().map(c -> annotate(c, live)).toList();
        Map<String, List<ResourceChange>> byFile = new HashMap<>();
        (changes == null ? List.<ResourceChange>of() : changes).forEach(c -> {
            byFile.computeIfAbsent(c.file(), f -> new ArrayList<>()).add(c);
            if (c.from() != null) {
                byFile.computeIfAbsent(c.from(), f -> new ArrayList<>()).add(c);
            }
        });
        List<Finding> findings = report.findings().stream().map(f -> annotate(f, byFile)).toList();
        return new DriftReport(report.schema(), report.tool(), report.kind(), report.status(), report.origin(),
                report.summary(), findings, changes, ignored, report.warnings(), report.failedDatastores(),
                report.pullRequest(), report.revertCommand());
    }

    static ResourceChange annotate(ResourceChange change, Function<String, LiveAttribution> live) {
        if (change.kind() == ChangeKind.REMOVED) {
            return with(change, null, null, REMOVED);
        }
        LiveAttribution found = change.file() == null ? null : live.apply(change.file());
        if (found == null) {
            found = LiveAttribution.NONE;
        }
        String note = found.changedBy() == null && found.inferred() && ReportBuilder.isCheck(change.type()) ? PROFILING : null;
        return with(change, found.changedBy(), found.changedAt(), note);
    }

    /** A finding's editors (in order of their changes), its latest change time and the notes its changes carry. */
    static Finding annotate(Finding finding, Map<String, List<ResourceChange>> changesByFile) {
        if ("platform".equals(finding.cause())) {
            return new Finding(finding.fingerprint(), finding.cause(), finding.type(), finding.datastore(),
                    finding.container(), finding.name(), finding.title(), finding.severity(), finding.fields(),
                    finding.files(), finding.moved(), null, null, PLATFORM, finding.firstSeen(), finding.remedy());
        }
        Set<ResourceChange> own = new LinkedHashSet<>();
        (finding.files() == null ? List.<String>of() : finding.files())
                .forEach(file -> own.addAll(changesByFile.getOrDefault(file, List.of())));
        if (own.isEmpty()) {
            return finding;
        }
        Set<String> editors = new LinkedHashSet<>();
        Set<String> notes = new LinkedHashSet<>();
        String latest = null;
        for (ResourceChange change : own) {
            if (change.changedBy() != null) {
                editors.add(change.changedBy());
            }
            if (change.attribution() != null) {
                notes.add(change.attribution());
            }
            if (change.changedAt() != null && (latest == null || change.changedAt().compareTo(latest) > 0)) {
                latest = change.changedAt();
            }
        }
        return new Finding(finding.fingerprint(), finding.cause(), finding.type(), finding.datastore(), finding.container(),
                finding.name(), finding.title(), finding.severity(), finding.fields(), finding.files(), finding.moved(),
                editors.isEmpty() ? finding.changedBy() : named(List.copyOf(editors)),
                latest != null ? latest : finding.changedAt(),
                notes.isEmpty() ? finding.attribution() : String.join("; ", notes), finding.firstSeen(), finding.remedy());
    }

    /** "by admin at 2026-11-02T14:20:11Z", "at 2026-11-02T14:20:11Z", the note, or null when nothing is known. */
    public static String phrase(String changedBy, String changedAt, String note) {
        List<String> parts = new ArrayList<>();
        if (changedBy != null) {
            parts.add("by " + changedBy);
        }
        if (changedAt != null) {
            parts.add("at " + changedAt);
        }
        String who = String.join(" ", parts);
        if (note != null) {
            who = who.isEmpty() ? note : who + " (" + note + ")";
        }
        return who.isEmpty() ? null : "changed " + who;
    }

    public static String phrase(ResourceChange change) {
        return change.kind() == ChangeKind.REMOVED && change.attribution() != null ? change.attribution()
                : phrase(change.changedBy(), change.changedAt(), change.attribution());
    }

    public static String phrase(Finding finding) {
        return REMOVED.equals(finding.attribution()) && finding.changedBy() == null ? REMOVED
                : phrase(finding.changedBy(), finding.changedAt(), finding.attribution());
    }

    /** The lines a report shows under a finding: who changed it and when, and since when it drifts (now may be null). */
    public static List<String> notes(Finding finding, java.time.Instant now) {
        List<String> notes = new ArrayList<>();
        String who = phrase(finding);
        if (who != null) {
            notes.add(who);
        }
        String age = DriftAge.phrase(finding.firstSeen(), now);
        if (age != null) {
            notes.add(age);
        }
        return notes;
    }

    /** "admin, Dana", or "admin, Dana, Lee and 4 others". */
    static String named(List<String> editors) {
        if (editors.size() <= EDITORS_NAMED) {
            return String.join(", ", editors);
        }
        int more = editors.size() - EDITORS_NAMED;
        return String.join(", ", editors.subList(0, EDITORS_NAMED)) + " and " + more + (more == 1 ? " other" : " others");
    }

    private static ResourceChange with(ResourceChange c, String changedBy, String changedAt, String note) {
        return new ResourceChange(c.type(), c.datastore(), c.container(), c.name(), c.file(), c.kind(), c.severity(),
                c.fields(), c.ignoredBy(), c.from(), changedBy, changedAt, note);
    }
}
