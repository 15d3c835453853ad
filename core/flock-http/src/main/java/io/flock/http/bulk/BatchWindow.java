package io.flock.http.bulk;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Up to {@code maxBatches} batches of a longer Arrow stream, as a stream of their own: an export
 * writes its result as a sequence of complete chunk files, one window each. A batch the previous
 * window looked ahead to ({@link #hasMore}) is the first of the next one. Closing a window leaves
 * the source open.
 */
final class BatchWindow extends ArrowReader {
    private final ArrowReader source;
    private final int maxBatches;
    private boolean pending;
    private int served;

    private BatchWindow(ArrowReader source, BufferAllocator allocator, int maxBatches, boolean pending) {
        super(allocator);
        this.source = requireNonNull(source, "source is null");
        this.maxBatches = maxBatches;
        this.pending = pending;
    }

    /** The first window of {@code source}. */
    static BatchWindow first(ArrowReader source, BufferAllocator allocator, int maxBatches) {
        return new BatchWindow(source, allocator, maxBatches, false);
    }

    /**
     * Whether the source has rows after this window (loading the next batch, which the next window
     * then serves first). Call once this window has been read to its end.
     */
    boolean hasMore() throws IOException {
        return served >= maxBatches && source.loadNextBatch();
    }

    /** The window after this one; only after {@link #hasMore()} returned true. */
    BatchWindow next() {
        return new BatchWindow(source, allocator, maxBatches, true);
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        if (served >= maxBatches) {
            return false;
        }
        if (pending) {
            pending = false;
        } else if (!source.loadNextBatch()) {
            return false;
        }
        served++;
        return true;
    }

    @Override
    public VectorSchemaRoot getVectorSchemaRoot() throws IOException {
        return source.getVectorSchemaRoot();
    }

    @Override
    public long bytesRead() {
        return source.bytesRead();
    }

    @Override
    protected void closeReadSource() {
        // the source outlives its windows
    }

    @Override
    protected Schema readSchema() throws IOException {
        return source.getVectorSchemaRoot().getSchema();
    }
}
