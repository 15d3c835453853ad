package io.flock.jdbc;

import io.flock.client.FlockClient;
import io.flock.client.PreparedQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The server prepared statements a connection keeps after their {@code PreparedStatement} was
 * closed, by SQL text, least recently used out first (closed on the server when evicted), so code
 * that prepares the same SQL on every pool borrow prepares it once. A statement taken from the
 * cache is not shared: two open statements of the same SQL hold two handles. Handles belong to
 * the client that prepared them; after the connection switched clients ({@code setCatalog}) the
 * old ones are closed instead of kept. Thread-safe.
 */
final class StatementCache {
    private record Entry(FlockClient client, PreparedQuery query) {
    }

    private final Map<String, Entry> entries;

    StatementCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                if (size() > capacity) {
                    eldest.getValue().query().close();
                    return true;
                }
                return false;
            }
        };
    }

    /** A kept statement for {@code sql} prepared by {@code client}, or a new one from {@code prepare}. */
    PreparedQuery take(FlockClient client, String sql, Function<String, PreparedQuery> prepare) {
        Entry kept;
        synchronized (this) {
            kept = entries.remove(sql);
        }
        if (kept != null && kept.client() == client) {
            return kept.query();
        }
        if (kept != null) {
            kept.query().close();
        }
        return prepare.apply(sql);
    }

    /** Keeps {@code query} for the next statement of its SQL, unless one is kept already or the client changed. */
    void give(FlockClient current, FlockClient owner, PreparedQuery query) {
        if (owner != current) {
            query.close();
            return;
        }
        PreparedQuery extra = null;
        synchronized (this) {
            if (entries.containsKey(query.sql())) {
                extra = query;
            } else {
                entries.put(query.sql(), new Entry(owner, query));
            }
        }
        if (extra != null) {
            extra.close();
        }
    }

    /** Closes every kept statement. */
    void clear() {
        List<Entry> all;
        synchronized (this) {
            all = new ArrayList<>(entries.values());
            entries.clear();
        }
        all.forEach(entry -> entry.query().close());
    }
}
