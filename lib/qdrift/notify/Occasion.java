package qdrift.notify;

/** Why a message is sent: a (new or changed) drift, a reminder of the same drift, its resolution, or a clean run. */
public enum Occasion {
    DRIFT("drift"),
    REMINDER("still drifting"),
    RESOLVED("resolved"),
    CLEAN("clean");

    private final String label;

    Occasion(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isDrift() {
        return this == DRIFT || this == REMINDER;
    }
}
