package io.flock.client.ingest;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A row whose batch failed in the background, as kept by the stream's error collector. Every row
 * of a failed batch is collected (one entry for a batch applied as a {@code VectorSchemaRoot});
 * when the server rejected the batch because of one row, {@link #failedRow()} names that row and
 * {@link #isFailedRow()} tells which entry it is.
 *
 * @param row the row as applied; empty for rows applied as a {@code VectorSchemaRoot}
 * @param rowIndex the row's index in its stream (0 = the first row ever applied to it; counted from the
 *     opening of this {@code IngestStream} when the server does not know the stream's committed rows)
 * @param sequence the sequence of the batch that carried it
 * @param status why it failed
 * @param message the server's (or client's) message, naming the batch, row and column when known
 * @param failedRow the index in the stream (as {@code rowIndex}) of the row the server rejected the
 *     batch for; empty when it named none ({@link FlockIngestException#failedRow()})
 * @param failedColumn the column at fault in {@code failedRow}, when the server named one
 */
public record RowError(Optional<IngestRow> row, long rowIndex, long sequence, IngestStatus status, String message,
                       OptionalLong failedRow, Optional<String> failedColumn) {
    public RowError {
        requireNonNull(row, "row is null");
        requireNonNull(status, "status is null");
        requireNonNull(message, "message is null");
        requireNonNull(failedRow, "failedRow is null");
        requireNonNull(failedColumn, "failedColumn is null");
    }

    /** A row of a batch that failed without the server naming a row. */
    public RowError(Optional<IngestRow> row, long rowIndex, long sequence, IngestStatus status, String message) {
        this(row, rowIndex, sequence, status, message, OptionalLong.empty(), Optional.empty());
    }

    /** Whether this is the row the server rejected its batch for ({@link #failedRow()}). */
    public boolean isFailedRow() {
        return failedRow.isPresent() && failedRow.getAsLong() == rowIndex;
    }
}
