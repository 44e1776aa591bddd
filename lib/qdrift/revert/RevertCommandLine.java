package qdrift.revert;

import java.util.ArrayList;
import java.util.List;
import qdrift.cli.ScriptCommand;
import qdrift.cli.ShellWords;
import qdrift.report.DriftReport;
import qdrift.report.ResourceChange;

/**
 * The revert.java command line that puts live back to Git for exactly one drift report: the same repository, folder
 * and datastores, Git pinned at the commit drift compared with, and the changed files (a few as --only, many through
 * --from-report). Ignored changes stay out: they are expected drift.
 */
public final class RevertCommandLine {
    static final int MAX_ONLY = 10;

    private RevertCommandLine() {
    }

    /** Null for a clean report. {@code reportFile} is where -o json wrote the report, or null. */
    public static String forDrift(DriftReport report, String repo, String path, List<Long> datastoreIds, boolean allDatastores,
                                  String reportFile) {
        if (report.isClean() || report.changes().isEmpty()) {
            return null;
        }
        List<String> args = new ArrayList<>(ScriptCommand.words("revert.java"));
        args.addAll(List.of("--repo", repo, "--path", path));
        if (allDatastores) {
            args.add("--all-datastores");
        } else {
            datastoreIds.forEach(id -> args.addAll(List.of("--datastore-id", String.valueOf(id))));
        }
        if (report.origin() != null && report.origin().commit() != null) {
            args.addAll(List.of("--ref", report.origin().commit()));
        }
        List<String> files = report.changes().stream().map(ResourceChange::file).distinct().toList();
        if (files.size() <= MAX_ONLY) {
            files.forEach(file -> args.addAll(List.of("--only", file)));
        } else {
            args.addAll(List.of("--from-report", reportFile != null ? reportFile : "drift.json"));
        }
        return ShellWords.join(args);
    }
}
