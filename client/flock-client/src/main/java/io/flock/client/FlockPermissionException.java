package io.flock.client;

/**
 * The user lacks a grant or the statement is refused (`PERMISSION_DENIED`, SQLSTATE 42501).
 *
 * <p>Immutable; safe to share between threads.
 */
public class FlockPermissionException extends FlockException {
    private static final long serialVersionUID = 1L;

    public FlockPermissionException(String message, String queryId, int errorCode, String errorName, FlockErrorType errorType,
            String sqlState, boolean retryable, Throwable cause) {
        super(message, queryId, errorCode, errorName, errorType, sqlState, retryable, cause);
    }
}
