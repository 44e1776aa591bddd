package qdrift.revert;

/**
 * What became of one planned call when applied: status "applied", "failed" (the call that stopped the run),
 * "not_sent" or "present" (a create not sent: another writer had made it, alike); createdId for a POST that created a resource; note for what is worth knowing ("the answer was lost:
 * found it created as 1000123"); error for the failure's one-line message.
 */
public record CallResult(String file, String method, String path, String status, Long createdId, String note, String error) {
    public static final String APPLIED = "applied";
    public static final String FAILED = "failed";
    public static final String NOT_SENT = "not_sent";
    /** A POST not sent: the resource was already there live, alike (made by another writer). */
    public static final String PRESENT = "present";
}
