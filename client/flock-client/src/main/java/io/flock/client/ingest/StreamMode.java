package io.flock.client.ingest;

/** What an ingest stream does to its table. */
public enum StreamMode {
    /** Rows are inserted ({@link RowOperation#INSERT} only); the table must have no primary key. */
    APPEND_ONLY,
    /**
     * Rows upsert or delete by primary key ({@link RowOperation#UPSERT},
     * {@link RowOperation#DELETE_IGNORE}); the table must have a primary key.
     */
    CDC
}
