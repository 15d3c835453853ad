package io.flock.client.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The parameter types the server announced for recently run SQL texts, so that a query with
 * parameters run again binds by them without asking the server first. An entry can go stale when
 * a table changes; callers {@linkplain #forget forget} it when binding or running with it fails,
 * and ask again. Thread-safe; least recently used entries leave first.
 */
final class ParameterTypes {
    private final Map<String, Schema> types;

    ParameterTypes(int capacity) {
        this.types = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Schema> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The announced parameter schema of {@code sql}, or null when none is known. */
    synchronized Schema get(String sql) {
        return types.get(sql);
    }

    synchronized void put(String sql, Schema parameters) {
        types.put(sql, parameters);
    }

    synchronized void forget(String sql) {
        types.remove(sql);
    }
}
