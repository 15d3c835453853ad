package io.flock.client;

/** The state of a query on the server, as in {@code flock.queries}. */
public enum QueryState {
    /** Waiting for a query slot. */
    QUEUED,
    /** Being checked and prepared. */
    PLANNING,
    /** Executing or streaming its result. */
    RUNNING,
    /** Done; every row was handed to the client. */
    FINISHED,
    /** Ended with an error. */
    FAILED,
    /** Cancelled by a user, or because its client went away. */
    CANCELLED
}
