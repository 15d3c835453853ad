package io.flock.client.ingest;

/** What one row of an ingest stream does. */
public enum RowOperation {
    /** A new row ({@link StreamMode#APPEND_ONLY} streams). */
    INSERT,
    /** Replaces the row with the same primary key, or adds it ({@link StreamMode#CDC} streams). */
    UPSERT,
    /**
     * Removes the row with this primary key; nothing happens when there is none
     * ({@link StreamMode#CDC} streams). Only the key columns need values.
     */
    DELETE_IGNORE
}
