package io.flock.client;

import static java.util.Objects.requireNonNull;

import io.flock.client.internal.PreparedHandle;
import io.flock.client.internal.StatementRunner;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.arrow.flight.sql.FlightSqlClient.Transaction;

/**
 * A statement prepared once on the server and run many times with different parameters, from
 * {@link FlockClient#prepareStatement(String)}: each run sends only the parameters and starts the
 * execution (no new planning round trip), so repeated short queries cost fewer calls than
 * {@link FlockClient#execute(String, Object...)}.
 *
 * <p>If the server lost the statement (it restarted, or the statement sat idle longer than the
 * server's {@code prepared-statement.idle-timeout}), the statement is prepared again and the run
 * repeated once: the server had not run it. {@link #executeBatch(List)} applies all rows or none.
 *
 * <p>Thread-safe: runs of one prepared query are serialized. Close it to free the server's handle
 * (results already returned stay readable).
 */
public final class PreparedQuery implements AutoCloseable {
    private final String sql;
    private final Function<StatementRunner.Outcome, QueryResult> results;
    private final PreparedHandle handle;
    private final StatementDescription description;
    private boolean closed;

    /** @param transaction the transaction the statement runs in, or null for autocommit */
    PreparedQuery(String sql, StatementRunner runner, Transaction transaction,
                  Function<StatementRunner.Outcome, QueryResult> results) {
        this.sql = requireNonNull(sql, "sql is null");
        this.results = requireNonNull(results, "results is null");
        this.handle = runner.prepare(sql, transaction);
        this.description = new StatementDescription(sql, StatementRunner.columns(handle.resultSchema()),
                StatementRunner.columns(handle.parameterSchema()));
    }

    /** The SQL text. */
    public String sql() {
        return sql;
    }

    /** The result columns and parameter types, known since the statement was prepared. */
    public StatementDescription description() {
        return description;
    }

    /**
     * Runs the statement with {@code parameters} bound to its {@code ?} placeholders in order, like
     * {@link FlockClient#execute(String, Object...)}. Close the result.
     *
     * @throws FlockException if the statement fails to start or, for an update, fails
     * @throws IllegalArgumentException if the number of parameters differs or a value does not fit
     */
    public QueryResult execute(Object... parameters) {
        List<Object> row = parameters == null ? List.of() : Arrays.asList(parameters);
        return results.apply(run(List.of(row), false));
    }

    /**
     * Runs a statement that returns no rows and returns the number of rows it changed. Never
     * retried, except when the server had lost the statement before running it.
     */
    public long executeUpdate(Object... parameters) {
        List<Object> row = parameters == null ? List.of() : Arrays.asList(parameters);
        return run(List.of(row), true).updateCount();
    }

    /**
     * Runs an update once per parameter row, all rows in one server transaction: either every row
     * is applied or none. Returns the total number of rows changed.
     *
     * @throws IllegalArgumentException if the statement returns rows or a row does not fit
     */
    public long executeBatch(List<List<Object>> parameterRows) {
        requireNonNull(parameterRows, "parameterRows is null");
        if (parameterRows.isEmpty()) {
            return 0;
        }
        return run(List.copyOf(parameterRows), true).updateCount();
    }

    private synchronized StatementRunner.Outcome run(List<List<Object>> rows, boolean updateOnly) {
        if (closed) {
            throw new IllegalStateException("The prepared query is closed: " + sql);
        }
        return handle.run(rows, updateOnly);
    }

    /** Frees the server's handle. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            handle.close();
        }
    }
}
