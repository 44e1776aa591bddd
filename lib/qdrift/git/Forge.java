package qdrift.git;

import java.util.Optional;

/**
 * Where a drift branch is proposed for review: GitHub pull requests or GitLab merge requests. One open review at a
 * time: {@link #findOpen} finds the one a previous run opened, so the next run updates it instead of opening another.
 */
public interface Forge {
    /** An open pull or merge request: its number (a GitLab MR's iid), web URL and source branch. */
    record Review(int number, String url, String branch) {
    }

    /** The first open review from a branch of this repository (not a fork) whose name starts with the prefix. */
    Optional<Review> findOpen(String branchPrefix);

    Review create(String title, String head, String base, String body);

    Review updateBody(int number, String body);

    /** The longest description the forge accepts. */
    int maxBodyChars();

    /** The user name that goes with the token for an https push. */
    String pushUser();

    /** "pull request" or "merge request", for messages. */
    String reviewName();
}
