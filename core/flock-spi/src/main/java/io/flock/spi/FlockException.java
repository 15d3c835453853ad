package io.flock.spi;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The one error type of the server: a stable {@link ErrorCode}, a message meant for the user and,
 * where a query was involved, its id; where one row of a write failed it, that row's
 * {@link RowLocation}. Transports map it to their own status (Flight, HTTP) without ever sending a
 * stack trace.
 */
public class FlockException extends RuntimeException {
    private final ErrorCode errorCode;
    private final QueryId queryId;
    private final RowLocation rowLocation;

    public FlockException(ErrorCode errorCode, String message) {
        this(errorCode, message, null, null, null);
    }

    public FlockException(ErrorCode errorCode, String message, Throwable cause) {
        this(errorCode, message, null, null, cause);
    }

    public FlockException(ErrorCode errorCode, String message, QueryId queryId, Throwable cause) {
        this(errorCode, message, queryId, null, cause);
    }

    /**
     * @param queryId the query the error happened in, or null
     * @param rowLocation the row of the write that failed it, or null
     */
    public FlockException(ErrorCode errorCode, String message, QueryId queryId, RowLocation rowLocation,
                          Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
        this.queryId = queryId;
        this.rowLocation = rowLocation;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public Optional<QueryId> queryId() {
        return Optional.ofNullable(queryId);
    }

    /** The row of the write (or ingest batch) that failed it, when the error is about one row. */
    public Optional<RowLocation> rowLocation() {
        return Optional.ofNullable(rowLocation);
    }

    /** The same error, now tied to the query it happened in. */
    public FlockException withQueryId(QueryId id) {
        if (queryId != null || id == null) {
            return this;
        }
        FlockException copy = new FlockException(errorCode, getMessage(), id, rowLocation, getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /** The same error, naming the row of the write that failed it. */
    public FlockException withRowLocation(RowLocation location) {
        requireNonNull(location, "location is null");
        if (location.equals(rowLocation)) {
            return this;
        }
        FlockException copy = new FlockException(errorCode, getMessage(), queryId, location, getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }
}
