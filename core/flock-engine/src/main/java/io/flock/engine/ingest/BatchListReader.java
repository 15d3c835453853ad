package io.flock.engine.ingest;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads the current contents of several {@link VectorSchemaRoot}s of one schema, in order, as one
 * Arrow stream (no copy of the data: each batch's buffers are shared with its root).
 */
final class BatchListReader extends ArrowReader {
    private final List<VectorSchemaRoot> sources;
    private int next;

    BatchListReader(BufferAllocator allocator, List<VectorSchemaRoot> sources) {
        super(allocator);
        this.sources = List.copyOf(requireNonNull(sources, "sources is null"));
        if (this.sources.isEmpty()) {
            throw new IllegalArgumentException("A batch list needs at least one batch");
        }
    }

    @Override
    public boolean loadNextBatch() throws java.io.IOException {
        if (next == sources.size()) {
            return false;
        }
        ensureInitialized();
        try (ArrowRecordBatch batch = new VectorUnloader(sources.get(next++)).getRecordBatch()) {
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
        return sources.get(0).getSchema();
    }
}
