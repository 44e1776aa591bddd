//DEPS info.picocli:picocli:4.7.7
package qdrift.cli;

/**
 * The exit codes every script returns: the one place they are defined.
 * 0 and 1 mirror {@code git diff --exit-code}; failures start at 3 so they never look like drift or clean.
 */
public enum ExitCode {
    OK(0, "success, or no drift"),
    DRIFT(1, "drift or difference found"),
    USAGE(2, "usage error: unknown option, bad value, missing argument"),
    API(3, "Qualytics API failure: unreachable, timeout, TLS, 5xx, unknown datastore"),
    AUTH(4, "authentication or permission failure: token missing, rejected or expired"),
    GIT(5, "git failure: not a repository, dirty worktree, diverged branch, push or pull request failed, lock held"),
    IO(6, "input or file-system failure: unreadable or malformed file, disk full"),
    NOTIFY(7, "a notification destination failed"),
    PARTIAL(8, "partial result: some datastores could not be checked; the report covers the others"),
    INTERNAL(9, "internal error (a bug: please report it with --verbose output)"),
    STALE_PLAN(10, "revert refused: live changed since the plan was made; nothing was written"),
    UNVERIFIED(11, "revert applied, but live does not equal Git afterwards");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
