package qdrift.sandbox;

/**
 * What stands in front of the sandbox's API and who its token belongs to, set at start ({@link Sandbox#start(TenantSpec,
 * SandboxOptions, InstanceOptions)}) or while serving ({@link Sandbox#configureInstance}).
 *
 * @param rateLimitRps     requests per second the ingress lets through, as nginx's limit-rps (0: no limit)
 * @param rateLimitBurst   requests beyond that rate it lets through at once, as nginx's burst (the self-hosted chart
 *                         sets it to the rate times its burst multiplier); past it: 429 without Retry-After
 * @param maxConnections   requests in progress at once past which the ingress answers 503, as nginx's
 *                         limit-connections (0: no limit)
 * @param userRole         the role /api/users/me names for the token: Admin, Manager or Member
 * @param teamPermission   the team permission /api/users/me names for the token's teams: Reporter, Viewer, Drafter,
 *                         Author or Editor
 * @param missingOperation "METHOD /api/path" left out of /api/openapi.json, as on a server that lacks it (null: none)
 * @param checksRefuseArchivedInclude the check list answers archived=include with 422 naming archived (and its
 *                         OpenAPI enum for checks lacks include), as a server whose check filter knows only exclude and
 *                         only would: no public evidence shows checks accepting include
 */
public record InstanceOptions(double rateLimitRps, int rateLimitBurst, int maxConnections, String userRole,
                              String teamPermission, String missingOperation, boolean checksRefuseArchivedInclude) {
    public InstanceOptions {
        if (rateLimitRps < 0 || rateLimitBurst < 0 || maxConnections < 0 || Double.isNaN(rateLimitRps)) {
            throw new IllegalArgumentException("the rate limit, its burst and the connection limit must not be negative");
        }
        userRole = userRole == null || userRole.isBlank() ? "Admin" : userRole.strip();
        teamPermission = teamPermission == null || teamPermission.isBlank() ? "Editor" : teamPermission.strip();
        missingOperation = missingOperation == null || missingOperation.isBlank() ? null : missingOperation.strip();
    }

    /** No ingress limits; the token is an Admin's whose teams edit. */
    public static InstanceOptions defaults() {
        return new InstanceOptions(0, 0, 0, null, null, null, false);
    }

    /** Limits like the self-hosted ingress: {@code rps} per second, {@code burst} more at once, 503 past {@code connections}. */
    public InstanceOptions withIngress(double rps, int burst, int connections) {
        return new InstanceOptions(rps, burst, connections, userRole, teamPermission, missingOperation, checksRefuseArchivedInclude);
    }

    public InstanceOptions withUser(String role, String permission) {
        return new InstanceOptions(rateLimitRps, rateLimitBurst, maxConnections, role, permission, missingOperation, checksRefuseArchivedInclude);
    }

    public InstanceOptions withMissingOperation(String operation) {
        return new InstanceOptions(rateLimitRps, rateLimitBurst, maxConnections, userRole, teamPermission, operation, checksRefuseArchivedInclude);
    }

    public InstanceOptions withChecksRefusingArchivedInclude(boolean value) {
        return new InstanceOptions(rateLimitRps, rateLimitBurst, maxConnections, userRole, teamPermission, missingOperation, value);
    }
}
