package io.flock.client;

/**
 * A statement failed: bad SQL, a missing table, a constraint, a data error. The default kind of server-reported error.
 *
 * <p>Immutable; safe to share between threads.
 */
public class FlockQueryException extends FlockException {
    private static final long serialVersionUID = 1L;

    public FlockQueryException(String message, String queryId, int errorCode, String errorName, FlockErrorType errorType,
            String sqlState, boolean retryable, Throwable cause) {
        super(message, queryId, errorCode, errorName, errorType, sqlState, retryable, cause);
    }
}
