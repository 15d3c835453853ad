package io.flock.jdbc;

import static java.util.Objects.requireNonNull;

import io.flock.client.FlockClient;
import io.flock.client.FlockException;
import io.flock.client.FlockTransaction;
import io.flock.client.QueryResult;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A JDBC statement of Flock. Each statement runs in autocommit. A query's rows stream through the
 * SDK's row iterator while the {@link ResultSet} is read. {@link #setQueryTimeout(int)} is
 * enforced by the client: when it passes, the query is cancelled on the server and reading fails
 * with {@link java.sql.SQLTimeoutException} (updates are bounded by the server's
 * {@code query.timeout} instead). {@link #cancel()} cancels the running query by its id and may be
 * called from any thread.
 *
 * <p>Not thread-safe, except {@link #cancel()}.
 */
public class FlockStatement implements Statement {
    final FlockJdbcConnection connection;
    private FlockResultSet resultSet;
    private long updateCount = -1;
    private volatile String runningQueryId;
    private volatile boolean cancelRequested;
    private volatile boolean timedOut;
    private volatile ScheduledFuture<?> timer;
    private int queryTimeoutSeconds;
    private long maxRows;
    private int fetchSize;
    private final List<String> batch = new ArrayList<>();
    private volatile boolean closed;
    private boolean closeOnCompletion;

    FlockStatement(FlockJdbcConnection connection) {
        this.connection = requireNonNull(connection, "connection is null");
    }

    /** Runs {@code sql} with {@code parameters}; true when it returned rows. */
    final boolean run(String sql, Object[] parameters) throws SQLException {
        return run(starter(sql, parameters));
    }

    /** Starts {@code sql} in the connection's open transaction, or on its own in autocommit. */
    final Function<FlockClient, QueryResult> starter(String sql, Object[] parameters) throws SQLException {
        FlockTransaction transaction = connection.transaction();
        return client -> transaction == null ? client.execute(sql, parameters) : transaction.execute(sql, parameters);
    }

    /** Starts a statement with {@code starter} (timeout, cancel and the result set apply); true when it returned rows. */
    final boolean run(Function<FlockClient, QueryResult> starter) throws SQLException {
        checkOpen();
        closeResult();
        updateCount = -1;
        cancelRequested = false;
        timedOut = false;
        FlockClient client = connection.client();
        if (queryTimeoutSeconds > 0) {
            timer = DriverThreads.schedule(this::timeoutPassed, queryTimeoutSeconds, TimeUnit.SECONDS);
        }
        QueryResult result;
        try {
            result = starter.apply(client);
        } catch (FlockException e) {
            queryFinished();
            throw SqlExceptions.of(e, timedOut);
        } catch (RuntimeException e) {
            queryFinished();
            throw SqlExceptions.of(e);
        }
        if (!result.returnsRows()) {
            queryFinished();
            updateCount = result.updateCount().orElse(0);
            result.close();
            return false;
        }
        String queryId = result.queryId().orElse(null);
        runningQueryId = queryId;
        connection.queryStarted(queryId);
        resultSet = new FlockResultSet(this, result.columns(), new QueryRows(result, this), maxRows);
        resultSet.setFetchSize(fetchSize);
        if (cancelRequested) {
            cancel();
        }
        return true;
    }

    private void timeoutPassed() {
        timedOut = true;
        try {
            cancel();
        } catch (SQLException e) {
            // The query ended meanwhile.
        }
    }

    /** The query of this statement ended (read to its end, failed or closed): stop its timer. */
    final void queryFinished() {
        ScheduledFuture<?> running = timer;
        if (running != null) {
            running.cancel(false);
            timer = null;
        }
        runningQueryId = null;
    }

    /** Whether the last query was cancelled because the query timeout passed. */
    final boolean timedOut() {
        return timedOut;
    }

    /** Cancels the running query on the server; a query still being planned is cancelled once it has an id. */
    @Override
    public void cancel() throws SQLException {
        cancelRequested = true;
        String queryId = runningQueryId;
        if (queryId == null || closed) {
            return;
        }
        try {
            connection.client().cancel(queryId);
        } catch (FlockException e) {
            // QUERY_NOT_FOUND: the query ended before the cancel arrived.
        }
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        if (!run(sql, new Object[0])) {
            throw new SQLException("The statement returned no result set; use executeUpdate or execute: " + sql,
                    "07000");
        }
        return resultSet;
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return Math.toIntExact(executeLargeUpdate(sql));
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        return update(sql, new Object[0]);
    }

    final long update(String sql, Object[] parameters) throws SQLException {
        return update(sql, starter(sql, parameters));
    }

    /** Runs a statement started by {@code starter} that must not return rows; its update count. */
    final long update(String sql, Function<FlockClient, QueryResult> starter) throws SQLException {
        if (run(starter)) {
            closeResult();
            throw new SQLException("The statement returned a result set; use executeQuery or execute: " + sql,
                    "07000");
        }
        return updateCount;
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        return run(sql, new Object[0]);
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        return resultSet;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        return (int) Math.min(getLargeUpdateCount(), Integer.MAX_VALUE);
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        checkOpen();
        return updateCount;
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return getMoreResults(CLOSE_CURRENT_RESULT);
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        checkOpen();
        if (current != KEEP_CURRENT_RESULT) {
            closeResult();
        }
        resultSet = null;
        updateCount = -1;
        return false;
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen();
        batch.add(requireNonNull(sql, "sql is null"));
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    /** Runs the batched statements one by one, each in autocommit; stops at the first failure. */
    @Override
    public int[] executeBatch() throws SQLException {
        checkOpen();
        List<String> statements = List.copyOf(batch);
        batch.clear();
        long[] counts = new long[statements.size()];
        for (int i = 0; i < counts.length; i++) {
            try {
                counts[i] = update(statements.get(i), new Object[0]);
            } catch (SQLException e) {
                throw batchFailure(e, counts, i);
            }
        }
        return toInts(counts);
    }

    static BatchUpdateException batchFailure(SQLException cause, long[] counts, int failed) {
        int[] done = toInts(java.util.Arrays.copyOf(counts, failed));
        return new BatchUpdateException("Batch entry " + failed + " failed: " + cause.getMessage(),
                cause.getSQLState(), cause.getErrorCode(), done, cause);
    }

    static int[] toInts(long[] counts) {
        int[] ints = new int[counts.length];
        for (int i = 0; i < counts.length; i++) {
            ints[i] = (int) Math.min(counts[i], Integer.MAX_VALUE);
        }
        return ints;
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen();
        if (seconds < 0) {
            throw new SQLException("The query timeout must not be negative, but is " + seconds, "22023");
        }
        queryTimeoutSeconds = seconds;
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        checkOpen();
        return queryTimeoutSeconds;
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        setLargeMaxRows(max);
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw new SQLException("The maximum row count must not be negative, but is " + max, "22023");
        }
        maxRows = max;
    }

    @Override
    public int getMaxRows() throws SQLException {
        return (int) Math.min(getLargeMaxRows(), Integer.MAX_VALUE);
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        checkOpen();
        return maxRows;
    }

    /** A hint only: rows always stream batch by batch through the SDK's iterator. */
    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw new SQLException("The fetch size must not be negative, but is " + rows, "22023");
        }
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        if (direction != ResultSet.FETCH_FORWARD) {
            throw SqlExceptions.unsupported("fetch directions other than FETCH_FORWARD");
        }
    }

    @Override
    public int getFetchDirection() {
        return ResultSet.FETCH_FORWARD;
    }

    @Override
    public int getMaxFieldSize() {
        return 0;
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        if (max != 0) {
            throw SqlExceptions.unsupported("a maximum field size");
        }
    }

    @Override
    public void setEscapeProcessing(boolean enable) {
        // Flock's SQL has no JDBC escapes to process; nothing to switch.
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
    public void setCursorName(String name) throws SQLException {
        throw SqlExceptions.unsupported("named cursors");
    }

    @Override
    public int getResultSetConcurrency() {
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getResultSetType() {
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getResultSetHoldability() {
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return connection;
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        throw SqlExceptions.unsupported("generated keys (use INSERT … RETURNING)");
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        noGeneratedKeys(autoGeneratedKeys);
        return executeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        throw SqlExceptions.unsupported("generated keys (use INSERT … RETURNING)");
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        throw SqlExceptions.unsupported("generated keys (use INSERT … RETURNING)");
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        noGeneratedKeys(autoGeneratedKeys);
        return execute(sql);
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        throw SqlExceptions.unsupported("generated keys (use INSERT … RETURNING)");
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        throw SqlExceptions.unsupported("generated keys (use INSERT … RETURNING)");
    }

    private static void noGeneratedKeys(int autoGeneratedKeys) throws SQLException {
        if (autoGeneratedKeys != NO_GENERATED_KEYS) {
            throw SqlExceptions.unsupported("generated keys (use INSERT … RETURNING)");
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void setPoolable(boolean poolable) {
    }

    @Override
    public boolean isPoolable() {
        return false;
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        checkOpen();
        closeOnCompletion = true;
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        checkOpen();
        return closeOnCompletion;
    }

    /** Closes the open result (cancelling its query if not read to the end). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closeResult();
        closed = true;
        connection.statementClosed(this);
    }

    private void closeResult() {
        if (resultSet != null) {
            resultSet.close();
            resultSet = null;
        }
        queryFinished();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return Wrappers.unwrap(this, type, "A Flock statement");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    final void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("The statement is closed", "HY010");
        }
        connection.checkOpen();
    }
}
