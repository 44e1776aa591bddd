package qdrift.api;

/**
 * Who may send which write. Qualytics has user roles (Admin, Manager, Member) and, per datastore, team permissions
 * (Reporter, Viewer, Drafter, Author, Editor, in rising order). Connections take a Manager or Admin; checks Author or
 * Editor; computed containers and fields, and datastore settings, Editor; enrichment links a Manager (or Admin). An
 * Admin may do all of it. One sentence per kind of write, for 403 messages, plan lines, doctor and the docs.
 */
public final class WriteRoles {
    public static final String CONNECTIONS = "the Manager or Admin role";
    public static final String CHECKS = "team permission Author or Editor";
    public static final String COMPUTED = "team permission Editor";
    public static final String DATASTORE_SETTINGS = "team permission Editor";
    public static final String ENRICHMENT = "the Manager or Admin role";

    private WriteRoles() {
    }

    /** What a write to this API path (below /api, with or without the prefix) needs. */
    public static String forPath(String path) {
        String p = path.replaceFirst("^/api(?=/)", "").replaceAll("\\?.*$", "");
        if (p.startsWith("/connections")) {
            return CONNECTIONS;
        }
        if (p.startsWith("/quality-checks")) {
            return CHECKS;
        }
        if (p.startsWith("/datastores")) {
            return p.matches("/datastores/[^/]+/enrichment(/.*)?") ? ENRICHMENT : DATASTORE_SETTINGS;
        }
        if (p.startsWith("/containers") || p.startsWith("/computed-fields")) {
            return COMPUTED;
        }
        return "a role that may change this in Qualytics";
    }
}
