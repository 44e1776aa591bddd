package qdrift.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The sandbox's data: every resource as stored (references as ids, no derived fields), with the writes the UI does.
 * Writes are serialized; reads never block. Tests use it directly to "change something in the UI".
 */
public final class TenantState {
    /** Secret fields a connection never stores (the API never returns them in clear). access_key is kept, as the API does. */
    static final Set<String> SECRET_FIELDS = Set.of("password", "passphrase", "secret_key", "credentials_payload",
            "private_key", "token", "api_key", "auth_token", "credentials");

    private final Map<Kind, Table> tables = new EnumMap<>(Kind.class);
    private final Map<String, Long> globalTags = new ConcurrentHashMap<>();
    private final Map<String, Long> teams = new ConcurrentHashMap<>();
    private final Map<Long, Map<String, Long>> fieldIds = new ConcurrentHashMap<>();
    private final AtomicLong nextTagId = new AtomicLong(1);
    private final AtomicLong nextTeamId = new AtomicLong(1);
    private final AtomicLong nextFieldId = new AtomicLong(9_000_000);
    /** The user the UI's writes are made as (the API knows it from the token): last_editor of what they change. */
    private volatile ObjectNode editor = user(6, "admin");

    private final WriteTap writeTap = new WriteTap();

    /** What the write routes were sent (secrets kept apart, never served): for tests. */
    public WriteTap writeTap() {
        return writeTap;
    }

    TenantState() {
        tables.put(Kind.CONNECTION, new Table(1));
        tables.put(Kind.DATASTORE, new Table(10));
        tables.put(Kind.CONTAINER, new Table(1001));
        tables.put(Kind.COMPUTED_FIELD, new Table(500_001));
        tables.put(Kind.CHECK, new Table(1_000_001));
    }

    // ---- reads ----

    /** The resource as stored (references as ids): a copy, free to change. */
    public ObjectNode get(Kind kind, long id) {
        return row(kind, id).node();
    }

    public boolean exists(Kind kind, long id) {
        return table(kind).get(id) != null;
    }

    public int count(Kind kind) {
        return table(kind).size();
    }

    public List<Long> ids(Kind kind) {
        return table(kind).rows().map(Row::id).toList();
    }

    /** Ids of the checks of one datastore (archived ones included), ascending. */
    public List<Long> checkIds(long datastoreId) {
        return table(Kind.CHECK).rows().filter(r -> r.datastoreId() == datastoreId).map(Row::id).toList();
    }

    public List<Long> containerIds(long datastoreId) {
        return table(Kind.CONTAINER).rows().filter(r -> r.datastoreId() == datastoreId).map(Row::id).toList();
    }

    public List<Long> computedFieldIds(long containerId) {
        return table(Kind.COMPUTED_FIELD).rows().filter(r -> r.ownerId() == containerId).map(Row::id).toList();
    }

    /** The datastore with the most checks (the generated "prod-warehouse"). */
    public long busiestDatastoreId() {
        Map<Long, Long> counts = new LinkedHashMap<>();
        table(Kind.CHECK).rows().forEach(r -> counts.merge(r.datastoreId(), 1L, Long::sum));
        return counts.entrySet().stream().max(Map.Entry.<Long, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElseThrow(() -> new IllegalStateException("no datastore has checks"));
    }

    /** The lowest datastore id that has at least one check. */
    public long firstDatastoreWithChecks() {
        return table(Kind.CHECK).rows().mapToLong(Row::datastoreId).min()
                .orElseThrow(() -> new IllegalStateException("no datastore has checks"));
    }

    public long idByName(Kind kind, String name) {
        return table(kind).rows().filter(r -> name.equals(r.name())).mapToLong(Row::id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + kind.label() + " named " + name));
    }

    public String nameOf(Kind kind, long id) {
        Row row = table(kind).get(id);
        return row == null ? null : row.name();
    }

