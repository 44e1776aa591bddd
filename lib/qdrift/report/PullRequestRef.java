package qdrift.report;

/** The pull request a drift run opened or updated. action is "opened" or "updated". */
public record PullRequestRef(String url, int number, String branch, String action) {
}
