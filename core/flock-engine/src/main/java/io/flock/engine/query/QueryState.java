package io.flock.engine.query;

/** Where a query is in its life. */
public enum QueryState {
    /** Waiting for an execution slot. */
    QUEUED,
    /** Being checked and prepared. */
    PLANNING,
    /** Executing or streaming results. */
    RUNNING,
    FINISHED,
    FAILED,
    CANCELLED;

    public boolean isDone() {
        return this == FINISHED || this == FAILED || this == CANCELLED;
    }
}
