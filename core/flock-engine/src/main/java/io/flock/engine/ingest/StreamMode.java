package io.flock.engine.ingest;

/** What the rows of an ingest stream do to its table. */
public enum StreamMode {
    /** Every row is inserted; the table must not have a primary key. */
    APPEND_ONLY,
    /**
     * Rows carry their operation ({@code UPSERT} or {@code DELETE}) in the column
     * {@value io.flock.engine.worker.TableWrite#OPERATION_COLUMN}; the table must have a primary key.
     */
    CDC
}
