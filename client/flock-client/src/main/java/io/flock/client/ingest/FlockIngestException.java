package io.flock.client.ingest;

import static java.util.Objects.requireNonNull;

import io.flock.client.FlockException;
import java.util.OptionalLong;

/**
 * A batch of an ingest stream failed for good (after the retries the options allow): its rows were
 * not applied. Carries the server's code, name, type and SQLSTATE, and the {@link #status() status}
 * that decided about retries. When the server rejected the batch because of one row, that row is
 * {@link #failedRow()} (in the stream) and {@link #row()} (in the batch), its column
 * {@link #column()}. Immutable.
 */
public final class FlockIngestException extends FlockException {
    private static final long serialVersionUID = 1L;

    private final IngestStatus status;
    private final long sequence;
    private final long firstRow;

    public FlockIngestException(String message, IngestStatus status, long sequence, FlockException cause) {
        this(message, status, sequence, -1, cause);
    }

    /**
     * @param firstRow the failed batch's first row in the stream (0-based, counted from the
     *     stream's opening in this process); -1 if unknown
     * @param cause the error, with the server's message
     */
    public FlockIngestException(String message, IngestStatus status, long sequence, long firstRow,
                                FlockException cause) {
        super(message, cause.queryId().orElse(null), cause.errorCode(), cause.errorName(), cause.errorType(),
                cause.sqlState(), cause.isRetryable(), cause.row(), cause.column(), cause);
        this.status = requireNonNull(status, "status is null");
        this.sequence = sequence;
        this.firstRow = firstRow;
    }

    public IngestStatus status() {
        return status;
    }

    /** The sequence of the (first) failed batch. */
    public long sequence() {
        return sequence;
    }

    /** The failed batch's first row in the stream (as {@link RowError#rowIndex()}); -1 if unknown. */
    public long firstRow() {
        return firstRow;
    }

    /**
     * The row the server rejected the batch for, as a row of the stream (as {@link RowError#rowIndex()}:
     * the batch's {@link #firstRow()} plus the row's position in the batch, {@link #row()}); empty
     * when the server named no row or the batch's first row is unknown.
     */
    public OptionalLong failedRow() {
        OptionalLong inBatch = row();
        return firstRow >= 0 && inBatch.isPresent() ? OptionalLong.of(firstRow + inBatch.getAsLong())
                : OptionalLong.empty();
    }

    /** The error as the server (or the connection) reported it, without this batch's context. */
    public String serverMessage() {
        return getCause() != null ? getCause().getMessage() : getMessage();
    }
}
