package io.flock.engine.duckdb;

import static java.util.Objects.requireNonNull;

import io.flock.spi.DataSize;

/**
 * How each database's DuckDB instance is opened.
 *
 * @param memoryLimit DuckDB's {@code memory_limit} for the instance; queries that need more spill
 *     to disk or fail with OUT_OF_MEMORY
 * @param threads DuckDB worker threads per instance
 * @param connections pooled connections per instance, i.e. statements that can run at once on it
 * @param batchRows rows per Arrow record batch streamed to clients
 */
public record DuckDbSettings(DataSize memoryLimit, int threads, int connections, int batchRows) {
    public DuckDbSettings {
        requireNonNull(memoryLimit, "memoryLimit is null");
        if (threads < 1 || connections < 1 || batchRows < 1) {
            throw new IllegalArgumentException("threads, connections and batchRows must be positive");
        }
    }
}
