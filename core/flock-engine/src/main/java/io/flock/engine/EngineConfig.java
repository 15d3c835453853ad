package io.flock.engine;

import static java.util.Objects.requireNonNull;

import io.flock.engine.duckdb.DuckDbSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the engine needs to start, already validated.
 *
 * @param dataDirectory where the catalog and database files live
 * @param duckDb how database instances are opened
 * @param maxRunningQueries queries executing at once
 * @param maxQueuedQueries queries waiting for a slot before new ones are refused
 * @param maxQueueWait how long a query may wait for a slot
 * @param queryTimeout how long a query may run, fetch included
 * @param unclaimedResultTimeout how long a result may wait for the client to fetch it
 * @param queryHistorySize finished queries kept for {@code flock.queries} and explain-analyze
 * @param defaultDatabase the database of sessions that name none
 * @param transactionIdleTimeout how long an open transaction may stay unused before it is rolled back
 * @param maxOpenTransactions open transactions allowed at once across the server
 */
public record EngineConfig(Path dataDirectory, DuckDbSettings duckDb, int maxRunningQueries, int maxQueuedQueries,
                           Duration maxQueueWait, Duration queryTimeout, Duration unclaimedResultTimeout,
                           int queryHistorySize, String defaultDatabase, Duration transactionIdleTimeout,
                           int maxOpenTransactions) {
    public EngineConfig {
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(duckDb, "duckDb is null");
        requireNonNull(maxQueueWait, "maxQueueWait is null");
        requireNonNull(queryTimeout, "queryTimeout is null");
        requireNonNull(unclaimedResultTimeout, "unclaimedResultTimeout is null");
        requireNonNull(defaultDatabase, "defaultDatabase is null");
        requireNonNull(transactionIdleTimeout, "transactionIdleTimeout is null");
    }
}
