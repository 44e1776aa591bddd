package qdrift.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.export.ExportLayout;
import qdrift.export.Snapshot;
import qdrift.export.SnapshotEntry;
import qdrift.git.FileChange;
import qdrift.model.CanonicalYaml;
import qdrift.report.FileText;
import qdrift.report.ResourceDelta;

/**
 * Turns changed files (committed bytes vs exported bytes) into resource deltas and the texts the diff shows.
 * Only files the export manages count: a README or the manifest changing is never drift.
 */
public final class DeltaReader {
    private final List<ResourceDelta> deltas = new ArrayList<>();
    private final List<FileText> texts = new ArrayList<>();

    public DeltaReader(List<FileChange> changes, Snapshot live) {
        List<FileChange> resourceChanges = changes.stream().filter(c -> ExportLayout.identify(c.file()).isPresent()).toList();
        Map<String, ObjectNode> removed = new TreeMap<>();
        for (FileChange change : resourceChanges) {
            if (change.after() == null) {
                removed.put(change.file(), parse(change.before(), "committed " + change.file()));
            }
        }
        // describing parses every datastore's and container's body back: only a deleted resource needs it
        Map<String, SnapshotEntry> removedEntries = removed.isEmpty() ? Map.of() : live.describe(removed);
        for (FileChange change : resourceChanges) {
            SnapshotEntry entry = change.after() == null ? removedEntries.get(change.file()) : live.entries().get(change.file());
            if (entry == null) {
                throw new Failure(ExitCode.INTERNAL, "exported file " + change.file() + " is not in the export snapshot");
            }
            JsonNode before = change.before() == null ? null
                    : removed.containsKey(change.file()) ? removed.get(change.file())
                    : parse(change.before(), "committed " + change.file());
            deltas.add(new ResourceDelta(entry.type().id(), entry.datastore(), entry.container(), entry.name(),
                    change.file(), before, change.after() == null ? null : entry.body()));
            texts.add(new FileText(change.file(), text(change.before()), text(change.after())));
        }
    }

    public List<ResourceDelta> deltas() {
        return deltas;
    }

    public List<FileText> texts() {
        return texts;
    }

    /** A committed file someone edited by hand into something unreadable is an input failure, named. */
    private static ObjectNode parse(byte[] bytes, String source) {
        JsonNode node = CanonicalYaml.read(bytes, source);
        if (!(node instanceof ObjectNode object)) {
            throw new Failure(ExitCode.IO, source + " does not hold a YAML mapping: fix it in Git or re-baseline");
        }
        return object;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
