package qdrift.sandbox;

import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** The rows of one resource kind, ordered by id, with the id sequence new rows take. */
final class Table {
    private final ConcurrentSkipListMap<Long, Row> rows = new ConcurrentSkipListMap<>();
    private final AtomicLong lastId;

    Table(long firstId) {
        this.lastId = new AtomicLong(firstId - 1);
    }

    long nextId() {
        return lastId.incrementAndGet();
    }

    void put(Row row) {
        rows.put(row.id(), row);
        lastId.accumulateAndGet(row.id(), Math::max);
    }

    Row get(long id) {
        return rows.get(id);
    }

    Row remove(long id) {
        return rows.remove(id);
    }

    Stream<Row> rows() {
        return rows.values().stream();
    }

    int size() {
        return rows.size();
    }
}
