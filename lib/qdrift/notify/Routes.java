package qdrift.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * An ordered list of routes, read the way Alertmanager reads its routing tree: each finding goes to the first route
 * whose filter selects it and stops there, unless that route says continue: true, in which case the next routes may
 * take it too. A datastore that could not be checked is news to every route whose datastore globs do not leave it out.
 */
public record Routes(List<Route> all) {
    public Routes {
        all = List.copyOf(all);
    }

    /** Each destination hears everything (or what one --when selects), as notify.java's flags say. */
    public static Routes each(List<Destination> destinations, When when) {
        return new Routes(destinations.stream().map(d -> Route.of(d, when)).toList());
    }

    /** What route number index (from 0) takes: what it selects and no earlier route kept for itself. */
    public Predicate<When.Subject> selector(int index) {
        Route route = all.get(index);
        List<When> stoppers = new ArrayList<>();
        for (Route earlier : all.subList(0, index)) {
            if (!earlier.continueMatching()) {
                stoppers.add(earlier.when());
            }
        }
        return subject -> route.when().matches(subject) && stoppers.stream().noneMatch(w -> w.matches(subject));
    }
}
