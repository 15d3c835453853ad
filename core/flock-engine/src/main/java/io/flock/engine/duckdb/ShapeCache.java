package io.flock.engine.duckdb;

import io.flock.engine.worker.PreparedShape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The result and parameter shapes of recently described statements of one database, so that
 * preparing the same SQL again (a pooled JDBC statement, the stock Flight SQL driver preparing
 * every query) costs no second DuckDB prepare. Any schema change empties it: the worker calls
 * {@link #invalidate()} before and after every DDL statement and at the end of every transaction.
 * A shape described while a schema change ran is not kept (the generation moved on meanwhile).
 * Thread-safe.
 */
final class ShapeCache {
    private final int capacity;
    private final Map<String, PreparedShape> shapes;
    private long generation;

    ShapeCache(int capacity) {
        this.capacity = capacity;
        this.shapes = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedShape> eldest) {
                return size() > ShapeCache.this.capacity;
            }
        };
    }

    /** The cached shape of {@code sql}, or {@code describe}'s, kept unless the schema changed meanwhile. */
    PreparedShape get(String sql, Supplier<PreparedShape> describe) {
        long before;
        synchronized (this) {
            PreparedShape cached = shapes.get(sql);
            if (cached != null) {
                return cached;
            }
            before = generation;
        }
        PreparedShape shape = describe.get();
        synchronized (this) {
            if (generation == before) {
                shapes.put(sql, shape);
            }
        }
        return shape;
    }

    /** The schema generation: it moves on with every {@link #invalidate()}. */
    synchronized long generation() {
        return generation;
    }

    /** Forgets every shape: the schema may have changed. */
    synchronized void invalidate() {
        generation++;
        shapes.clear();
    }
}
