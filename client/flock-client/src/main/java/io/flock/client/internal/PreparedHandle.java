package io.flock.client.internal;

import static java.util.Objects.requireNonNull;

import io.flock.client.FlockException;
import java.util.List;
import org.apache.arrow.flight.sql.FlightSqlClient.Transaction;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The server's prepared statement of one SQL text, run any number of times: when the server lost
 * it ({@code STATEMENT_NOT_FOUND}: a restart, or the idle timeout) it did not run it, so the
 * statement is prepared again and the run repeated once. Not thread-safe; callers serialize runs.
 */
public final class PreparedHandle implements AutoCloseable {
    private static final String STATEMENT_NOT_FOUND = "STATEMENT_NOT_FOUND";

    private final StatementRunner runner;
    private final String sql;
    private final Transaction transaction;
    private ServerPreparedStatement statement;

    /** @param transaction the transaction the statement runs in, or null for autocommit */
    PreparedHandle(StatementRunner runner, String sql, Transaction transaction) {
        this.runner = requireNonNull(runner, "runner is null");
        this.sql = requireNonNull(sql, "sql is null");
        this.transaction = transaction;
        this.statement = runner.open(sql, transaction);
    }

    /** The result schema announced when the statement was prepared (empty for an update). */
    public Schema resultSchema() {
        return statement.resultSchema();
    }

    /** The parameter schema announced when the statement was prepared. */
    public Schema parameterSchema() {
        return statement.parameterSchema();
    }

    /** Runs the statement once per parameter row, as {@link StatementRunner#execute} does. */
    public StatementRunner.Outcome run(List<List<Object>> rows, boolean updateOnly) {
        try {
            return runner.execute(sql, transaction, statement, rows, updateOnly);
        } catch (FlockException e) {
            if (!STATEMENT_NOT_FOUND.equals(e.errorName())) {
                throw e;
            }
            runner.close(statement);
            statement = runner.open(sql, transaction);
            return runner.execute(sql, transaction, statement, rows, updateOnly);
        }
    }

    /** Frees the server's handle (failures ignored: the server expires idle handles). */
    @Override
    public void close() {
        runner.close(statement);
    }
}
