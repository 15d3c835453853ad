package io.flock.client;

/**
 * The credentials were missing, malformed, unknown or revoked (`AUTHENTICATION_FAILED`, SQLSTATE 28000).
 *
 * <p>Immutable; safe to share between threads.
 */
public class FlockAuthenticationException extends FlockException {
    private static final long serialVersionUID = 1L;

    public FlockAuthenticationException(String message, String queryId, int errorCode, String errorName, FlockErrorType errorType,
            String sqlState, boolean retryable, Throwable cause) {
        super(message, queryId, errorCode, errorName, errorType, sqlState, retryable, cause);
    }
}
