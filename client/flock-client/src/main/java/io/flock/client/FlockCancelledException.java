package io.flock.client;

/**
 * The query was cancelled, by a user or because its client went away (`QUERY_CANCELLED`, SQLSTATE 57014).
 *
 * <p>Immutable; safe to share between threads.
 */
public class FlockCancelledException extends FlockException {
    private static final long serialVersionUID = 1L;

    public FlockCancelledException(String message, String queryId, int errorCode, String errorName, FlockErrorType errorType,
            String sqlState, boolean retryable, Throwable cause) {
        super(message, queryId, errorCode, errorName, errorType, sqlState, retryable, cause);
    }
}