    /** Global tags as name to id, in id order. */
    public Map<String, Long> globalTags() {
        Map<String, Long> sorted = new LinkedHashMap<>();
        globalTags.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    public Map<String, Long> teams() {
        Map<String, Long> sorted = new LinkedHashMap<>();
        teams.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    Row row(Kind kind, long id) {
        Row row = table(kind).get(id);
        if (row == null) {
            throw ApiError.notFound(kind, id);
        }
        return row;
    }

    Stream<Row> rows(Kind kind) {
        return table(kind).rows();
    }

    /** The rows of one datastore (a datastore row: itself), in id order. */
    List<Row> rowsOfDatastore(Kind kind, long datastoreId) {
        return table(kind).ofDatastore(datastoreId);
    }

    /** The rows owned by one resource (see {@link Row#ownerId()}), in id order. */
    List<Row> rowsOfOwner(Kind kind, long ownerId) {
        return table(kind).ofOwner(ownerId);
    }

    // ---- writes ----

    /** Creates a resource from a body the API accepts (names or objects for tags, fields, teams); returns it as stored. */
    public synchronized ObjectNode create(Kind kind, JsonNode body) {
        ObjectNode node = normalize(kind, body.deepCopy(), 0);
        require(kind, node);
        long id = table(kind).nextId();
        ObjectNode stored = SandboxJson.object();
        stored.put("id", id);
        stored.setAll(node);
        stampEditor(kind, stored, body);
        Blanks.fill(kind, stored, now());
        store(kind, stored);
        return stored;
    }

    /** Stores a whole resource in place of the one with its id, after the checks every stored resource passes. */
    synchronized ObjectNode save(Kind kind, ObjectNode node) {
        require(kind, node);
        if (node.has("last_updated")) {
            node.put("last_updated", now());
        }
        store(kind, node);
        return node;
    }

    /** A write body in the stored form (see {@link #create}); ownerContainerId numbers a check's fields when the body has no container. */
    ObjectNode normalized(Kind kind, ObjectNode body, long ownerContainerId) {
        return normalize(kind, body.deepCopy(), ownerContainerId);
    }

    /** The names of the fields a container has (those its checks and computed fields were given), in no order. */
    Set<String> fieldNames(long containerId) {
        return Set.copyOf(fieldIds.getOrDefault(containerId, Map.of()).keySet());
    }

    static String timestamp() {
        return now();
    }

    /** Merges the given fields into a resource (PUT and PATCH alike, as the UI sends them); returns it as stored. */
    public synchronized ObjectNode update(Kind kind, long id, JsonNode patch) {
        ObjectNode stored = row(kind, id).node();
        stored.setAll(normalize(kind, patch.deepCopy(), row(kind, id).ownerId()));
        stored.put("id", id);
        if (stored.has("last_updated") && !patch.has("last_updated")) {
            stored.put("last_updated", now());
        }
        stampEditor(kind, stored, patch);
        require(kind, stored);
        store(kind, stored);
        return stored;
    }

    /**
     * A scan of one datastore: every check is asserted again, and every {@code flipEvery}-th one (counted from
     * {@code offset}) turns from passing to failing or back. Only state moves (is_passing, has_passed, last_asserted,
     * num_container_scans, weight); no configuration and no editor, as on a real server.
     */
    public synchronized int scan(long datastoreId, int flipEvery, int offset) {
        String now = now();
        int flipped = 0;
        int index = 0;
        for (Row row : rowsOfDatastore(Kind.CHECK, datastoreId)) {
            ObjectNode check = row.node();
            boolean flip = flipEvery > 0 && (index++ + offset) % flipEvery == 0;
            boolean passing = check.path("is_passing").asBoolean(true) != flip;
            flipped += flip ? 1 : 0;
            check.put("is_passing", passing).put("has_passed", passing).put("last_asserted", now)
                    .put("num_container_scans", check.path("num_container_scans").asInt(0) + 1)
                    .put("weight", passing ? 1 : 7);
            store(Kind.CHECK, check);
        }
        return flipped;
    }

    /** Deletes a resource and what hangs on it (a container's checks and computed fields, a datastore's containers). */
    public synchronized void delete(Kind kind, long id) {
        row(kind, id);
        switch (kind) {
            case CONNECTION -> {
                List<Long> used = table(Kind.DATASTORE).rows().filter(r -> r.ownerId() == id).map(Row::id).toList();
                if (!used.isEmpty()) {
                    throw new ApiError(409, "Connection " + id + " is used by datastores " + used + ": delete them first");
                }
            }
            case DATASTORE -> containerIds(id).forEach(c -> delete(Kind.CONTAINER, c));
            case CONTAINER -> {
                rows(Kind.CHECK).filter(r -> r.ownerId() == id).map(Row::id).toList().forEach(table(Kind.CHECK)::remove);
                computedFieldIds(id).forEach(table(Kind.COMPUTED_FIELD)::remove);
            }
            default -> {
            }
        }
        table(kind).remove(id);
    }

    /** Later writes are made as this user (tests: "Dana changes a check in the UI"). */
    public void editAs(long id, String name) {
        editor = user(id, name);
    }

    /**
     * Containers, computed fields and checks remember who wrote them last, unless the write says so itself (profiling
     * sends {@code last_editor: null}). The API shows it on containers and computed fields; on checks only when the
     * sandbox answers like a newer server (SandboxOptions.checkEditors).
     */
    private void stampEditor(Kind kind, ObjectNode stored, JsonNode write) {
        if (kind != Kind.CONTAINER && kind != Kind.COMPUTED_FIELD && kind != Kind.CHECK) {
            return;
        }
        if (write.has("last_editor")) {
            JsonNode given = write.get("last_editor");
            stored.set("last_editor", given);
            stored.set("last_editor_id", given.isObject() && given.has("id") ? given.get("id") : stored.nullNode());
            return;
        }
        ObjectNode user = editor;
        stored.set("last_editor", user.deepCopy());
        stored.set("last_editor_id", user.get("id"));
    }

    private static ObjectNode user(long id, String name) {
        return SandboxJson.object().put("id", id).put("name", name);
    }

    public ObjectNode updateCheck(long id, String json) {
        return update(Kind.CHECK, id, SandboxJson.parseObject(json));
    }

    public ObjectNode createCheck(String json) {
        return create(Kind.CHECK, SandboxJson.parseObject(json));
    }

    public void deleteCheck(long id) {
        delete(Kind.CHECK, id);
    }

    public ObjectNode updateDatastore(long id, String json) {
        return update(Kind.DATASTORE, id, SandboxJson.parseObject(json));
    }

    public ObjectNode updateContainer(long id, String json) {
        return update(Kind.CONTAINER, id, SandboxJson.parseObject(json));
    }

    public ObjectNode updateConnection(long id, String json) {
        return update(Kind.CONNECTION, id, SandboxJson.parseObject(json));
    }

    public ObjectNode updateComputedField(long id, String json) {
        return update(Kind.COMPUTED_FIELD, id, SandboxJson.parseObject(json));
    }

    // ---- used by the generator: stores as given, ids included ----

    void store(Kind kind, ObjectNode stored) {
        table(kind).put(index(kind, stored));
    }

    long nextId(Kind kind) {
        return table(kind).nextId();
    }

    long tagId(String name) {
        return globalTags.computeIfAbsent(name, n -> nextTagId.getAndIncrement());
    }

    long teamId(String name) {
        return teams.computeIfAbsent(name, n -> nextTeamId.getAndIncrement());
    }

    long fieldId(long containerId, String name) {
        return fieldIds.computeIfAbsent(containerId, c -> new ConcurrentHashMap<>())
                .computeIfAbsent(name, n -> nextFieldId.incrementAndGet());
    }

    void defineField(long containerId, String name, long id) {
        fieldIds.computeIfAbsent(containerId, c -> new ConcurrentHashMap<>()).put(name, id);
    }

    /**
     * A copy with every id, and every reference to one ("id" and "*_id" numbers at any depth), raised by offset:
     * the same tenant as another environment would number it.
     */
    synchronized TenantState withIdsShifted(long offset) {
        TenantState shifted = new TenantState();
        for (Kind kind : Kind.values()) { // declaration order stores containers before the checks that need them
            rows(kind).forEach(row -> {
                ObjectNode node = row.node();
                shiftIds(node, offset);
                shifted.store(kind, node);
            });
        }
        shifted.globalTags.putAll(globalTags);
        shifted.teams.putAll(teams);
        shifted.nextTagId.set(nextTagId.get());
        shifted.nextTeamId.set(nextTeamId.get());
        fieldIds.forEach((container, fields) -> fields.forEach((name, id) -> shifted.defineField(container + offset, name, id + offset)));
        shifted.nextFieldId.set(nextFieldId.get() + offset);
        return shifted;
    }

    /** Users (owners, editors, assignees) come from a shared identity provider: their ids are the same everywhere. */
    private static final Set<String> USER_KEYS = Set.of("owner_id", "last_editor_id", "last_editor", "default_anomaly_assignee_id");

    private static void shiftIds(JsonNode node, long offset) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(member -> {
                JsonNode value = member.getValue();
                String key = member.getKey();
                if (USER_KEYS.contains(key)) {
                    return;
                }
                if (value.isIntegralNumber() && (key.equals("id") || key.endsWith("_id"))) {
                    object.put(key, value.asLong() + offset);
                } else {
                    shiftIds(value, offset);
                }
            });
        } else if (node instanceof ArrayNode array) {
            array.forEach(item -> shiftIds(item, offset));
        }
    }

