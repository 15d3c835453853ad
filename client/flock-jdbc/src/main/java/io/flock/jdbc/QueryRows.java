package io.flock.jdbc;

import static java.util.Objects.requireNonNull;

import io.flock.client.FlockException;
import io.flock.client.QueryResult;
import io.flock.client.Row;
import java.sql.SQLException;
import java.util.Iterator;

/**
 * The rows of a query, streamed through the SDK's row iterator: one Arrow batch in memory at a
 * time, whatever the result size. Closing it before the end cancels the query on the server.
 */
final class QueryRows implements RowSource {
    private final QueryResult result;
    private final Iterator<Row> rows;
    private final FlockStatement statement;

    QueryRows(QueryResult result, FlockStatement statement) {
        this.result = requireNonNull(result, "result is null");
        this.rows = result.rows();
        this.statement = requireNonNull(statement, "statement is null");
    }

    @Override
    public Object[] next() throws SQLException {
        try {
            if (!rows.hasNext()) {
                statement.queryFinished();
                return null;
            }
            return rows.next().values().toArray();
        } catch (FlockException e) {
            statement.queryFinished();
            throw SqlExceptions.of(e, statement.timedOut());
        } catch (RuntimeException e) {
            statement.queryFinished();
            throw SqlExceptions.of(e);
        }
    }

    @Override
    public void close() {
        try {
            result.close();
        } catch (RuntimeException e) {
            // The query ended or the connection went away: nothing is left to free on the server.
        } finally {
            statement.queryFinished();
        }
    }
}
