package qdrift.sandbox;

/** The resources the sandbox stores, with the /api path segment that serves each. */
public enum Kind {
    CONNECTION("connections", "connection"),
    DATASTORE("datastores", "datastore"),
    CONTAINER("containers", "container"),
    COMPUTED_FIELD("computed-fields", "computed field"),
    CHECK("quality-checks", "quality check");

    private final String path;
    private final String label;

    Kind(String path, String label) {
        this.path = path;
        this.label = label;
    }

    public String path() {
        return path;
    }

    public String label() {
        return label;
    }

    static Kind fromPath(String segment) {
        for (Kind kind : values()) {
            if (kind.path.equals(segment)) {
                return kind;
            }
        }
        return null;
    }
}
