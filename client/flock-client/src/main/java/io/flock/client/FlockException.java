package io.flock.client;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * An error reported by the Flock server or raised by the client on its behalf. It carries the
 * server's stable error {@link #errorCode() code} and {@link #errorName() name}, the
 * {@link #errorType() type}, the {@link #sqlState() SQLSTATE} and, for query errors, the
 * {@link #queryId() query id}; the message is the server's, e.g. {@code Query failed (#id): …}.
 * docs/error-codes.md lists the codes.
 *
 * <p>Subclasses name the kinds a caller typically handles differently. Immutable; safe to share
 * between threads.
 */
public class FlockException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The code of errors the server did not classify (no Flock metadata on the call). */
    public static final int UNKNOWN_CODE = 0;

    private final String queryId;
    private final int errorCode;
    private final String errorName;
    private final FlockErrorType errorType;
    private final String sqlState;
    private final boolean retryable;

    /**
     * @param queryId the query the error belongs to, or null
     * @param errorCode the server's code, or {@link #UNKNOWN_CODE}
     * @param errorName the server's error name (e.g. {@code NOT_FOUND}) or the gRPC status name
     * @param sqlState the five-character SQLSTATE
     * @param retryable whether repeating the same call can succeed
     */
    public FlockException(String message, String queryId, int errorCode, String errorName, FlockErrorType errorType,
                          String sqlState, boolean retryable, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.queryId = queryId;
        this.errorCode = errorCode;
        this.errorName = requireNonNull(errorName, "errorName is null");
        this.errorType = requireNonNull(errorType, "errorType is null");
        this.sqlState = requireNonNull(sqlState, "sqlState is null");
        this.retryable = retryable;
    }

    /** The id of the query that failed, when the error belongs to a query. */
    public Optional<String> queryId() {
        return Optional.ofNullable(queryId);
    }

    /** The server's stable numeric code, or {@link #UNKNOWN_CODE} when the server sent none. */
    public int errorCode() {
        return errorCode;
    }

    /** The error's name, e.g. {@code NOT_FOUND}, {@code TOO_MANY_QUERIES}, or the gRPC status when unclassified. */
    public String errorName() {
        return errorName;
    }

    public FlockErrorType errorType() {
        return errorType;
    }

    /** The SQLSTATE, e.g. {@code 42P01}. */
    public String sqlState() {
        return sqlState;
    }

    /** Whether the same call may succeed when repeated later, unchanged. */
    public boolean isRetryable() {
        return retryable;
    }
}
