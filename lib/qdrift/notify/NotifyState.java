package qdrift.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import qdrift.cli.Failure;
import qdrift.report.ReportJson;

/**
 * The --only-on-change memory: per destination and watched origin, the last fingerprint sent, its status and when.
 * Holds hashes and timestamps only, never report content or secrets.
 */
public final class NotifyState {
    /** What was last delivered to one destination for one origin. */
    public record Entry(String fingerprint, String status, Instant lastSent) {
    }

    private static final ObjectMapper MAPPER = ReportJson.mapper();

    private final Path file;
    private final Map<String, Entry> entries;

    private NotifyState(Path file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    public static NotifyState load(Path file) {
        Map<String, Entry> entries = new TreeMap<>();
        if (!Files.exists(file)) {
            return new NotifyState(file, entries);
        }
        if (!Files.isRegularFile(file)) {
            throw Failure.io("the state file " + file + " is not a file (a folder?): pass --state-file a file path,"
                    + " e.g. " + file.resolve("notify-state.json"), null);
        }
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("entries").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                entries.put(e.getKey(), new Entry(v.path("fingerprint").asText(), v.path("status").asText(),
                        Instant.parse(v.path("last_sent").asText())));
            }
        } catch (IOException | RuntimeException e) {
            throw Failure.io("cannot read the state file " + file + " (" + e.getMessage().lines().findFirst().orElse("")
                    + "): delete it to start afresh", e);
        }
        return new NotifyState(file, entries);
    }

    public Entry get(String key) {
        return entries.get(key);
    }

    public void put(String key, Entry entry) {
        entries.put(key, entry);
    }

    /** Writes atomically (temp file then move) so a crash never leaves half a state file. */
    public void save() {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode all = root.putObject("entries");
        entries.forEach((key, entry) -> all.putObject(key).put("fingerprint", entry.fingerprint())
                .put("status", entry.status()).put("last_sent", entry.lastSent().toString()));
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, ".notify-state", ".tmp");
            Files.writeString(temp, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw Failure.io("cannot write the state file " + file + ": " + e.getMessage(), e);
        }
    }
}
