package io.flock.client.ingest;

/** Why a batch of an ingest stream failed; {@link IngestOptions#retryStatuses()} picks which are retried. */
public enum IngestStatus {
    /** The server was full (RESOURCE_EXHAUSTED): retrying later succeeds. */
    THROTTLED,
    /** The server failed internally. */
    INTERNAL_ERROR,
    /** The connection was lost, the server restarted or went away, or another failure. */
    FAILED,
    /**
     * The batch was rejected as sent (PRECHECK_FAILED: a value does not fit its column, an unknown
     * column; or another user error such as a missing grant): the same rows fail again.
     */
    PRECHECK_FAILED
}
