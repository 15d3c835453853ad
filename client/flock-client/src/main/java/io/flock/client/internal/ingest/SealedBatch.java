package io.flock.client.internal.ingest;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A batch of a stream, sealed with its sequence: sent, re-sent after failures with the same
 * sequence, until acknowledged or finally failed. Owns its root until then.
 */
public final class SealedBatch {
    private final long sequence;
    private final long firstRow;
    private final VectorSchemaRoot root;
    private final List<Object> rows;
    private final long bytes;
    private final int rowCount;
    /** Sends in all, the first included. */
    int attempts;
    /** Sends the server answered THROTTLED: they do not count against the attempt limit. */
    int throttled;
    boolean sent;
    private boolean done;
    private long appliedRows;
    private boolean duplicate;
    private IngestFailure failure;

    /**
     * @param rows the source rows for error reports (may be empty for Arrow batches)
     */
    public SealedBatch(long sequence, long firstRow, VectorSchemaRoot root, List<Object> rows, long bytes) {
        this.sequence = sequence;
        this.firstRow = firstRow;
        this.root = requireNonNull(root, "root is null");
        this.rows = List.copyOf(rows);
        this.bytes = bytes;
        this.rowCount = root.getRowCount();
    }

    public long sequence() {
        return sequence;
    }

    public long firstRow() {
        return firstRow;
    }

    public int rowCount() {
        return rowCount;
    }

    public List<Object> rows() {
        return rows;
    }

    public long bytes() {
        return bytes;
    }

    VectorSchemaRoot root() {
        return root;
    }

    /** Whether it was acknowledged or finally failed. Read under the sender's lock. */
    public synchronized boolean isDone() {
        return done;
    }

    public synchronized IngestFailure failure() {
        return failure;
    }

    public synchronized long appliedRows() {
        return appliedRows;
    }

    public synchronized boolean duplicate() {
        return duplicate;
    }

    synchronized void acknowledged(long rows, boolean duplicate) {
        this.appliedRows = rows;
        this.duplicate = duplicate;
        this.done = true;
        root.close();
    }

    synchronized void failed(IngestFailure failure) {
        this.failure = failure;
        this.done = true;
        root.close();
    }
}
