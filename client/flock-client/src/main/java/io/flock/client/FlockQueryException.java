package io.flock.client;

import java.util.Optional;
import java.util.OptionalLong;

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

    /**
     * A statement failed on one row of a write, at {@code row} (0-based in the write, or in the
     * ingest batch) and {@code column} (see {@link FlockException#row()}).
     */
    public FlockQueryException(String message, String queryId, int errorCode, String errorName,
            FlockErrorType errorType, String sqlState, boolean retryable, OptionalLong row, Optional<String> column,
            Throwable cause) {
        super(message, queryId, errorCode, errorName, errorType, sqlState, retryable, row, column, cause);
    }
}
