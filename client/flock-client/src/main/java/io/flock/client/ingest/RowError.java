package io.flock.client.ingest;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A row whose batch failed in the background, as kept by the stream's error collector.
 *
 * @param row the row as applied; empty for rows applied as a {@code VectorSchemaRoot}
 * @param rowIndex the row's index in its stream (0 = the first row ever applied to it; counted from the
 *     opening of this {@code IngestStream} when the server does not know the stream's committed rows)
 * @param sequence the sequence of the batch that carried it
 * @param status why it failed
 * @param message the server's (or client's) message, naming the batch, row and column when known
 */
public record RowError(Optional<IngestRow> row, long rowIndex, long sequence, IngestStatus status, String message) {
    public RowError {
        requireNonNull(row, "row is null");
        requireNonNull(status, "status is null");
        requireNonNull(message, "message is null");
    }
}
