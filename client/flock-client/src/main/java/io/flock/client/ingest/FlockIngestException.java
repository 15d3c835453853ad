package io.flock.client.ingest;

import static java.util.Objects.requireNonNull;

import io.flock.client.FlockException;

/**
 * A batch of an ingest stream failed for good (after the retries the options allow): its rows were
 * not applied. Carries the server's code, name, type and SQLSTATE, and the {@link #status() status}
 * that decided about retries. Immutable.
 */
public final class FlockIngestException extends FlockException {
    private static final long serialVersionUID = 1L;

    private final IngestStatus status;
    private final long sequence;

    public FlockIngestException(String message, IngestStatus status, long sequence, FlockException cause) {
        super(message, cause.queryId().orElse(null), cause.errorCode(), cause.errorName(), cause.errorType(),
                cause.sqlState(), cause.isRetryable(), cause);
        this.status = requireNonNull(status, "status is null");
        this.sequence = sequence;
    }

    public IngestStatus status() {
        return status;
    }

    /** The sequence of the (first) failed batch. */
    public long sequence() {
        return sequence;
    }
}
