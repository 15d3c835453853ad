package io.flock.engine.ingest;

import static java.util.Objects.requireNonNull;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/** Reads the current content of one {@link VectorSchemaRoot} as a one-batch stream (no copy of the data). */
final class SingleBatchReader extends ArrowReader {
    private final VectorSchemaRoot source;
    private boolean read;

    SingleBatchReader(BufferAllocator allocator, VectorSchemaRoot source) {
        super(allocator);
        this.source = requireNonNull(source, "source is null");
    }

    @Override
    public boolean loadNextBatch() throws java.io.IOException {
        if (read) {
            return false;
        }
        read = true;
        ensureInitialized();
        try (ArrowRecordBatch batch = new VectorUnloader(source).getRecordBatch()) {
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
    }

    @Override
    protected Schema readSchema() {
        return source.getSchema();
    }
}
