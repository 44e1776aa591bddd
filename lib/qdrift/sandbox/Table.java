package qdrift.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The rows of one resource kind, ordered by id, with the id sequence new rows take. Rows are also grouped by
 * datastore and by owner, regrouped lazily after a write: listing a datastore's checks page by page, or a container
 * detail's computed fields, must not scan every row of the tenant on every request.
 */
final class Table {
    private final ConcurrentSkipListMap<Long, Row> rows = new ConcurrentSkipListMap<>();
    private final AtomicLong lastId;
    private final AtomicLong writes = new AtomicLong();
    private volatile Groups groups;

    /** The rows of each datastore and of each owner, in id order, as they were after {@code writes} writes. */
    private record Groups(long writes, Map<Long, List<Row>> byDatastore, Map<Long, List<Row>> byOwner) {
    }

    Table(long firstId) {
        this.lastId = new AtomicLong(firstId - 1);
    }

    long nextId() {
        return lastId.incrementAndGet();
    }

    void put(Row row) {
        rows.put(row.id(), row);
        lastId.accumulateAndGet(row.id(), Math::max);
        writes.incrementAndGet();
    }

    Row get(long id) {
        return rows.get(id);
    }

    Row remove(long id) {
        Row removed = rows.remove(id);
        writes.incrementAndGet();
        return removed;
    }

    Stream<Row> rows() {
        return rows.values().stream();
    }

    /** The rows whose datastoreId is the given one, in id order. */
    List<Row> ofDatastore(long datastoreId) {
        return groups().byDatastore().getOrDefault(datastoreId, List.of());
    }

    /** The rows whose ownerId is the given one, in id order. */
    List<Row> ofOwner(long ownerId) {
        return groups().byOwner().getOrDefault(ownerId, List.of());
    }

    int size() {
        return rows.size();
    }

    private Groups groups() {
        // read the write count before the rows: a write racing with the grouping leaves it stale, never wrongly fresh
        long seen = writes.get();
        Groups current = groups;
        if (current != null && current.writes() == seen) {
            return current;
        }
        Map<Long, List<Row>> byDatastore = new HashMap<>();
        Map<Long, List<Row>> byOwner = new HashMap<>();
        for (Row row : rows.values()) {
            byDatastore.computeIfAbsent(row.datastoreId(), id -> new ArrayList<>()).add(row);
            byOwner.computeIfAbsent(row.ownerId(), id -> new ArrayList<>()).add(row);
        }
        current = new Groups(seen, byDatastore, byOwner);
        groups = current;
        return current;
    }
}
