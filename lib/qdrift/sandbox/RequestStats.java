package qdrift.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of /api requests: in total, per path template (GET /api/quality-checks/{id}) and per answered status; and
 * writes: requests with a write method (POST, PUT, PATCH, DELETE) as they arrive, and those answered 2xx (the writes
 * that changed the server), per method. "writes": 0 is what a test asserts after a plan or a refused apply.
 */
public final class RequestStats {
    private final AtomicLong total = new AtomicLong();
    private final Map<String, LongAdder> byPath = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final AtomicLong writeRequests = new AtomicLong();
    private final Map<String, LongAdder> writesByMethod = new ConcurrentHashMap<>();
    /** Per "METHOD template", the query parameters seen, each with up to {@value #VALUES_KEPT} distinct values. */
    private final Map<String, Map<String, java.util.Set<String>>> queries = new ConcurrentHashMap<>();
    private static final int VALUES_KEPT = 20;

    /** Counts a request arriving and returns its number (1-based, since the last reset): fault knobs key on it. */
    long arrived(String method, String template) {
        byPath.computeIfAbsent(method + " " + template, k -> new LongAdder()).increment();
        return total.incrementAndGet();
    }

    /** Remembers which query parameters (and values) a request to this template carried. */
    void queried(String method, String template, Map<String, java.util.List<String>> query) {
        Map<String, java.util.Set<String>> seen = queries.computeIfAbsent(method + " " + template, k -> new ConcurrentHashMap<>());
        query.forEach((name, values) -> {
            java.util.Set<String> kept = seen.computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet());
            values.stream().filter(v -> kept.size() < VALUES_KEPT).forEach(kept::add);
        });
    }

    /** "GET /api/quality-checks" -> {archived: [include], datastore: [10], page: [1, 2], size: [100]}: what was asked. */
    public Map<String, Map<String, java.util.SortedSet<String>>> queries() {
        Map<String, Map<String, java.util.SortedSet<String>>> copy = new TreeMap<>();
        queries.forEach((operation, params) -> {
            Map<String, java.util.SortedSet<String>> names = new TreeMap<>();
            params.forEach((name, values) -> names.put(name, new java.util.TreeSet<>(values)));
            copy.put(operation, names);
        });
        return copy;
    }

    void answered(int status) {
        byStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
    }

    static boolean isWrite(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH") || method.equals("DELETE");
    }

    /** Counts a write request arriving and returns its number (1-based, since the last reset). */
    long writeArrived() {
        return writeRequests.incrementAndGet();
    }

    /** Counts a write the server applied (answered 2xx, or applied and then left unanswered). */
    void written(String method) {
        writesByMethod.computeIfAbsent(method, k -> new LongAdder()).increment();
    }

    /** Writes applied since the last reset, whatever their method. */
    public long writes() {
        return writesByMethod.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Writes applied with one method, e.g. writes("PUT"). */
    public long writes(String method) {
        LongAdder adder = writesByMethod.get(method);
        return adder == null ? 0 : adder.sum();
    }

    /** Requests with a write method, applied or refused. */
    public long writeRequests() {
        return writeRequests.get();
    }

    public long total() {
        return total.get();
    }

    /** Requests to one template, e.g. count("GET /api/quality-checks"). */
    public long count(String methodAndTemplate) {
        LongAdder adder = byPath.get(methodAndTemplate);
        return adder == null ? 0 : adder.sum();
    }

    /** Answers with one status; a dropped connection counts as status 0. */
    public long status(int status) {
        LongAdder adder = byStatus.get(status);
        return adder == null ? 0 : adder.sum();
    }

    public Map<String, Long> byPath() {
        Map<String, Long> copy = new TreeMap<>();
        byPath.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    public synchronized void reset() {
        total.set(0);
        byPath.clear();
        byStatus.clear();
        writeRequests.set(0);
        writesByMethod.clear();
        queries.clear();
    }

    ObjectNode toJson() {
        ObjectNode node = SandboxJson.object();
        node.put("total", total());
        ObjectNode paths = node.putObject("by_path");
        byPath().forEach(paths::put);
        ObjectNode statuses = node.putObject("by_status");
        new TreeMap<>(byStatus).forEach((k, v) -> statuses.put(String.valueOf(k), v.sum()));
        node.put("writes", writes());
        ObjectNode methods = node.putObject("writes_by_method");
        for (String method : new String[] {"DELETE", "PATCH", "POST", "PUT"}) {
            methods.put(method, writes(method));
        }
        node.put("write_requests", writeRequests());
        return node;
    }
}
