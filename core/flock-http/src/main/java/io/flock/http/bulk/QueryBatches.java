package io.flock.http.bulk;

import static java.util.Objects.requireNonNull;

import io.flock.engine.query.RunningQuery;
import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A query's result batches as they leave for a bulk file: stops at the next batch once the query
 * is cancelled or timed out, and counts what was sent for {@code flock.queries}. The query owns
 * the underlying reader: closing this one leaves it open.
 */
final class QueryBatches extends ArrowReader {
    private final ArrowReader source;
    private final RunningQuery query;

    QueryBatches(ArrowReader source, RunningQuery query, BufferAllocator allocator) {
        super(allocator);
        this.source = requireNonNull(source, "source is null");
        this.query = requireNonNull(query, "query is null");
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        query.checkNotCancelled();
        if (!source.loadNextBatch()) {
            return false;
        }
        VectorSchemaRoot root = source.getVectorSchemaRoot();
        long bytes = 0;
        for (FieldVector vector : root.getFieldVectors()) {
            bytes += vector.getBufferSize();
        }
        query.batchSent(root.getRowCount(), bytes);
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
        // the query closes its reader when it ends
    }

    @Override
    protected Schema readSchema() throws IOException {
        return source.getVectorSchemaRoot().getSchema();
    }
}
