package io.flock.spi;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The one error type of the server: a stable {@link ErrorCode}, a message meant for the user and,
 * where a query was involved, its id. Transports map it to their own status (Flight, HTTP) without
 * ever sending a stack trace.
 */
public class FlockException extends RuntimeException {
    private final ErrorCode errorCode;
    private final QueryId queryId;

    public FlockException(ErrorCode errorCode, String message) {
        this(errorCode, message, null, null);
    }

    public FlockException(ErrorCode errorCode, String message, Throwable cause) {
        this(errorCode, message, null, cause);
    }

    public FlockException(ErrorCode errorCode, String message, QueryId queryId, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
        this.queryId = queryId;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public Optional<QueryId> queryId() {
        return Optional.ofNullable(queryId);
    }

    /** The same error, now tied to the query it happened in. */
    public FlockException withQueryId(QueryId id) {
        if (queryId != null || id == null) {
            return this;
        }
        FlockException copy = new FlockException(errorCode, getMessage(), id, getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }
}
