package io.flock.client;

/**
 * The server refused the call for lack of resources: all query slots and the queue are full (`TOO_MANY_QUERIES`) or memory ran out (`OUT_OF_MEMORY`). Retrying later can succeed.
 *
 * <p>Immutable; safe to share between threads.
 */
public class FlockThrottledException extends FlockException {
    private static final long serialVersionUID = 1L;

    public FlockThrottledException(String message, String queryId, int errorCode, String errorName, FlockErrorType errorType,
            String sqlState, boolean retryable, Throwable cause) {
        super(message, queryId, errorCode, errorName, errorType, sqlState, retryable, cause);
    }
}
