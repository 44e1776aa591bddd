package qdrift.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DriftBranchAndBodyTest {
    @Test
    void aLongReportIsCutBelowGitHubsLimitWithANote() {
        String body = "x".repeat(70_000);

        String fitted = DriftPullRequest.fitBody(body);

        assertTrue(fitted.length() < 65_536, "length " + fitted.length());
        assertTrue(fitted.endsWith("... report truncated; see the full report in the CI logs"), fitted.substring(65_000));
        assertEquals("short", DriftPullRequest.fitBody("short"));
    }

    @Test
    void branchNamesCarryTheUtcMinute() {
        assertEquals("drift/2026-11-27T2304Z", DriftPullRequest.branchName("drift/", Instant.parse("2026-11-27T23:04:31Z")));
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String body = "x".repeat(65_536 - 1 - DriftPullRequest.TRUNCATED_NOTE.length() - 1)
                + "\uD83D\uDE00".repeat(1_000); // the last kept char would be the first half of an emoji

        String fitted = DriftPullRequest.fitBody(body);

        assertTrue(fitted.endsWith("x" + DriftPullRequest.TRUNCATED_NOTE), "split a surrogate pair");
    }
}
