package io.flock.client;

import static java.util.Objects.requireNonNull;

import io.flock.client.internal.StatementRunner;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.arrow.flight.sql.FlightSqlClient.Transaction;

/**
 * A transaction on the client's database, from {@link FlockClient#beginTransaction()}. Its
 * statements see their own uncommitted changes; other clients see them after {@link #commit()}.
 * Statements of one transaction run one after another on the server: read a query's result (or
 * close it) before the next statement. Nothing of a transaction is retried.
 *
 * <p>{@link #close()} rolls back a transaction that was neither committed nor rolled back. Not
 * thread-safe.
 */
public final class FlockTransaction implements AutoCloseable {
    private final StatementRunner runner;
    private final Function<StatementRunner.Outcome, QueryResult> results;
    private final Transaction transaction;
    private boolean ended;

    FlockTransaction(StatementRunner runner, Function<StatementRunner.Outcome, QueryResult> results) {
        this.runner = requireNonNull(runner, "runner is null");
        this.results = requireNonNull(results, "results is null");
        this.transaction = runner.begin();
    }

    /** Runs a statement in the transaction, like {@link FlockClient#execute(String, Object...)}. Close the result. */
    public QueryResult execute(String sql, Object... parameters) {
        return results.apply(run(sql, parameters, false));
    }

    /** Runs a statement that returns no rows in the transaction; the number of rows it changed. */
    public long executeUpdate(String sql, Object... parameters) {
        return run(sql, parameters, true).updateCount();
    }

    /** Prepares {@code sql} to run many times in this transaction (its batches apply row by row inside it). */
    public PreparedQuery prepareStatement(String sql) {
        checkOpen();
        return new PreparedQuery(requireNonNull(sql, "sql is null"), runner, transaction, results);
    }

    private StatementRunner.Outcome run(String sql, Object[] parameters, boolean updateOnly) {
        requireNonNull(sql, "sql is null");
        checkOpen();
        List<Object> values = parameters == null ? List.of() : Arrays.asList(parameters);
        return runner.run(sql, values, updateOnly, transaction);
    }

    /**
     * Makes the transaction's changes durable and visible to others.
     *
     * @throws FlockException with {@code TRANSACTION_CONFLICT} if a statement of it still streams
     *     (the transaction stays open), or if the commit failed (the transaction is rolled back)
     */
    public void commit() {
        checkOpen();
        runner.commit(transaction);
        ended = true;
    }

    /** Discards the transaction's changes. */
    public void rollback() {
        checkOpen();
        ended = true;
        runner.rollback(transaction);
    }

    /** Whether the transaction was committed or rolled back. */
    public boolean isEnded() {
        return ended;
    }

    private void checkOpen() {
        if (ended) {
            throw new IllegalStateException("The transaction has already ended");
        }
    }

    /** Rolls back, unless the transaction ended already; a failure to reach the server is ignored (it expires idle transactions). */
    @Override
    public void close() {
        if (!ended) {
            ended = true;
            try {
                runner.rollback(transaction);
            } catch (FlockException e) {
                // The server rolls back transactions whose client went away (transaction.idle-timeout).
            }
        }
    }
}
