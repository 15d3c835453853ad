package io.flock.engine.query;

import static java.util.Objects.requireNonNull;

import io.flock.spi.ErrorCode;
import io.flock.spi.QueryId;
import java.time.Instant;

/**
 * The live record of one query: state and timings, updated by the threads that plan, execute and
 * stream it. Thread-safe; {@link #stats()} gives a consistent snapshot.
 */
public final class QueryInfo {
    /** How long {@link #stats()} waits for the profile of a query that has just ended. */
    private static final long PROFILE_WAIT_MILLIS = 2_000;

    private final QueryId id;
    private final String user;
    private final String database;
    private final String sql;
    private final Instant createdAt = Instant.now();
    private final long createdNanos = System.nanoTime();

    private QueryState state = QueryState.QUEUED;
    private long admittedNanos;
    private long executionStartNanos;
    private long firstBatchNanos;
    private long endNanos;
    private Instant endedAt;
    private long rows;
    private long bytes;
    private ErrorCode errorCode;
    private String errorMessage;
    private String profileJson = "";
    private boolean profilePending;

    QueryInfo(QueryId id, String user, String database, String sql) {
        this.id = requireNonNull(id, "id is null");
        this.user = requireNonNull(user, "user is null");
        this.database = requireNonNull(database, "database is null");
        this.sql = requireNonNull(sql, "sql is null");
    }

    public QueryId id() {
        return id;
    }

    public String user() {
        return user;
    }

    public synchronized QueryState state() {
        return state;
    }

    synchronized void admitted() {
        admittedNanos = System.nanoTime();
        state = QueryState.PLANNING;
    }

    synchronized void executionStarted() {
        executionStartNanos = System.nanoTime();
        state = QueryState.RUNNING;
    }

    /** Records a batch handed to the client. */
    public synchronized void batchSent(long batchRows, long batchBytes) {
        if (firstBatchNanos == 0) {
            firstBatchNanos = System.nanoTime();
        }
        rows += batchRows;
        bytes += batchBytes;
    }

    synchronized void rowsChanged(long count) {
        if (firstBatchNanos == 0) {
            firstBatchNanos = System.nanoTime();
        }
        rows = count;
    }

    /** Ends the query; the first end wins, later calls are ignored. */
    synchronized boolean end(QueryState finalState, ErrorCode code, String message) {
        if (state.isDone()) {
            return false;
        }
        state = finalState;
        errorCode = code;
        errorMessage = message;
        endNanos = System.nanoTime();
        endedAt = Instant.now();
        return true;
    }

    /**
     * Ends the query like {@link #end}, with its profile to follow through {@link #profile}: until
     * then {@link #stats()} waits for it (at most {@link #PROFILE_WAIT_MILLIS}).
     */
    synchronized boolean endBeforeProfile(QueryState finalState, ErrorCode code, String message) {
        boolean first = end(finalState, code, message);
        profilePending = first;
        return first;
    }

    synchronized void profile(String json) {
        profileJson = json == null ? "" : json;
        profilePending = false;
        notifyAll();
    }

    /** A snapshot of the query; for an ended query, once its profile is recorded. */
    public synchronized QueryStats stats() {
        awaitProfile();
        long now = System.nanoTime();
        long end = endNanos == 0 ? now : endNanos;
        long admitted = admittedNanos == 0 ? end : admittedNanos;
        long executionStart = executionStartNanos == 0 ? (admittedNanos == 0 ? admitted : end) : executionStartNanos;
        long firstBatch = firstBatchNanos == 0 ? (executionStartNanos == 0 ? executionStart : end) : firstBatchNanos;
        return new QueryStats(id, user, database, sql, state, createdAt, endedAt,
                millis(admitted - createdNanos), millis(executionStart - admitted), millis(firstBatch - executionStart),
                millis(end - firstBatch), rows, bytes, errorCode == null ? null : errorCode.name(), errorMessage,
                profileJson);
    }

    private void awaitProfile() {
        long deadline = System.nanoTime() + PROFILE_WAIT_MILLIS * 1_000_000L;
        try {
            for (long left = PROFILE_WAIT_MILLIS; profilePending && left > 0;
                    left = (deadline - System.nanoTime()) / 1_000_000L) {
                wait(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // a snapshot without the profile, then
        }
    }

    private static long millis(long nanos) {
        return Math.max(0, nanos / 1_000_000);
    }
}
