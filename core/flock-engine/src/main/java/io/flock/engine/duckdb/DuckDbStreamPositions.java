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

/**
 * The exactly-once record of ingest streams: the hidden table {@value #TABLE} of each database
 * holds, per stream id, the last applied batch sequence and how many rows the stream has committed
 * in all. A write with a {@linkplain TableWrite#stream() stream position} advances both in the same
 * transaction as its rows, and only forwards: a batch at or below the recorded sequence fails the
 * whole transaction, so no batch is ever applied twice, whatever the caller believed. The row count
 * lets a client that restarted skip the rows of its source the stream already committed.
 * docs/ingest.md.
 */
final class DuckDbStreamPositions {
    /** The hidden table; {@code __flock_} names are not listed in metadata. */
    static final String TABLE = "__flock_stream_positions";

    private DuckDbStreamPositions() {
    }

    /** Creates the table if missing (outside any user transaction, so concurrent streams never race on it). */
    static void ensureTable(DuckDBConnection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS main." + TABLE + " (stream_id VARCHAR PRIMARY KEY,"
                    + " table_name VARCHAR NOT NULL, last_sequence BIGINT NOT NULL, updated_at TIMESTAMPTZ NOT NULL,"
                    + " committed_rows BIGINT)");
        }
    }

    /**
     * Where {@code streamId} stands; {@link StreamProgress#NONE} for a stream that never applied a
     * batch. A record table of an earlier version gets its row count column here (NULL, unknown,
     * for the streams it holds) the first time the read misses it; stream openings come before
     * every write of a stream.
     */
    static StreamProgress progress(DuckDBConnection connection, String streamId) throws SQLException {
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

    private static StreamProgress read(DuckDBConnection connection, String streamId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT last_sequence, coalesce(committed_rows, -1) FROM main." + TABLE + " WHERE stream_id = ?")) {
            statement.setString(1, streamId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? new StreamProgress(rs.getLong(1), rs.getLong(2)) : StreamProgress.NONE;
            }
        }
    }

    /**
     * Records the write's stream position, and its {@code rows} rows of the stream, inside the
     * connection's open transaction.
     *
     * @throws FlockException TRANSACTION_CONFLICT when the stream already recorded this sequence
     *     or a later one (the caller must roll back)
     */
    static void record(DuckDBConnection connection, TableWrite write, long rows) throws SQLException {
        if (write.stream().isEmpty()) {
            return;
        }
        TableWrite.StreamPosition position = write.stream().get();
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO main." + TABLE
                + " (stream_id, table_name, last_sequence, updated_at, committed_rows) VALUES (?, ?, ?, now(), ?)"
                + " ON CONFLICT (stream_id) DO UPDATE SET last_sequence = excluded.last_sequence,"
                + " table_name = excluded.table_name, updated_at = excluded.updated_at,"
                + " committed_rows = " + TABLE + ".committed_rows + excluded.committed_rows"
                + " WHERE " + TABLE + ".last_sequence < excluded.last_sequence")) {
            statement.setString(1, position.streamId());
            statement.setString(2, write.toString());
            statement.setLong(3, position.sequence());
            statement.setLong(4, rows);
            if (statement.executeUpdate() == 0) {
                throw new FlockException(ErrorCode.TRANSACTION_CONFLICT, "Batch " + position.sequence()
                        + " of stream '" + position.streamId() + "' was applied already; nothing was written into "
                        + write);
            }
        }
    }
}
