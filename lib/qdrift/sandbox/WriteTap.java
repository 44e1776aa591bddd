package qdrift.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What the sandbox was sent, for tests to hold revert to: the secret each connection write carried (kept here, never
 * stored in the tenant nor served by any route), the raw text of every write body, and a test-only knob that makes
 * the server ignore a key on updates (the live value stays, as a server that silently drops a key would do), so a
 * test can reach "applied, but live differs from Git"; and one that lets a racing writer act right after a create.
 */
public final class WriteTap {
    private final Map<Long, Map<String, String>> secrets = new ConcurrentHashMap<>();
    private final List<String> bodies = new ArrayList<>();
    private final Map<Kind, Set<String>> ignored = new EnumMap<>(Kind.class);
    private final Map<Kind, Consumer<ObjectNode>> racers = new EnumMap<>(Kind.class);

    // ---- the hooks of the write routes ----

    synchronized void arrived(String body) {
        if (body != null && !body.isBlank()) {
            bodies.add(body);
        }
    }

    /** After a write of a connection succeeded: the secrets its body carried (top level and in secrets_manager). */
    void stored(Kind kind, long id, ObjectNode body) {
        if (kind != Kind.CONNECTION) {
            return;
        }
        collect(id, "", body);
        if (body.get("secrets_manager") instanceof ObjectNode manager) {
            collect(id, "secrets_manager.", manager);
        }
    }

    /** After an update: the keys this tap ignores get their previous value back. */
    synchronized void updated(TenantState state, Kind kind, long id, ObjectNode previous) {
        Set<String> keys = ignored.get(kind);
        if (keys == null || previous == null) {
            return;
        }
        ObjectNode now = state.get(kind, id);
        keys.forEach(key -> {
            if (previous.has(key)) {
                now.set(key, previous.get(key));
            } else {
                now.remove(key);
            }
        });
        state.save(kind, now);
    }

    /** After a create was stored: a racing writer waiting for one of this kind gets it, once. Returns the id. */
    long created(TenantState state, Kind kind, long id) {
        Consumer<ObjectNode> writer;
        synchronized (this) {
            writer = racers.remove(kind);
        }
        if (writer != null) {
            writer.accept(state.get(kind, id));
        }
        return id;
    }

    // ---- what tests ask ----

    /**
     * A racing writer: right after the next create of this kind is stored (before its answer leaves), {@code writer}
     * gets the stored resource, once, and may write to the tenant itself (e.g. create a twin of it).
     */
    public synchronized void onceAfterCreate(Kind kind, Consumer<ObjectNode> writer) {
        racers.put(kind, writer);
    }


    /** Updates of this kind leave this key as it is live, whatever the body says. */
    public synchronized void ignoreOnUpdate(Kind kind, String key) {
        ignored.computeIfAbsent(kind, k -> new java.util.HashSet<>()).add(key);
    }

    /** True when the last write of this connection carried exactly this value for the field ("password"). */
    public boolean secretIs(long connectionId, String field, String value) {
        return value.equals(secrets.getOrDefault(connectionId, Map.of()).get(field));
    }

    /** True when any write of this connection carried the field at all. */
    public boolean secretReceived(long connectionId, String field) {
        return secrets.getOrDefault(connectionId, Map.of()).containsKey(field);
    }

    /** True when any secret that arrived still held placeholder text ("${"). */
    public boolean anyPlaceholderReceived() {
        return secrets.values().stream().anyMatch(m -> m.values().stream().anyMatch(v -> v.contains("${")));
    }

    /** True when the raw text of any write body held this text (e.g. the API token). */
    public synchronized boolean anyBodyContains(String text) {
        return bodies.stream().anyMatch(b -> b.contains(text));
    }

    /** The raw write bodies that held this text, in the order they arrived. */
    public synchronized List<String> bodiesContaining(String text) {
        return bodies.stream().filter(b -> b.contains(text)).toList();
    }

    public synchronized int bodies() {
        return bodies.size();
    }

    private void collect(long id, String prefix, ObjectNode body) {
        for (String field : TenantState.SECRET_FIELDS) {
            JsonNode value = body.get(field);
            if (value != null && value.isTextual()) {
                secrets.computeIfAbsent(id, k -> new ConcurrentHashMap<>()).put(prefix + field, value.asText());
            }
        }
    }
}
