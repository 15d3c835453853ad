package io.flock.jdbc;

import static java.util.Objects.requireNonNull;

import io.flock.client.ClientProperty;
import io.flock.client.FlockClient;
import io.flock.client.FlockException;
import io.flock.client.FlockTransaction;
import io.flock.client.PreparedQuery;
import io.flock.client.QueryResult;
import io.flock.client.QueryStats;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JDBC connection to Flock over one SDK {@link FlockClient} (one multiplexed gRPC channel).
 * In autocommit (the default) every statement is its own transaction; with autocommit off the
 * statements run in a server transaction begun by the first of them and ended by
 * {@link #commit()} or {@link #rollback()} (snapshot isolation, reported as
 * {@code TRANSACTION_REPEATABLE_READ}). The catalog is the Flock database;
 * {@link #setCatalog} reconnects to another one. {@link #close()} cancels the running queries of
 * its statements and closes them.
 *
 * <p>Thread-safe as far as JDBC requires: statements of one connection may run on different
 * threads.
 */
final class FlockJdbcConnection implements FlockConnection {
    private final String url;
    private final Map<String, String> settings;
    private final Set<FlockStatement> statements = ConcurrentHashMap.newKeySet();
    private final Object clientLock = new Object();
    private volatile FlockClient client;
    private volatile String catalog;
    private volatile String lastQueryId;
    private volatile boolean closed;
    private volatile boolean readOnly;
    private boolean autoCommit = true;
    private FlockTransaction transaction;
    private final StatementCache statementCache;

    FlockJdbcConnection(String url, Map<String, String> settings) throws SQLException {
        this.url = requireNonNull(url, "url is null");
        this.settings = Map.copyOf(settings);
        this.catalog = settings.get(ClientProperty.DATABASE.key());
        this.statementCache = new StatementCache(Integer.parseInt(settings.getOrDefault(
                ClientProperty.STATEMENT_CACHE_SIZE.key(), ClientProperty.STATEMENT_CACHE_SIZE.defaultValue().orElseThrow())));
        this.client = connect(this.settings);
    }

    /** The server prepared statement for {@code sql}: one this connection kept, or a new one. */
    PreparedQuery takePrepared(String sql) throws SQLException {
        FlockClient current = client();
        try {
            return statementCache.take(current, sql, current::prepareStatement);
        } catch (FlockException e) {
            throw SqlExceptions.of(e, false);
        } catch (RuntimeException e) {
            throw SqlExceptions.of(e);
        }
    }

    /** Gives back a statement from {@link #takePrepared} when its {@code PreparedStatement} closes. */
    void givePrepared(PreparedQuery query, FlockClient owner) {
        if (closed) {
            query.close();
        } else {
            statementCache.give(client, owner, query);
        }
    }

    private static FlockClient connect(Map<String, String> settings) throws SQLException {
        try {
            return FlockClient.builder().properties(settings).build();
        } catch (IllegalArgumentException e) {
            throw new java.sql.SQLNonTransientConnectionException("Cannot connect to Flock: " + e.getMessage(),
                    "08001", e);
        }
    }

    String url() {
        return url;
    }

    Map<String, String> settings() {
        return settings;
    }

    @Override
    public FlockClient client() throws SQLException {
        checkOpen();
        return client;
    }

    @Override
    public Optional<String> lastQueryId() {
        return Optional.ofNullable(lastQueryId);
    }

    @Override
    public QueryStats explainAnalyze(String queryId) throws SQLException {
        try {
            return client().explainAnalyze(requireNonNull(queryId, "queryId is null"));
        } catch (FlockException e) {
            throw SqlExceptions.of(e, false);
        }
    }

    void queryStarted(String queryId) {
        if (queryId != null) {
            lastQueryId = queryId;
        }
    }

    void statementClosed(FlockStatement statement) {
        statements.remove(statement);
    }

    private <S extends FlockStatement> S register(S statement) {
        statements.add(statement);
        return statement;
    }

    @Override
    public Statement createStatement() throws SQLException {
        checkOpen();
        return register(new FlockStatement(this));
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        checkOpen();
        return register(new FlockPreparedStatement(this, requireNonNull(sql, "sql is null")));
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        checkResultSetOptions(resultSetType, resultSetConcurrency, ResultSet.CLOSE_CURSORS_AT_COMMIT);
        return createStatement();
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        checkResultSetOptions(resultSetType, resultSetConcurrency, resultSetHoldability);
        return createStatement();
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        checkResultSetOptions(resultSetType, resultSetConcurrency, ResultSet.CLOSE_CURSORS_AT_COMMIT);
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
                                              int resultSetHoldability) throws SQLException {
        checkResultSetOptions(resultSetType, resultSetConcurrency, resultSetHoldability);
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        if (autoGeneratedKeys != Statement.NO_GENERATED_KEYS) {
            throw SqlExceptions.unsupported("generated keys (use INSERT … RETURNING)");
        }
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        throw SqlExceptions.unsupported("generated keys (use INSERT … RETURNING)");
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        throw SqlExceptions.unsupported("generated keys (use INSERT … RETURNING)");
    }

    private static void checkResultSetOptions(int type, int concurrency, int holdability) throws SQLException {
        if (type != ResultSet.TYPE_FORWARD_ONLY || concurrency != ResultSet.CONCUR_READ_ONLY) {
            throw SqlExceptions.unsupported("scrollable or updatable result sets");
        }
        if (holdability != ResultSet.CLOSE_CURSORS_AT_COMMIT && holdability != ResultSet.HOLD_CURSORS_OVER_COMMIT) {
            throw new SQLException("Unknown result set holdability " + holdability, "HY024");
        }
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        throw SqlExceptions.unsupported("stored procedures (CallableStatement)");
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
        throw SqlExceptions.unsupported("stored procedures (CallableStatement)");
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
                                         int resultSetHoldability) throws SQLException {
        throw SqlExceptions.unsupported("stored procedures (CallableStatement)");
    }

    @Override
    public String nativeSQL(String sql) {
        return sql;
    }

    /**
     * Switches autocommit. Turning it back on commits the open transaction, as JDBC requires; a
     * transaction begins with the first statement after autocommit was turned off.
     */
    @Override
    public synchronized void setAutoCommit(boolean autoCommit) throws SQLException {
        checkOpen();
        if (autoCommit && !this.autoCommit) {
            commit();
        }
        this.autoCommit = autoCommit;
    }

    @Override
    public synchronized boolean getAutoCommit() throws SQLException {
        checkOpen();
        return autoCommit;
    }

    /**
     * The transaction statements run in: null in autocommit, else the open one, begun now if
     * none is.
     */
    synchronized FlockTransaction transaction() throws SQLException {
        checkOpen();
        if (autoCommit) {
            return null;
        }
        if (transaction == null) {
            try {
                transaction = client.beginTransaction();
            } catch (FlockException e) {
                throw SqlExceptions.of(e, false);
            } catch (RuntimeException e) {
                throw SqlExceptions.of(e);
            }
        }
        return transaction;
    }

    @Override
    public synchronized void commit() throws SQLException {
        checkOpen();
        if (autoCommit) {
            throw new SQLException("commit() is not allowed in autocommit mode: every statement commits itself", "25000");
        }
        end(true);
    }

    @Override
    public synchronized void rollback() throws SQLException {
        checkOpen();
        if (autoCommit) {
            throw new SQLException("rollback() is not allowed in autocommit mode: every statement commits itself", "25000");
        }
        end(false);
    }

    private void end(boolean commit) throws SQLException {
        FlockTransaction open = transaction;
        if (open == null) {
            return;
        }
        transaction = null;
        try {
            if (commit) {
                open.commit();
            } else {
                open.rollback();
            }
        } catch (FlockException e) {
            open.close();
            throw SqlExceptions.of(e, false);
        } catch (RuntimeException e) {
            open.close();
            throw SqlExceptions.of(e);
        }
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        throw SqlExceptions.unsupported("savepoints");
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        throw SqlExceptions.unsupported("savepoints");
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        throw SqlExceptions.unsupported("savepoints");
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        throw SqlExceptions.unsupported("savepoints");
    }

    /** Cancels the running queries of every statement, closes them and the client. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        for (FlockStatement statement : new ArrayList<>(statements)) {
            try {
                statement.cancel();
            } catch (SQLException | RuntimeException e) {
                // The query ended or the server is gone: closing goes on.
            }
            statement.close();
        }
        synchronized (this) {
            if (transaction != null) {
                transaction.close(); // rolls back what was not committed
                transaction = null;
            }
        }
        closed = true;
        statementCache.clear();
        synchronized (clientLock) {
            client.close();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        return new FlockDatabaseMetaData(this);
    }

    /** A hint only, kept for tools: the server's grants decide what may be written. */
    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        checkOpen();
        this.readOnly = readOnly;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        return readOnly;
    }

    /** Switches to another Flock database: reconnects with {@code database} set, after checking the user may use it. */
    @Override
    public void setCatalog(String database) throws SQLException {
        checkOpen();
        if (database == null || database.equals(catalog)) {
            return;
        }
        synchronized (this) {
            if (transaction != null) {
                throw new SQLException("Cannot switch to database '" + database + "' while a transaction is open on '"
                        + catalog + "': commit or roll it back first", "25001");
            }
        }
        synchronized (clientLock) {
            Map<String, String> changed = new LinkedHashMap<>(settings);
            changed.put(ClientProperty.DATABASE.key(), database);
            FlockClient next = connect(changed);
            try {
                if (!next.databases().contains(database)) {
                    throw new SQLException("Database '" + database + "' does not exist or is not granted to this user",
                            "3D000");
                }
            } catch (FlockException e) {
                next.close();
                throw SqlExceptions.of(e, false);
            } catch (SQLException e) {
                next.close();
                throw e;
            }
            FlockClient previous = client;
            client = next;
            catalog = database;
            statementCache.clear();
            previous.close();
        }
    }

    /** The Flock database of this connection; the server's default when none was set. */
    @Override
    public String getCatalog() throws SQLException {
        checkOpen();
        if (catalog == null) {
            try (QueryResult result = client.execute("SELECT current_database()")) {
                catalog = result.rows().next().getString(0);
            } catch (FlockException e) {
                throw SqlExceptions.of(e, false);
            }
        }
        return catalog;
    }

    /**
     * Accepts every level up to {@code TRANSACTION_REPEATABLE_READ}; transactions always run with
     * DuckDB's snapshot isolation, which is at least as strict.
     */
    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
        if (level == TRANSACTION_SERIALIZABLE) {
            throw SqlExceptions.unsupported("TRANSACTION_SERIALIZABLE (transactions use snapshot isolation,"
                    + " reported as TRANSACTION_REPEATABLE_READ)");
        }
        if (level != TRANSACTION_NONE && level != TRANSACTION_READ_UNCOMMITTED && level != TRANSACTION_READ_COMMITTED
                && level != TRANSACTION_REPEATABLE_READ) {
            throw new SQLException("Unknown transaction isolation level " + level, "22023");
        }
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        checkOpen();
        return TRANSACTION_REPEATABLE_READ;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() {
    }

    @Override
    public Map<String, Class<?>> getTypeMap() {
        return Map.of();
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        throw SqlExceptions.unsupported("type maps");
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        checkResultSetOptions(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, holdability);
    }

    @Override
    public int getHoldability() {
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public Clob createClob() throws SQLException {
        throw SqlExceptions.unsupported("Clob");
    }

    @Override
    public Blob createBlob() throws SQLException {
        throw SqlExceptions.unsupported("Blob");
    }

    @Override
    public NClob createNClob() throws SQLException {
        throw SqlExceptions.unsupported("NClob");
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        throw SqlExceptions.unsupported("SQLXML");
    }

    /**
     * Runs {@code SELECT 1} on the server, waiting at most {@code timeoutSeconds} (0: the
     * client's request timeout). False when the connection is closed or the server does not answer.
     */
    @Override
    public boolean isValid(int timeoutSeconds) throws SQLException {
        if (timeoutSeconds < 0) {
            throw new SQLException("The timeout must not be negative, but is " + timeoutSeconds, "22023");
        }
        if (closed) {
            return false;
        }
        FlockClient current = client;
        Future<Boolean> ping = DriverThreads.submit(() -> {
            try (QueryResult result = current.execute("SELECT 1")) {
                return result.rows().hasNext();
            }
        });
        try {
            return timeoutSeconds == 0 ? ping.get() : ping.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            ping.cancel(true);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ping.cancel(true);
            return false;
        }
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        throw new SQLClientInfoException("The Flock JDBC driver keeps no client info ('" + name + "')", Map.of());
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        if (properties != null && !properties.isEmpty()) {
            throw new SQLClientInfoException("The Flock JDBC driver keeps no client info", Map.of());
        }
    }

    @Override
    public String getClientInfo(String name) {
        return null;
    }

    @Override
    public Properties getClientInfo() {
        return new Properties();
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        throw SqlExceptions.unsupported("java.sql.Array (bind a List or text with a cast instead)");
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        throw SqlExceptions.unsupported("java.sql.Struct");
    }

    /** Accepts {@code main}, DuckDB's schema, or null; statements name other schemas themselves. */
    @Override
    public void setSchema(String schema) throws SQLException {
        checkOpen();
        if (schema != null && !schema.equals("main")) {
            throw SqlExceptions.unsupported("a current schema other than 'main' (qualify names as schema.table)");
        }
    }

    @Override
    public String getSchema() throws SQLException {
        checkOpen();
        return "main";
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) {
            throw new SQLException("abort needs an executor", "HY009");
        }
        executor.execute(this::close);
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        throw SqlExceptions.unsupported("network timeouts (set the property request-timeout instead)");
    }

    @Override
    public int getNetworkTimeout() {
        return 0;
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        if (type.isInstance(client)) {
            return type.cast(client());
        }
        throw new SQLException("A Flock connection is not a " + type.getName(), "HY000");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this) || type.isInstance(client);
    }

    void checkOpen() throws SQLException {
        if (closed) {
            throw SqlExceptions.closed("connection");
        }
    }
}