    // ---- internals ----

    private Table table(Kind kind) {
        return tables.get(kind);
    }

    private Row index(Kind kind, ObjectNode node) {
        long id = node.path("id").asLong();
        String name = node.path("name").isTextual() ? node.get("name").asText() : null;
        List<String> tags = new ArrayList<>();
        node.path("global_tags").forEach(t -> tags.add(t.path("name").asText()));
        byte[] json = SandboxJson.bytes(node);
        return switch (kind) {
            case CONNECTION -> new Row(id, name, 0, 0, node.path("connection_type").asText(null), null, List.of(), json);
            case DATASTORE -> new Row(id, name, node.path("connection_id").asLong(), id, null, null, List.copyOf(tags), json);
            case CONTAINER -> new Row(id, name, node.path("datastore_id").asLong(), node.path("datastore_id").asLong(),
                    node.path("container_type").asText(null), node.path("status").asText(null), List.copyOf(tags), json);
            case COMPUTED_FIELD -> new Row(id, name, node.path("container_id").asLong(), datastoreOfContainer(node.path("container_id").asLong()),
                    node.path("transformation_type").asText(null), null, List.of(), json);
            case CHECK -> new Row(id, null, node.path("container_id").asLong(), datastoreOfContainer(node.path("container_id").asLong()),
                    node.path("rule_type").asText(null), node.path("status").asText(null), List.copyOf(tags), json);
        };
    }

