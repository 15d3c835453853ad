package io.flock.client;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * An error reported by the Flock server or raised by the client on its behalf. It carries the
 * server's stable error {@link #errorCode() code} and {@link #errorName() name}, the
 * {@link #errorType() type}, the {@link #sqlState() SQLSTATE} and, for query errors, the
 * {@link #queryId() query id}; when one row of a write failed it, that row's position in the write
 * ({@link #row()}) and its column ({@link #column()}). The message is the server's, e.g.
 * {@code Query failed (#id): …}.
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
    /** The failing row, or -1: Optional fields would make the exception unserializable. */
    private final long row;
    private final String column;

    /**
     * @param queryId the query the error belongs to, or null
     * @param errorCode the server's code, or {@link #UNKNOWN_CODE}
     * @param errorName the server's error name (e.g. {@code NOT_FOUND}) or the gRPC status name
     * @param sqlState the five-character SQLSTATE
     * @param retryable whether repeating the same call can succeed
     */
    public FlockException(String message, String queryId, int errorCode, String errorName, FlockErrorType errorType,
                          String sqlState, boolean retryable, Throwable cause) {
        this(message, queryId, errorCode, errorName, errorType, sqlState, retryable, OptionalLong.empty(),
                Optional.empty(), cause);
    }

    /**
     * An error that names the row of a write that failed it.
     *
     * @param queryId the query the error belongs to, or null
     * @param errorCode the server's code, or {@link #UNKNOWN_CODE}
     * @param errorName the server's error name (e.g. {@code NOT_FOUND}) or the gRPC status name
     * @param sqlState the five-character SQLSTATE
     * @param retryable whether repeating the same call can succeed
     * @param row the failing row's 0-based position in the write (for an ingest batch: in the batch), if known
     * @param column the column at fault in that row, if known
     */
    public FlockException(String message, String queryId, int errorCode, String errorName, FlockErrorType errorType,
                          String sqlState, boolean retryable, OptionalLong row, Optional<String> column,
                          Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.queryId = queryId;
        this.errorCode = errorCode;
        this.errorName = requireNonNull(errorName, "errorName is null");
        this.errorType = requireNonNull(errorType, "errorType is null");
        this.sqlState = requireNonNull(sqlState, "sqlState is null");
        this.retryable = retryable;
        requireNonNull(row, "row is null");
        requireNonNull(column, "column is null");
        if (row.isPresent() && row.getAsLong() < 0) {
            throw new IllegalArgumentException("row is negative: " + row.getAsLong());
        }
        this.row = row.orElse(-1);
        this.column = column.orElse(null);
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

    /**
     * The row that failed the write, when the server named one: its 0-based position among the
     * rows the write sent (for a batch of an ingest stream, within that batch; see
     * {@link io.flock.client.ingest.FlockIngestException#failedRow()} for its row in the stream).
     * Sent as the {@code flock-error-row} metadata; the message names the row too, for people.
     */
    public OptionalLong row() {
        return row < 0 ? OptionalLong.empty() : OptionalLong.of(row);
    }

    /**
     * The column at fault in {@link #row()}, when the server named one (a NULL in a NOT NULL
     * column, a value that does not convert to the column's type, a text too long).
     */
    public Optional<String> column() {
        return Optional.ofNullable(column);
    }
}
