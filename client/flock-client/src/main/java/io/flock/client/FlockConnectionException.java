package io.flock.client;

/**
 * The server could not be reached or is shutting down (gRPC `UNAVAILABLE`), after the retries the {@link RetryPolicy} allows where the call is idempotent. Retrying later can succeed.
 *
 * <p>Immutable; safe to share between threads.
 */
public class FlockConnectionException extends FlockException {
    private static final long serialVersionUID = 1L;

    public FlockConnectionException(String message, String queryId, int errorCode, String errorName, FlockErrorType errorType,
            String sqlState, boolean retryable, Throwable cause) {
        super(message, queryId, errorCode, errorName, errorType, sqlState, retryable, cause);
    }
}
