package io.flock.engine.duckdb;

import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.duckdb.DuckDBPreparedStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DuckDB prepared statements one pooled connection keeps for SQL it ran recently, so that the
 * same SQL again (a dashboard's query, a pooled JDBC statement, a kept SDK statement) binds and
 * runs without being prepared again: DuckDB's prepare is about a third of a point lookup (measured:
 * 0.5 ms of 1.35 ms). Statements are valid for one schema generation of the database
 * ({@link ShapeCache#generation()}); any schema change empties the cache on its next use.
 *
 * <p>Not thread-safe: used only by whoever has borrowed the connection.
 */
final class StatementCache {
    private static final Logger log = LoggerFactory.getLogger(StatementCache.class);

    private final int capacity;
    private final LinkedHashMap<String, DuckDBPreparedStatement> statements = new LinkedHashMap<>(16, 0.75f, true);
    private long generation;

    StatementCache(int capacity) {
        this.capacity = capacity;
    }

    /** Takes the kept statement of {@code sql}, if one was prepared in schema generation {@code current}. */
    DuckDBPreparedStatement take(String sql, long current) {
        retireIfStale(current);
        return statements.remove(sql);
    }

    /** Whether a statement of {@code sql} prepared in schema generation {@code current} is kept. */
    boolean holds(String sql, long current) {
        retireIfStale(current);
        return statements.containsKey(sql);
    }

    /**
     * Keeps {@code statement}, prepared in schema generation {@code preparedIn}, for the next run of
     * {@code sql}; closes it instead if the schema changed since, and closes the least recently used
     * statement beyond the capacity.
     */
    void keep(String sql, DuckDBPreparedStatement statement, long preparedIn, long current) {
        if (preparedIn != current || capacity == 0) {
            close(statement);
            return;
        }
        retireIfStale(current);
        DuckDBPreparedStatement replaced = statements.put(sql, statement);
        if (replaced != null && replaced != statement) {
            close(replaced);
        }
        Iterator<Map.Entry<String, DuckDBPreparedStatement>> eldest = statements.entrySet().iterator();
        while (statements.size() > capacity) {
            close(eldest.next().getValue());
            eldest.remove();
        }
    }

    /** Closes the kept statements if they were prepared before the schema generation {@code current}. */
    private void retireIfStale(long current) {
        if (generation != current) {
            clear();
            generation = current;
        }
    }

    /** Closes every kept statement. */
    void clear() {
        statements.values().forEach(StatementCache::close);
        statements.clear();
    }

    static void close(DuckDBPreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            log.debug("Closing a prepared statement failed: {}", e.getMessage());
        }
    }
}
