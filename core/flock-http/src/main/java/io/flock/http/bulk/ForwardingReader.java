package io.flock.http.bulk;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An Arrow stream that hands out another reader's batches (its root, schema and byte count);
 * subclasses add what happens around each {@link #loadNextBatch()}. Closing this one leaves the
 * source open: its owner closes it.
 */
abstract class ForwardingReader extends ArrowReader {
    protected final ArrowReader source;

    ForwardingReader(ArrowReader source, BufferAllocator allocator) {
        super(allocator);
        this.source = requireNonNull(source, "source is null");
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
        // the source belongs to its owner
    }

    @Override
    protected Schema readSchema() throws IOException {
        return source.getVectorSchemaRoot().getSchema();
    }
}
