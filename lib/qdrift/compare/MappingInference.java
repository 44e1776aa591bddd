package qdrift.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import qdrift.export.Snapshot;
import qdrift.export.SnapshotEntry;
import qdrift.model.ResourceType;

/**
 * Completes the user's mapping so they rarely need one: when exactly one datastore on each side is left without a
 * partner, those two are paired; and the connection of each paired datastore is paired with its partner's connection.
 * Explicit pairs always win; every inferred pair is reported as a note.
 */
public final class MappingInference {
    private MappingInference() {
    }

    public record Inferred(NameMapping mapping, List<String> notes) {
    }

    public static Inferred complete(NameMapping explicit, Snapshot left, Snapshot right) {
        List<String> notes = new ArrayList<>();
        Map<String, String> datastores = new TreeMap<>(explicit.datastores());
        Map<String, SnapshotEntry> leftDatastores = byName(left, ResourceType.DATASTORES);
        Map<String, SnapshotEntry> rightDatastores = byName(right, ResourceType.DATASTORES);
        Set<String> unpairedLeft = new TreeSet<>();
        Set<String> pairedRight = new TreeSet<>();
        for (String name : leftDatastores.keySet()) {
            String target = datastores.getOrDefault(name, name);
            if (rightDatastores.containsKey(target)) {
                pairedRight.add(target);
            } else {
                unpairedLeft.add(name);
            }
        }
        Set<String> unpairedRight = new TreeSet<>(rightDatastores.keySet());
        unpairedRight.removeAll(pairedRight);
        if (unpairedLeft.size() == 1 && unpairedRight.size() == 1) {
            String from = unpairedLeft.iterator().next();
            String to = unpairedRight.iterator().next();
            datastores.put(from, to);
            notes.add("paired datastore '" + from + "' with '" + to + "' (the only ones without a partner; --map to override)");
        }

        Map<String, String> connections = new TreeMap<>(explicit.connections());
        datastores.forEach((from, to) -> {
            SnapshotEntry l = leftDatastores.get(from);
            SnapshotEntry r = rightDatastores.get(to);
            if (l == null || r == null) {
                return;
            }
            String leftConnection = l.body().path("connection_name").asText(null);
            String rightConnection = r.body().path("connection_name").asText(null);
            if (leftConnection == null || rightConnection == null || leftConnection.equals(rightConnection)
                    || connections.containsKey(leftConnection)) {
                return;
            }
            connections.put(leftConnection, rightConnection);
            notes.add("paired connection '" + leftConnection + "' with '" + rightConnection + "' (used by datastore '"
                    + from + "' and its partner '" + to + "')");
        });
        return new Inferred(new NameMapping(datastores, connections), notes);
    }

    private static Map<String, SnapshotEntry> byName(Snapshot snapshot, ResourceType type) {
        Map<String, SnapshotEntry> byName = new TreeMap<>();
        snapshot.entries().values().stream().filter(e -> e.type() == type && e.name() != null)
                .forEach(e -> byName.putIfAbsent(e.name(), e));
        return byName;
    }
}
