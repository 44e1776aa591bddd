package qdrift.revert;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import qdrift.cli.Failure;
import qdrift.report.DriftReport;
import qdrift.report.Glob;
import qdrift.report.ReportJson;
import qdrift.report.ResourceChange;

/**
 * Which drifted files a revert may touch: those matching any --only glob (paths in the export folder, '*' within a
 * folder, '**' across), and, with --from-report, exactly the files the drift report lists as changed. No filter: all.
 */
public record Selection(List<String> only, Set<String> reportFiles) {
    public Selection {
        only = only == null ? List.of() : List.copyOf(only);
        reportFiles = reportFiles == null ? null : Set.copyOf(reportFiles);
    }

    public static Selection all() {
        return new Selection(List.of(), null);
    }

    /** Exactly these files (a saved plan's, planned again). */
    static Selection exactly(Set<String> files) {
        return new Selection(List.of(), files);
    }

    /**
     * An empty selection is a mistake, not "no changes": every --only glob must match some file of Git's or live's
     * side, and a --from-report report must name at least one of them. Exit 2 naming the glob otherwise.
     */
    void requireSomeMatch(Set<String> known) {
        for (String glob : only) {
            Glob matcher = Glob.file(glob);
            if (known.stream().noneMatch(matcher::matches)) {
                throw Failure.usage("--only '" + glob + "' matches no file of the export folder or of live (" + known.size()
                        + " files, e.g. " + known.stream().filter(f -> f.contains("/checks/")).findFirst().orElse(known.stream().findFirst().orElse("none"))
                        + "): check the glob; nothing was planned");
            }
        }
        if (reportFiles != null && reportFiles.stream().noneMatch(known::contains)) {
            throw Failure.usage(reportFiles.isEmpty() ? "--from-report: the drift report lists no change, so there is nothing to revert"
                    : "--from-report: none of the report's " + reportFiles.size() + " files (e.g. " + reportFiles.iterator().next()
                    + ") is in the export folder or live: was the report made for another folder or datastore?");
        }
    }

    /** The files of a drift report's changes (a renamed change counts with its old and new file). */
    public static Set<String> filesOf(Path report) {
        String json;
        try {
            json = Files.readString(report);
        } catch (java.io.IOException e) {
            throw Failure.io("cannot read drift report " + report + ": " + e.getMessage(), e);
        }
        DriftReport drift = ReportJson.read(json, report.toString());
        if (!"drift".equals(drift.kind())) {
            throw Failure.usage(report + " is a " + drift.kind() + " report: --from-report takes the JSON of drift.java -o json");
        }
        Set<String> files = new TreeSet<>();
        for (ResourceChange change : drift.changes()) {
            files.add(change.file());
            if (change.from() != null) {
                files.add(change.from());
            }
        }
        return files;
    }

    boolean selects(String file) {
        if (reportFiles != null && !reportFiles.contains(file)) {
            return false;
        }
        return only.isEmpty() || only.stream().anyMatch(glob -> Glob.file(glob).matches(file));
    }
}
