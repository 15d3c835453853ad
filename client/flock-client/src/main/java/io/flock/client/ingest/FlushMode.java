package io.flock.client.ingest;

/** When an {@link IngestStream} sends its buffered rows to the server. */
public enum FlushMode {
    /**
     * Every {@link IngestStream#apply(IngestRow)} sends its row and returns once the server
     * acknowledged it: durable and visible. Slowest; one round trip per row.
     */
    AUTO_FLUSH_SYNC,
    /**
     * {@code apply} buffers and returns at once; a full buffer (rows or bytes), the flush interval
     * or {@link IngestStream#flush()} sends it in the background, with several batches in flight.
     * Failures are reported by {@link IngestStream#pendingErrors()} and the next {@code flush()}.
     * Fastest; the default.
     */
    AUTO_FLUSH_BACKGROUND,
    /**
     * Only {@link IngestStream#flush()} sends; {@code apply} on a full buffer throws
     * {@link IllegalStateException}.
     */
    MANUAL_FLUSH
}
