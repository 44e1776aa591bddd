//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import qdrift.export.Snapshot;
import qdrift.export.SnapshotEntry;
import qdrift.model.CanonicalYaml;
import qdrift.model.ResourceType;
import qdrift.report.FileText;
import qdrift.report.ResourceDelta;

/**
 * Pairs the resources of two snapshots (the left one already in the right side's names, see {@link Renamer}) and
 * lists those that differ: connections and datastores by name, containers by name within their datastore,
 * computed fields by name within their container, checks with {@link CheckMatcher}. A delta's file is the right
 * side's path when the right side has the resource, else the left side's.
 */
public final class Aligner {
    /** The deltas (before = left, after = right), the YAML texts behind them, and the pairs that could not be told apart. */
    public record Alignment(List<ResourceDelta> deltas, List<FileText> texts, List<String> warnings) {
    }

    private final List<ResourceDelta> deltas = new ArrayList<>();
    private final List<FileText> texts = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private Aligner() {
    }

    public static Alignment align(Snapshot left, Snapshot right, String leftLabel, String rightLabel) {
        Aligner aligner = new Aligner();
        aligner.byName(left, right);
        aligner.checks(left, right, leftLabel, rightLabel);
        return new Alignment(List.copyOf(aligner.deltas), List.copyOf(aligner.texts), List.copyOf(aligner.warnings));
    }

    private record Located(String path, SnapshotEntry entry) {
    }

    private void byName(Snapshot left, Snapshot right) {
        Map<String, Located> lefts = keyed(left);
        Map<String, Located> rights = keyed(right);
        TreeSet<String> keys = new TreeSet<>(lefts.keySet());
        keys.addAll(rights.keySet());
        for (String key : keys) {
            compare(lefts.get(key), rights.get(key));
        }
    }

    private static Map<String, Located> keyed(Snapshot snapshot) {
        Map<String, Located> keyed = new TreeMap<>();
        snapshot.entries().forEach((path, entry) -> {
            if (entry.type() != ResourceType.CHECKS) {
                keyed.put(entry.type().id() + "\u0000" + entry.datastore() + "\u0000" + entry.container() + "\u0000"
                        + entry.name(), new Located(path, entry));
            }
        });
        return keyed;
    }

    private void checks(Snapshot left, Snapshot right, String leftLabel, String rightLabel) {
        Map<String, List<CheckMatcher.Check>> lefts = checksByDatastore(left);
        Map<String, List<CheckMatcher.Check>> rights = checksByDatastore(right);
        Map<String, SnapshotEntry> leftEntries = left.entries();
        Map<String, SnapshotEntry> rightEntries = right.entries();
        TreeSet<String> datastores = new TreeSet<>(lefts.keySet());
        datastores.addAll(rights.keySet());
        for (String datastore : datastores) {
            CheckMatcher.Result result = CheckMatcher.match(lefts.getOrDefault(datastore, List.of()),
                    rights.getOrDefault(datastore, List.of()), leftLabel, rightLabel);
            for (CheckMatcher.Pair pair : result.pairs()) {
                SnapshotEntry l = leftEntries.get(pair.left().path());
                compare(new Located(pair.left().path(), new SnapshotEntry(l.type(), l.datastore(), l.container(), l.name(),
                        pair.left().body())), new Located(pair.right().path(), rightEntries.get(pair.right().path())));
            }
            result.leftOnly().forEach(c -> compare(new Located(c.path(), leftEntries.get(c.path())), null));
            result.rightOnly().forEach(c -> compare(null, new Located(c.path(), rightEntries.get(c.path()))));
            result.warnings().forEach(w -> warnings.add("datastore '" + datastore + "': " + w));
        }
    }

    private static Map<String, List<CheckMatcher.Check>> checksByDatastore(Snapshot snapshot) {
        Map<String, List<CheckMatcher.Check>> checks = new TreeMap<>();
        snapshot.entries().forEach((path, entry) -> {
            if (entry.type() == ResourceType.CHECKS) {
                checks.computeIfAbsent(String.valueOf(entry.datastore()), d -> new ArrayList<>())
                        .add(new CheckMatcher.Check(path, entry.body()));
            }
        });
        return checks;
    }

    private void compare(Located left, Located right) {
        JsonNode before = left == null ? null : left.entry().body();
        JsonNode after = right == null ? null : right.entry().body();
        if (before != null && before.equals(after)) {
            return;
        }
        Located shown = right != null ? right : left;
        SnapshotEntry entry = shown.entry();
        String from = left != null && right != null && !left.path().equals(right.path()) ? left.path() : null;
        deltas.add(new ResourceDelta(entry.type().id(), entry.datastore(), entry.container(), entry.name(), shown.path(),
                before, after, from));
        texts.add(new FileText(shown.path(), yaml(before), yaml(after)));
    }

    private static String yaml(JsonNode body) {
        return body == null ? null : new String(CanonicalYaml.write(body), StandardCharsets.UTF_8);
    }
}
