package qdrift.notify;

/**
 * One receiver and what it hears: a name (null for the destinations of notify.java's flags without --when), the
 * filter, whether findings it takes go on to the next routes (continue: true) and the destination. A named route has
 * its own --only-on-change memory and its own PagerDuty incident per origin.
 */
public record Route(String name, When when, boolean continueMatching, Destination destination) {
    public Route {
        when = when == null ? When.everything() : when;
    }

    /** The route notify.java's flags make: every finding (or those --when selects) to one destination. */
    public static Route of(Destination destination, When when) {
        String name = when == null || when.isEverything() ? null : "when " + when.text();
        return new Route(name, when, true, destination.forRoute(name));
    }

    /** "slack" or "slack (route on-call)": names this route in logs and failures. */
    public String label() {
        return name == null ? destination.name() : destination.name() + " (route " + name + ")";
    }

    /** The --only-on-change key of this route for one origin: unnamed routes keep the key they always had. */
    public String stateKey(String destinationKey) {
        return name == null ? destinationKey : "route " + name + " " + destinationKey;
    }
}
