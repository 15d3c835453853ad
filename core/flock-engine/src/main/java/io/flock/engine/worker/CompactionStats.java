package io.flock.engine.worker;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * How far the background compaction of one primary-key table is behind its keyed writes, and how
 * its folds went since the server started ({@code flock.compactions}, docs/primary-key-tables.md).
 *
 * @param database the table's database
 * @param table the table, {@code schema.table}
 * @param pendingRows rows written into the table's delta and not yet folded into it
 * @param folds folds committed since the server started
 * @param foldedRows delta rows those folds folded
 * @param lastFoldMillis how long the last committed fold took; -1 before the first
 * @param lastFoldAt when the last committed fold ended; null before the first
 * @param failedFolds folds that failed (their rows stay pending and are retried)
 * @param lastError the message of the last failed fold, or null
 */
public record CompactionStats(String database, String table, long pendingRows, long folds, long foldedRows,
                              long lastFoldMillis, Instant lastFoldAt, long failedFolds, String lastError) {
    public CompactionStats {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
    }
}
