package io.flock.jdbc;

import io.flock.client.FlockClient;
import io.flock.client.QueryStats;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Flock's additions to a JDBC {@link Connection}, reached with
 * {@code connection.unwrap(FlockConnection.class)} (also through a pool's proxy):
 *
 * <pre>{@code
 * statement.executeQuery("SELECT …").close();
 * FlockConnection flock = connection.unwrap(FlockConnection.class);
 * QueryStats stats = flock.explainAnalyze(flock.lastQueryId().orElseThrow());
 * }</pre>
 *
 * <p>Thread-safe.
 */
public interface FlockConnection extends Connection {
    /** The id of the last query any statement of this connection started, if any. */
    Optional<String> lastQueryId();

    /** Timings, counts and DuckDB's operator profile of a query of this user, running or finished. */
    QueryStats explainAnalyze(String queryId) throws SQLException;

    /**
     * The SDK client this connection runs on, to use SDK features (Arrow batches, typed rows)
     * next to JDBC. Owned by the connection: do not close it; it changes on {@link #setCatalog}.
     */
    FlockClient client() throws SQLException;
}
