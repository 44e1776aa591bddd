package qdrift.compare;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import qdrift.cli.Failure;

/**
 * Which left name stands for which right name: datastores and connections are named per environment
 * ("dev-warehouse" in dev is "prod-warehouse" in prod), everything inside them is matched by its own name.
 */
public record NameMapping(Map<String, String> datastores, Map<String, String> connections) {
    public NameMapping {
        datastores = Collections.unmodifiableMap(new TreeMap<>(datastores));
        connections = Collections.unmodifiableMap(new TreeMap<>(connections));
    }

    public static NameMapping none() {
        return new NameMapping(Map.of(), Map.of());
    }

    /**
     * --map options: "dev-name=prod-name" maps a datastore or a connection of that name (whichever it is),
     * "datastore:dev=prod" or "connection:dev=prod" only one kind.
     */
    public static NameMapping parseOptions(List<String> options) {
        Map<String, String> datastores = new TreeMap<>();
        Map<String, String> connections = new TreeMap<>();
        for (String option : options == null ? List.<String>of() : options) {
            String pair = option;
            String kind = null;
            for (String prefix : List.of("datastore:", "datastores:", "connection:", "connections:")) {
                if (option.startsWith(prefix)) {
                    kind = prefix.startsWith("datastore") ? "datastore" : "connection";
                    pair = option.substring(prefix.length());
                }
            }
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw Failure.usage("--map '" + option + "': write LEFT_NAME=RIGHT_NAME, e.g. --map dev-warehouse=prod-warehouse");
            }
            String left = pair.substring(0, eq).trim();
            String right = pair.substring(eq + 1).trim();
            if (!"connection".equals(kind)) {
                datastores.put(left, right);
            }
            if (!"datastore".equals(kind)) {
                connections.put(left, right);
            }
        }
        return new NameMapping(datastores, connections);
    }

    /** This mapping with other's pairs added; on the same left name, this mapping wins. */
    public NameMapping with(NameMapping other) {
        Map<String, String> ds = new TreeMap<>(other.datastores);
        ds.putAll(datastores);
        Map<String, String> cs = new TreeMap<>(other.connections);
        cs.putAll(connections);
        return new NameMapping(ds, cs);
    }

    public String datastore(String leftName) {
        return leftName == null ? null : datastores.getOrDefault(leftName, leftName);
    }

    public String connection(String leftName) {
        return leftName == null ? null : connections.getOrDefault(leftName, leftName);
    }

    public boolean isEmpty() {
        return datastores.isEmpty() && connections.isEmpty();
    }
}
