package io.flock.engine.duckdb;

import io.flock.engine.worker.StreamProgress;
import io.flock.engine.worker.TableWrite;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBPreparedStatement;

/**
 * The exactly-once record of ingest streams: the hidden table {@value #TABLE} of each database
 * holds, per stream id, the last applied batch sequence and how many rows the stream has committed
 * in all. A write with a {@linkplain TableWrite#stream() stream position} advances both in the same
 * transaction as its rows, and only forwards: a batch at or below the recorded sequence fails the
 * whole transaction, so no batch is ever applied twice, whatever the caller believed. The row count
 * lets a client that restarted skip the rows of its source the stream already committed.
 * docs/ingest.md.
 *
 * <p>One per database instance. Its cost is paid by every batch of every stream, so it stays small:
 * the table's existence is checked once per schema change (not by every write), and a write advances its
 * stream's row with a prepared {@code UPDATE} by key that the connection keeps between runs; only
 * the first batch of a stream (or a batch applied already) takes a second statement. Before, an
 * {@code INSERT … ON CONFLICT} prepared per write and a {@code CREATE TABLE IF NOT EXISTS} per write
 * cost a single-row batch about 3.5 of its 6 ms in DuckDB (BENCHMARKS.md, "Single-row latency").
 */
final class DuckDbStreamPositions {
    /** The hidden table; {@code __flock_} names are not listed in metadata. */
    static final String TABLE = "__flock_stream_positions";
    private static final String ADVANCE = "UPDATE main." + TABLE + " SET last_sequence = ?, table_name = ?,"
            + " updated_at = now(), committed_rows = committed_rows + ? WHERE stream_id = ? AND last_sequence < ?";
    private static final String FIRST = "INSERT INTO main." + TABLE
            + " (stream_id, table_name, last_sequence, updated_at, committed_rows) VALUES (?, ?, ?, now(), ?)";
    private static final String READ = "SELECT last_sequence, coalesce(committed_rows, -1) FROM main." + TABLE
            + " WHERE stream_id = ?";

    private final DuckDbInstance instance;
    /**
     * The schema generation ({@link ShapeCache#generation()}) in which this instance last made sure
     * the table exists: a DDL statement (a user's {@code DROP} of the table too) moves the generation
     * on, and the next write checks again.
     */
    private volatile long checkedIn = -1;

    DuckDbStreamPositions(DuckDbInstance instance) {
        this.instance = instance;
    }

    /**
     * Creates the table if missing, unless that was checked since the last schema change (outside any
     * user transaction, so concurrent streams never race on it).
     */
    void ensureTable(DuckDBConnection connection) throws SQLException {
        long generation = instance.shapes().generation();
        if (generation == checkedIn) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS main." + TABLE + " (stream_id VARCHAR PRIMARY KEY,"
                    + " table_name VARCHAR NOT NULL, last_sequence BIGINT NOT NULL, updated_at TIMESTAMPTZ NOT NULL,"
                    + " committed_rows BIGINT)");
        }
        checkedIn = generation;
    }

    /**
     * Where {@code streamId} stands; {@link StreamProgress#NONE} for a stream that never applied a
     * batch. A record table of an earlier version gets its row count column here (NULL, unknown,
     * for the streams it holds) the first time the read misses it; stream openings come before
     * every write of a stream.
     */
    StreamProgress progress(DuckDBConnection connection, String streamId) throws SQLException {
        ensureTable(connection);
        try {
            return read(connection, streamId);
        } catch (SQLException e) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE main." + TABLE + " ADD COLUMN IF NOT EXISTS committed_rows BIGINT");
            } catch (SQLException alter) {
                e.addSuppressed(alter);
                throw e;
            }
            return read(connection, streamId);
        }
    }

    private StreamProgress read(DuckDBConnection connection, String streamId) throws SQLException {
        return run(connection, READ, statement -> {
            statement.setString(1, streamId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? new StreamProgress(rs.getLong(1), rs.getLong(2)) : StreamProgress.NONE;
            }
        });
    }

    /**
     * Records the write's stream position, and its {@code rows} rows of the stream, inside the
     * connection's open transaction.
     *
     * @throws FlockException TRANSACTION_CONFLICT when the stream already recorded this sequence
     *     or a later one, also by a writer that committed meanwhile (the caller must roll back)
     */
    void record(DuckDBConnection connection, TableWrite write, long rows) throws SQLException {
        if (write.stream().isEmpty()) {
            return;
        }
        TableWrite.StreamPosition position = write.stream().get();
        int advanced = run(connection, ADVANCE, statement -> {
            statement.setLong(1, position.sequence());
            statement.setString(2, write.toString());
            statement.setLong(3, rows);
            statement.setString(4, position.streamId());
            statement.setLong(5, position.sequence());
            return statement.executeUpdate();
        });
        if (advanced == 1) {
            return;
        }
        if (read(connection, position.streamId()) != StreamProgress.NONE) {
            throw new FlockException(ErrorCode.TRANSACTION_CONFLICT, "Batch " + position.sequence() + " of stream '"
                    + position.streamId() + "' was applied already; nothing was written into " + write);
        }
        try {
            run(connection, FIRST, statement -> {
                statement.setString(1, position.streamId());
                statement.setString(2, write.toString());
                statement.setLong(3, position.sequence());
                statement.setLong(4, rows);
                return statement.executeUpdate();
            });
        } catch (SQLException e) {
            if (DuckDbErrors.codeOf(e) == ErrorCode.CONSTRAINT_VIOLATION) {
                throw new FlockException(ErrorCode.TRANSACTION_CONFLICT, "Another writer recorded a first batch of"
                        + " stream '" + position.streamId() + "' meanwhile; nothing was written into " + write
                        + " (send the batch again)", e);
            }
            throw e;
        }
    }

    /** Runs {@code sql} with a statement the connection keeps between runs (a fresh one if it keeps none). */
    private <T> T run(DuckDBConnection connection, String sql, Binding<T> binding) throws SQLException {
        long generation = instance.shapes().generation();
        DuckDBPreparedStatement statement = instance.prepareStatement(connection, sql, generation);
        T result;
        try {
            result = binding.run(statement);
        } catch (SQLException | RuntimeException e) {
            StatementCache.close(statement);
            throw e;
        }
        instance.keepStatement(connection, sql, statement, generation);
        return result;
    }

    @FunctionalInterface
    private interface Binding<T> {
        T run(PreparedStatement statement) throws SQLException;
    }
}
