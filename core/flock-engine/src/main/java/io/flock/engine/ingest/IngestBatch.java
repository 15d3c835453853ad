package io.flock.engine.ingest;

import static java.util.Objects.requireNonNull;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One batch of an ingest stream as received: its sequence, the index of its first row in the
 * stream and its rows. The caller owns {@code rows} and closes it after the batch was applied.
 *
 * @param sequence the batch's sequence
 * @param firstRow the index of its first row in the stream, for messages; -1 if unknown
 * @param rows the batch's rows
 */
public record IngestBatch(long sequence, long firstRow, VectorSchemaRoot rows) {
    public IngestBatch {
        requireNonNull(rows, "rows is null");
    }
}
