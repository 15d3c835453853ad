package io.flock.engine.worker;

/**
 * Where an ingest stream stands in a database: what its writes recorded in the same transactions
 * as their rows.
 *
 * @param lastSequence the last batch sequence applied
 * @param committedRows the rows the stream has committed in all, in the order it sent them; -1 when
 *     unknown (the stream last wrote before Flock counted them)
 */
public record StreamProgress(long lastSequence, long committedRows) {
    /** The progress of a stream that never applied a batch. */
    public static final StreamProgress NONE = new StreamProgress(-1, 0);
}