    private long datastoreOfContainer(long containerId) {
        Row container = table(Kind.CONTAINER).get(containerId);
        return container == null ? 0 : container.datastoreId();
    }

    /** Turns what a client may send (aliases, names, embedded objects) into the stored form. */
    private ObjectNode normalize(Kind kind, ObjectNode node, long ownerContainerId) {
        node.remove("id");
        rename(node, "datastore", "datastore_id");
        rename(node, "container", "container_id");
        rename(node, "connection", "connection_id");
        rename(node, "enrich_datastore", "enrich_datastore_id");
        if (kind == Kind.CHECK && node.has("rule") && !node.has("rule_type")) {
            node.set("rule_type", node.remove("rule"));
        }
        if (kind == Kind.COMPUTED_FIELD && node.has("transformation") && !node.has("transformation_type")) {
            node.set("transformation_type", node.remove("transformation"));
        }
        JsonNode tags = node.has("global_tags") ? node.remove("global_tags") : node.remove("tags");
        if (tags != null) {
            node.set("global_tags", tagObjects(tags));
        }
        if (node.has("teams")) {
            ArrayNode teamObjects = SandboxJson.array();
            node.get("teams").forEach(t -> {
                String teamName = t.isObject() ? t.path("name").asText() : t.asText();
                teamObjects.addObject().put("id", teamId(teamName)).put("name", teamName);
            });
            node.set("teams", teamObjects);
        }
        long containerId = node.path("container_id").asLong(ownerContainerId);
        if (kind == Kind.CHECK && node.has("fields")) {
            long owner = containerId;
            node.set("fields", fieldObjects(node.get("fields"), name -> fieldId(owner, name)));
        }
        if (kind == Kind.COMPUTED_FIELD && node.has("source_fields") && !node.get("source_fields").isNull()) {
            long owner = containerId;
            node.set("source_fields", fieldObjects(node.get("source_fields"), name -> fieldId(owner, name)));
        }
        if (kind == Kind.CONNECTION) {
            SECRET_FIELDS.forEach(node::remove);
            if (node.get("secrets_manager") instanceof ObjectNode manager) {
                SECRET_FIELDS.forEach(manager::remove);
            }
        }
        return node;
    }

