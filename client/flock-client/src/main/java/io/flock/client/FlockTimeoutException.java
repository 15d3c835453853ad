package io.flock.client;

/**
 * The query ran longer than the server's `query.timeout` (`QUERY_TIMEOUT`), or the call passed the client's request timeout.
 *
 * <p>Immutable; safe to share between threads.
 */
public class FlockTimeoutException extends FlockException {
    private static final long serialVersionUID = 1L;

    public FlockTimeoutException(String message, String queryId, int errorCode, String errorName, FlockErrorType errorType,
            String sqlState, boolean retryable, Throwable cause) {
        super(message, queryId, errorCode, errorName, errorType, sqlState, retryable, cause);
    }
}
