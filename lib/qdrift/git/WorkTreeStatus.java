package qdrift.git;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Status;

/**
 * What git status says of a work tree, as the drift run uses it: the tracked paths with uncommitted changes (modified,
 * staged, deleted, in conflict) and the untracked and ignored paths, relative to the top of the work tree.
 * <p>
 * Read by the git command when there is one ({@link #byGitCommand}): for the 5,590 files of the benchmark's export it
 * answers in 0.05 s where JGit's status costs a cold JVM 0.3-0.4 s (bench/RESULTS.md), and it is the reference for
 * what git itself calls clean. Otherwise from JGit ({@link #of(Status)}); both give the same sets (WorkTreeStatusTest).
 */
record WorkTreeStatus(Set<String> dirty, Set<String> untracked, Set<String> ignored) {
    private static final Set<String> CONFLICTS = Set.of("DD", "AU", "UD", "UA", "DU", "AA", "UU");

    WorkTreeStatus {
        dirty = Set.copyOf(dirty);
        untracked = Set.copyOf(untracked);
        ignored = Set.copyOf(ignored);
    }

    /** JGit's status: modified, changed, added, removed, missing and conflicting are dirty. */
    static WorkTreeStatus of(Status status) {
        Set<String> dirty = new TreeSet<>();
        List.of(status.getModified(), status.getChanged(), status.getAdded(), status.getRemoved(),
                status.getMissing(), status.getConflicting()).forEach(dirty::addAll);
        // files only, as git lists them (--untracked-files=all): a folder holding untracked files is named by them,
        // and an empty folder is nothing to git
        return new WorkTreeStatus(dirty, status.getUntracked(), status.getIgnoredNotInIndex());
    }

    /**
     * {@code git status} of the repository JGit opened, without rename detection and without the index refresh a
     * status may write ({@link GitCommand}); empty when the git command cannot answer: then JGit reads it.
     */
    static Optional<WorkTreeStatus> byGitCommand(String git, Path gitDir, Path workTree) {
        return GitCommand.output(git, gitDir, workTree, List.of("status", "--porcelain=v1", "-z", "--untracked-files=all",
                        "--ignored=traditional", "--no-renames"))
                .flatMap(output -> parsePorcelain(new String(output, StandardCharsets.UTF_8)));
    }

    /**
     * Porcelain v1 with -z: "XY path" entries ended by NUL, X the index against HEAD and Y the work tree against the
     * index. Empty when an entry is not of that shape (a rename's second path, which --no-renames rules out).
     */
    static Optional<WorkTreeStatus> parsePorcelain(String output) {
        Set<String> dirty = new TreeSet<>();
        Set<String> untracked = new TreeSet<>();
        Set<String> ignored = new TreeSet<>();
        List<String> entries = new ArrayList<>(List.of(output.split("\0")));
        entries.removeIf(String::isEmpty);
        for (String entry : entries) {
            if (entry.length() < 4 || entry.charAt(2) != ' ') {
                return Optional.empty();
            }
            String code = entry.substring(0, 2);
            String file = entry.substring(3);
            if (file.endsWith("/")) {
                file = file.substring(0, file.length() - 1); // a folder, named as JGit names one
            }
            if (code.equals("??")) {
                untracked.add(file);
            } else if (code.equals("!!")) {
                ignored.add(file);
            } else if (CONFLICTS.contains(code) || isChange(code.charAt(0)) || isChange(code.charAt(1))) {
                dirty.add(file);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new WorkTreeStatus(dirty, untracked, ignored));
    }

    private static boolean isChange(char code) {
        return "MTAD".indexOf(code) >= 0; // R and C never come: --no-renames
    }
}
