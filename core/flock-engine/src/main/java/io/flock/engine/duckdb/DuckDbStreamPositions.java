package io.flock.engine.duckdb;

import io.flock.engine.worker.TableWrite;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;
import org.duckdb.DuckDBConnection;

/**
 * The exactly-once record of ingest streams: the hidden table {@value #TABLE} of each database
 * holds the last applied batch sequence per stream id. A write with a
 * {@linkplain TableWrite#stream() stream position} advances it in the same transaction as its
 * rows, and only forwards: a batch at or below the recorded sequence fails the whole transaction,
 * so no batch is ever applied twice, whatever the caller believed. docs/ingest.md.
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
                    + " table_name VARCHAR NOT NULL, last_sequence BIGINT NOT NULL, updated_at TIMESTAMPTZ NOT NULL)");
        }
    }

    /** The last sequence applied for {@code streamId}; empty for a stream that never applied a batch. */
    static OptionalLong lastSequence(DuckDBConnection connection, String streamId) throws SQLException {
        ensureTable(connection);
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT last_sequence FROM main." + TABLE + " WHERE stream_id = ?")) {
            statement.setString(1, streamId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /**
     * Records the write's stream position inside the connection's open transaction.
     *
     * @throws FlockException TRANSACTION_CONFLICT when the stream already recorded this sequence
     *     or a later one (the caller must roll back)
     */
    static void record(DuckDBConnection connection, TableWrite write) throws SQLException {
        if (write.stream().isEmpty()) {
            return;
        }
        TableWrite.StreamPosition position = write.stream().get();
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO main." + TABLE
                + " VALUES (?, ?, ?, now()) ON CONFLICT (stream_id) DO UPDATE SET last_sequence = excluded.last_sequence,"
                + " table_name = excluded.table_name, updated_at = excluded.updated_at"
                + " WHERE " + TABLE + ".last_sequence < excluded.last_sequence")) {
            statement.setString(1, position.streamId());
            statement.setString(2, write.toString());
            statement.setLong(3, position.sequence());
            if (statement.executeUpdate() == 0) {
                throw new FlockException(ErrorCode.TRANSACTION_CONFLICT, "Batch " + position.sequence()
                        + " of stream '" + position.streamId() + "' was applied already; nothing was written into "
                        + write);
            }
        }
    }
}
