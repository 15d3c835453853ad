package io.flock.engine.query;

import io.flock.spi.QueryId;
import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of one query's progress and timings, for the system table {@code flock.queries}
 * and for explain-analyze.
 *
 * @param queuedMillis waiting for an execution slot
 * @param planningMillis checking, authorizing and preparing the statement
 * @param executionMillis from the start of execution until the first result batch was ready
 * @param fetchMillis from the first batch until the last batch was handed to the client
 * @param rows rows returned (queries) or changed (updates)
 * @param bytes Arrow bytes returned
 */
public record QueryStats(QueryId id, String user, String database, String sql, QueryState state, Instant createdAt,
                         Instant endedAt, long queuedMillis, long planningMillis, long executionMillis,
                         long fetchMillis, long rows, long bytes, String errorCode, String errorMessage,
                         String profileJson) {
    public Optional<Instant> ended() {
        return Optional.ofNullable(endedAt);
    }
}
