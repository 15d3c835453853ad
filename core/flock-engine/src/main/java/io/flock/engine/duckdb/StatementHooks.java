package io.flock.engine.duckdb;

import java.sql.SQLException;
import org.duckdb.DuckDBConnection;

/**
 * Work done on a statement's connection right before and right after the statement runs, in the
 * statement's transaction: opening and committing a transaction of its own, taking a table's write
 * guard, checking keys ({@link IndexFreeStatement}).
 */
interface StatementHooks {
    /** Nothing before or after. */
    StatementHooks NONE = new StatementHooks() {
        @Override
        public void before(DuckDBConnection connection) {
        }

        @Override
        public void after(DuckDBConnection connection) {
        }

        @Override
        public void failed(DuckDBConnection connection) {
        }
    };

    /** Runs before the statement; a failure fails the statement (and {@link #failed} runs). */
    void before(DuckDBConnection connection) throws SQLException;

    /** Runs after the statement succeeded; a failure fails the statement (and {@link #failed} runs). */
    void after(DuckDBConnection connection) throws SQLException;

    /** Runs once when the statement, {@link #before} or {@link #after} failed; must not throw. */
    void failed(DuckDBConnection connection);
}
