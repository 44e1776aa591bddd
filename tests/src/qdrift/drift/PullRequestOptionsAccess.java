package qdrift.drift;

/** Test access to PullRequestOptions' package-private rules. */
public final class PullRequestOptionsAccess {
    private PullRequestOptionsAccess() {
    }

    public static boolean looksLikeGitLab(String remoteUrl) {
        return PullRequestOptions.looksLikeGitLab(remoteUrl);
    }
}
