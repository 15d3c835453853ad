package io.flock.engine.duckdb;

import static java.util.Objects.requireNonNull;

import io.flock.spi.DataSize;
import java.time.Duration;

/**
 * How each database's DuckDB instance is opened.
 *
 * @param memoryLimit DuckDB's {@code memory_limit} for the instance; queries that need more spill
 *     to disk or fail with OUT_OF_MEMORY
 * @param threads DuckDB worker threads per instance
 * @param connections pooled connections per instance, i.e. statements that can run at once on it
 * @param batchRows rows per Arrow record batch streamed to clients
 * @param checkpointThreshold DuckDB's {@code checkpoint_threshold}: the write-ahead log size at which
 *     a commit checkpoints the database (docs/primary-key-tables.md)
 * @param compactionInterval how often the deltas of primary-key tables are folded into them in the
 *     background (docs/primary-key-tables.md)
 * @param compactionRows the pending delta rows of a database at which the background compaction
 *     folds them at once, without waiting for the interval; also the most delta rows one fold
 *     transaction takes (a larger backlog is folded in parts, oldest first)
 * @param maxPendingRows the most delta rows a database holds unfolded: a keyed write that finds
 *     this many pending folds them before it writes, so writers cannot run ahead of the folds
 */
public record DuckDbSettings(DataSize memoryLimit, int threads, int connections, int batchRows,
                             DataSize checkpointThreshold, Duration compactionInterval, long compactionRows,
                             long maxPendingRows) {
    /** The default {@link #checkpointThreshold}. */
    public static final DataSize DEFAULT_CHECKPOINT_THRESHOLD = DataSize.ofMegabytes(256);
    /** The default {@link #compactionInterval}. */
    public static final Duration DEFAULT_COMPACTION_INTERVAL = Duration.ofSeconds(1);
    /** The default {@link #compactionRows}. */
    public static final long DEFAULT_COMPACTION_ROWS = 500_000;
    /** The default {@link #maxPendingRows}. */
    public static final long DEFAULT_MAX_PENDING_ROWS = 2_000_000;

    public DuckDbSettings {
        requireNonNull(memoryLimit, "memoryLimit is null");
        requireNonNull(checkpointThreshold, "checkpointThreshold is null");
        requireNonNull(compactionInterval, "compactionInterval is null");
        if (threads < 1 || connections < 1 || batchRows < 1) {
            throw new IllegalArgumentException("threads, connections and batchRows must be positive");
        }
        if (compactionInterval.isNegative() || compactionInterval.isZero()) {
            throw new IllegalArgumentException("compactionInterval must be positive");
        }
        if (compactionRows < 1 || maxPendingRows < 1) {
            throw new IllegalArgumentException("compactionRows and maxPendingRows must be positive");
        }
    }

    /** Settings with the default {@link #maxPendingRows}. */
    public DuckDbSettings(DataSize memoryLimit, int threads, int connections, int batchRows,
                          DataSize checkpointThreshold, Duration compactionInterval, long compactionRows) {
        this(memoryLimit, threads, connections, batchRows, checkpointThreshold, compactionInterval, compactionRows,
                DEFAULT_MAX_PENDING_ROWS);
    }

    /** Settings with the default {@link #compactionRows}. */
    public DuckDbSettings(DataSize memoryLimit, int threads, int connections, int batchRows,
                          DataSize checkpointThreshold, Duration compactionInterval) {
        this(memoryLimit, threads, connections, batchRows, checkpointThreshold, compactionInterval,
                DEFAULT_COMPACTION_ROWS);
    }

    /** Settings with the default checkpoint threshold and compaction. */
    public DuckDbSettings(DataSize memoryLimit, int threads, int connections, int batchRows) {
        this(memoryLimit, threads, connections, batchRows, DEFAULT_CHECKPOINT_THRESHOLD, DEFAULT_COMPACTION_INTERVAL);
    }
}
