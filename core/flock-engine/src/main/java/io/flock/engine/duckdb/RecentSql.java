package io.flock.engine.duckdb;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SQL texts of the last one-off queries of a database, to tell a text seen before (a
 * dashboard's query, a monitoring probe: worth preparing and keeping) from a text seen once (an
 * ad-hoc query with its own literals: cheaper run unprepared). Thread-safe.
 */
final class RecentSql {
    private final Map<String, Boolean> texts;

    RecentSql(int capacity) {
        this.texts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records {@code sql}; returns whether it was among the recent texts already. */
    synchronized boolean seenBefore(String sql) {
        return texts.put(sql, Boolean.TRUE) != null;
    }
}