    private static void rename(ObjectNode node, String embedded, String idField) {
        JsonNode value = node.get(embedded);
        if (value != null && (value.isObject() || value.isNumber())) {
            node.remove(embedded);
            node.put(idField, value.isObject() ? value.path("id").asLong() : value.asLong());
        }
    }

    private ArrayNode tagObjects(JsonNode tags) {
        ArrayNode objects = SandboxJson.array();
        tags.forEach(t -> {
            String tagName = t.isObject() ? t.path("name").asText() : t.asText();
            objects.addObject().put("id", tagId(tagName)).put("name", tagName).put("type", "global");
        });
        return objects;
    }

    private static ArrayNode fieldObjects(JsonNode fields, java.util.function.ToLongFunction<String> idOf) {
        ArrayNode objects = SandboxJson.array();
        fields.forEach(f -> {
            String fieldName = f.isObject() ? f.path("name").asText() : f.asText();
            objects.addObject().put("id", idOf.applyAsLong(fieldName)).put("name", fieldName);
        });
        return objects;
    }

    private void require(Kind kind, ObjectNode node) {
        switch (kind) {
            case CONNECTION -> requireText(node, "name", kind);
            case DATASTORE -> {
                requireText(node, "name", kind);
                requireReference(node, "connection_id", Kind.CONNECTION);
            }
            case CONTAINER -> {
                requireText(node, "name", kind);
                requireReference(node, "datastore_id", Kind.DATASTORE);
            }
            case COMPUTED_FIELD -> {
                requireText(node, "name", kind);
                requireReference(node, "container_id", Kind.CONTAINER);
            }
            case CHECK -> {
                requireText(node, "rule_type", kind);
                requireReference(node, "container_id", Kind.CONTAINER);
            }
            default -> {
            }
        }
    }

    private static void requireText(ObjectNode node, String field, Kind kind) {
        if (!node.path(field).isTextual() || node.get(field).asText().isBlank()) {
            throw ApiError.unprocessable("a " + kind.label() + " needs a non-blank '" + field + "'");
        }
    }

    private void requireReference(ObjectNode node, String field, Kind target) {
        if (!node.path(field).canConvertToLong() || !exists(target, node.get(field).asLong())) {
            throw ApiError.unprocessable("'" + field + "' must be the id of an existing " + target.label() + ", not " + node.path(field));
        }
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
