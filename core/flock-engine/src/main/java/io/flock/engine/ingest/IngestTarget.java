package io.flock.engine.ingest;

import static java.util.Objects.requireNonNull;

import io.flock.engine.worker.TableInfo;
import io.flock.engine.worker.TableWrite;
import java.util.Map;

/**
 * An opened ingest stream's table as seen when it was opened: what its batches are checked
 * against and written into.
 *
 * @param database the Flock database
 * @param table the table with its columns and primary key
 * @param maxLengths the enforced {@code VARCHAR(n)} lengths by column name
 * @param mode the stream's mode
 * @param streamId the stream's id
 * @param opening the token of the stream's opening this target belongs to: a later opening (a
 *     client that resumed the stream) fences it, so a call of a client that died cannot apply a
 *     batch after its successor was told what the stream had committed
 */
public record IngestTarget(String database, TableInfo table, Map<String, Integer> maxLengths, StreamMode mode,
                           String streamId, long opening) {
    public IngestTarget {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        maxLengths = Map.copyOf(maxLengths);
        requireNonNull(mode, "mode is null");
        requireNonNull(streamId, "streamId is null");
    }

    /** The write of one batch of this stream. */
    TableWrite write(long sequence) {
        TableWrite write = mode == StreamMode.CDC
                ? TableWrite.changesInto(table.schema(), table.name())
                : TableWrite.into(table.schema(), table.name());
        return write.withStream(streamId, sequence);
    }

    /** {@code database.schema.table} for messages. */
    String tableName() {
        return database + "." + table.schema() + "." + table.name();
    }
}
