package qdrift.git;

/**
 * What {@link GitWorkspace#pull} did: the upstream it followed ("origin/main", null when there is none) and the
 * commits before and after (equal unless it fast-forwarded).
 */
public record PullResult(Status status, String upstream, String from, String to) {

    public enum Status {
        /** The branch has no upstream (or HEAD is detached): nothing to pull. */
        SKIPPED,
        UP_TO_DATE,
        /** The local branch has commits the upstream lacks and nothing new came in. */
        AHEAD,
        FAST_FORWARDED
    }

    /** One line for the log. */
    public String describe() {
        return switch (status) {
            case SKIPPED -> "not pulling: " + (upstream == null ? "the branch has no upstream" : upstream);
            case UP_TO_DATE -> "up to date with " + upstream;
            case AHEAD -> "ahead of " + upstream + ": nothing to pull";
            case FAST_FORWARDED -> "fast-forwarded to " + upstream + " (" + abbreviate(from) + ".." + abbreviate(to) + ")";
        };
    }

    private static String abbreviate(String commit) {
        return commit == null ? "(none)" : commit.substring(0, Math.min(7, commit.length()));
    }
}
