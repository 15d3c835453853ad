package io.flock.engine.ingest;

import static java.util.Objects.requireNonNull;

import io.flock.engine.worker.RootSequenceReader;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads the current contents of several {@link VectorSchemaRoot}s of one schema, in order, as one
 * Arrow stream (no copy of the data: each batch's buffers are shared with its root).
 */
final class BatchListReader extends RootSequenceReader {
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
    protected VectorSchemaRoot nextRoot() {
        return next == sources.size() ? null : sources.get(next++);
    }

    @Override
    protected Schema readSchema() {
        return sources.get(0).getSchema();
    }
}
