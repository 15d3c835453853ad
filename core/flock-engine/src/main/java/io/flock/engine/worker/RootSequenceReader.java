package io.flock.engine.worker;

import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * An Arrow stream over batches that already sit in {@link VectorSchemaRoot}s of one schema (a
 * client's {@code DoPut}, batches held in memory), as the write primitive takes them. Each batch's
 * buffers are shared with its root, not copied. Subclasses hand out the next root and the schema;
 * the source is theirs to close.
 */
public abstract class RootSequenceReader extends ArrowReader {
    protected RootSequenceReader(BufferAllocator allocator) {
        super(allocator);
    }

    /** The next batch, or null at the end of the stream. */
    protected abstract VectorSchemaRoot nextRoot() throws IOException;

    @Override
    public final boolean loadNextBatch() throws IOException {
        ensureInitialized();
        VectorSchemaRoot next = nextRoot();
        if (next == null) {
            return false;
        }
        try (ArrowRecordBatch batch = new VectorUnloader(next).getRecordBatch()) {
            loadRecordBatch(batch);
        }
        return true;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {
        // the source belongs to the caller
    }
}
