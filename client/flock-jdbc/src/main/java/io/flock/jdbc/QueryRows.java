package io.flock.jdbc;

import static java.util.Objects.requireNonNull;

import io.flock.client.FlockException;
import io.flock.client.QueryResult;
import io.flock.client.RowCursor;
import java.sql.SQLException;

/**
 * The rows of a query, read through the SDK's {@link RowCursor}: straight from one Arrow batch at
 * a time, whatever the result size, converting only the values the caller reads. Closing it
 * before the end cancels the query on the server.
 */
final class QueryRows implements RowSource {
    private final QueryResult result;
    private final RowCursor cursor;
    private final FlockStatement statement;

    QueryRows(QueryResult result, FlockStatement statement) {
        this.result = requireNonNull(result, "result is null");
        this.cursor = result.cursor();
        this.statement = requireNonNull(statement, "statement is null");
    }

    @Override
    public boolean next() throws SQLException {
        try {
            if (!cursor.next()) {
                statement.queryFinished();
                return false;
            }
            return true;
        } catch (FlockException e) {
            statement.queryFinished();
            throw SqlExceptions.of(e, statement.timedOut());
        } catch (RuntimeException e) {
            statement.queryFinished();
            throw SqlExceptions.of(e);
        }
    }

    @Override
    public Object value(int column) {
        return cursor.get(column);
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
