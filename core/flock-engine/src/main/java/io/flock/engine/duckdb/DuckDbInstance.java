package io.flock.engine.duckdb;

import static java.util.Objects.requireNonNull;

import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBPreparedStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DuckDB instance holding one Flock database, sandboxed before any user SQL can reach it.
 *
 * <p>Each Flock database is its own instance, so user SQL cannot even name another database: the
 * isolation between databases is structural, not a check that could be bypassed. User
 * statements run on a fixed pool of connections, each set up (profiling on) before the
 * configuration is locked; the server keeps one more connection for metadata and checkpoints.
 *
 * <p>Thread-safe.
 */
final class DuckDbInstance implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DuckDbInstance.class);
    private static final List<String> SANDBOX = List.of(
            "SET enable_external_access = false",
            "SET autoinstall_known_extensions = false",
            "SET autoload_known_extensions = false",
            "SET allow_community_extensions = false",
            "SET lock_configuration = true");

    /** Prepared statements kept per pooled connection ({@link StatementCache}). */
    private static final int STATEMENT_CACHE_SIZE = 32;

    private final String name;
    private final Path file;
    private final DuckDBConnection server;
    private final BlockingQueue<DuckDBConnection> pool;
    private final List<DuckDBConnection> connections = new ArrayList<>();
    private final ShapeCache shapes = new ShapeCache(1024);
    private final KeyedTableCache keyedTables = new KeyedTableCache(shapes);
    private final RecentSql recentOneOffs = new RecentSql(1024);
    /** Prepared statements kept per pooled connection; filled once at set-up, then only read. */
    private final Map<DuckDBConnection, StatementCache> statementCaches = new IdentityHashMap<>();
    private final DuckDbDeltas deltas = new DuckDbDeltas(this);
    private final DuckDbStreamPositions streamPositions = new DuckDbStreamPositions(this);
    private final IndexFreeKeys indexFreeKeys = new IndexFreeKeys(this);
    /** Connections for the server's own background work (see {@link #openConnection()}). */
    private final List<DuckDBConnection> ownConnections = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private DuckDbInstance(String name, Path file, DuckDBConnection server, int poolSize) {
        this.name = name;
        this.file = file;
        this.server = server;
        this.pool = new ArrayBlockingQueue<>(poolSize);
    }

    /**
     * Opens (or creates) the database file {@code file}, whose DuckDB catalog name is then
     * {@code name}; with a null file, an in-memory database attached as {@code name}.
     *
     * @param streaming whether results stream (user databases) or are materialized (system tables)
     */
    static DuckDbInstance open(String name, Path file, DuckDbSettings settings, boolean streaming) {
        requireNonNull(name, "name is null");
        Properties properties = new Properties();
        properties.setProperty("jdbc_stream_results", Boolean.toString(streaming));
        properties.setProperty("memory_limit", settings.memoryLimit().toDuckDbSetting());
        properties.setProperty("threads", Integer.toString(settings.threads()));
        properties.setProperty("checkpoint_threshold", settings.checkpointThreshold().toDuckDbSetting());
        String url = file == null ? "jdbc:duckdb:" : "jdbc:duckdb:" + file.toAbsolutePath();
        DuckDBConnection server;
        try {
            server = (DuckDBConnection) DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            log.error("Cannot open database '{}' at {}: {}", name, file, e.getMessage());
            throw DuckDbErrors.toFlock(e, "Cannot open database '" + name + "'");
        }
        DuckDbInstance instance = new DuckDbInstance(name, file, server, settings.connections());
        try {
            instance.setUp(file == null, settings.connections());
        } catch (SQLException | RuntimeException e) {
            instance.close();
            if (e instanceof SQLException sql) {
                throw DuckDbErrors.toFlock(sql, "Cannot set up database '" + name + "'");
            }
            throw (RuntimeException) e;
        }
        return instance;
    }

    private void setUp(boolean inMemory, int poolSize) throws SQLException {
        try (Statement s = server.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            if (inMemory) {
                s.execute("ATTACH ':memory:' AS " + name);
                s.execute("USE " + name);
            }
        }
        for (int i = 0; i < poolSize; i++) {
            DuckDBConnection connection = server.duplicate();
            try (Statement s = connection.createStatement()) {
                s.execute("SET enable_profiling = 'no_output'");
                if (inMemory) {
                    s.execute("USE " + name);
                }
            }
            connections.add(connection);
            statementCaches.put(connection, new StatementCache(STATEMENT_CACHE_SIZE));
            pool.add(connection);
        }
        try (Statement s = server.createStatement()) {
            for (String setting : SANDBOX) {
                s.execute(setting);
            }
        }
    }

    String name() {
        return name;
    }

    /** The shapes of statements recently described on this database. */
    ShapeCache shapes() {
        return shapes;
    }

    Path file() {
        return file;
    }

    /** The definitions of this database's primary-key tables, as writes in their own transaction read them. */
    KeyedTableCache keyedTables() {
        return keyedTables;
    }

    /** The exactly-once record of this database's ingest streams. */
    DuckDbStreamPositions streamPositions() {
        return streamPositions;
    }

    /** The primary keys Flock keeps for this database's tables created {@code WITH (key_index = false)}. */
    IndexFreeKeys indexFreeKeys() {
        return indexFreeKeys;
    }

    /** The delta tables of this database's primary-key tables. */
    DuckDbDeltas deltas() {
        return deltas;
    }

    /**
     * A new connection for the server's own work that must not wait for (or block) the pool or
     * the metadata connection: folding deltas. Closed with the instance.
     */
    DuckDBConnection openConnection() {
        checkOpen();
        try {
            DuckDBConnection connection = server.duplicate();
            ownConnections.add(connection);
            return connection;
        } catch (SQLException e) {
            throw DuckDbErrors.toFlock(e, "Cannot open a connection to database '" + name + "'");
        }
    }

    /** Takes a pooled connection for one statement; give it back with {@link #release}. */
    DuckDBConnection borrow() {
        checkOpen();
        try {
            DuckDBConnection connection = pool.poll(30, TimeUnit.SECONDS);
            if (connection == null) {
                throw new FlockException(ErrorCode.TOO_MANY_QUERIES, "All " + connections.size()
                        + " connections of database '" + name + "' stayed busy for 30 s; try again later");
            }
            return connection;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlockException(ErrorCode.QUERY_CANCELLED, "Interrupted while waiting for a connection", e);
        }
    }

    void release(DuckDBConnection connection) {
        pool.offer(connection);
    }

    /**
     * A prepared statement of {@code sql} on {@code connection} (borrowed by the caller): the one
     * the connection kept from an earlier run if the schema has not changed since, else a new one.
     * Hand it back with {@link #keepStatement} after a clean run, or close it.
     */
    DuckDBPreparedStatement prepareStatement(DuckDBConnection connection, String sql, long generation)
            throws SQLException {
        StatementCache cache = statementCaches.get(connection);
        DuckDBPreparedStatement kept = cache == null ? null : cache.take(sql, generation);
        return kept != null ? kept : (DuckDBPreparedStatement) connection.prepareStatement(sql);
    }

    /** Records the SQL of a one-off query; returns whether the same text ran recently (see {@link RecentSql}). */
    boolean oneOffSeenBefore(String sql) {
        return recentOneOffs.seenBefore(sql);
    }

    /** Whether {@code connection} (borrowed by the caller) keeps a statement of {@code sql} from an earlier run. */
    boolean keepsStatement(DuckDBConnection connection, String sql, long generation) {
        StatementCache cache = statementCaches.get(connection);
        return cache != null && cache.holds(sql, generation);
    }

    /** Keeps a statement prepared in schema generation {@code generation} for the next run of its SQL. */
    void keepStatement(DuckDBConnection connection, String sql, DuckDBPreparedStatement statement, long generation) {
        StatementCache cache = statementCaches.get(connection);
        if (cache == null) {
            StatementCache.close(statement);
        } else {
            cache.keep(sql, statement, generation, shapes.generation());
        }
    }

    /**
     * Runs a short {@code action} (e.g. a prepare to describe a statement) on a pooled connection
     * that is free right now, else on the server's own connection; never waits for the pool, so a
     * caller that already holds a pooled connection cannot deadlock with others doing the same.
     */
    <T> T withSpareConnection(SqlFunction<T> action) {
        checkOpen();
        DuckDBConnection connection = pool.poll();
        if (connection == null) {
            return withServerConnection(action);
        }
        try {
            return action.apply(connection);
        } catch (SQLException e) {
            throw DuckDbErrors.toFlock(e);
        } finally {
            release(connection);
        }
    }

    /** Runs {@code action} on the server's own connection, one caller at a time. */
    synchronized <T> T withServerConnection(SqlFunction<T> action) {
        checkOpen();
        try {
            return action.apply(server);
        } catch (SQLException e) {
            throw DuckDbErrors.toFlock(e);
        }
    }

    void checkpoint() {
        withServerConnection(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CHECKPOINT");
            }
            return null;
        });
    }

    private void checkOpen() {
        if (closed) {
            throw new FlockException(ErrorCode.DATABASE_NOT_FOUND, "Database '" + name + "' is closed");
        }
    }

    /**
     * Closes the instance once every borrowed connection is back (at most 10 s; statements still
     * running after that are interrupted by the close).
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pool.size() < connections.size() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (pool.size() < connections.size()) {
            log.warn("Closing database '{}' while {} statement(s) still use it", name, connections.size() - pool.size());
        }
        deltas.close();
        for (DuckDBConnection connection : ownConnections) {
            closeQuietly(connection);
        }
        for (DuckDBConnection connection : connections) {
            closeQuietly(connection);
        }
        closeQuietly(server);
    }

    private void closeQuietly(DuckDBConnection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("Closing a connection of database '{}' failed: {}", name, e.getMessage());
        }
    }

    /** A JDBC action that may throw SQLException. */
    @FunctionalInterface
    interface SqlFunction<T> {
        T apply(DuckDBConnection connection) throws SQLException;
    }
}
