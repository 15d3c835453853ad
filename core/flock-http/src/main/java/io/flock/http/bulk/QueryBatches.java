package io.flock.http.bulk;

import static java.util.Objects.requireNonNull;

import io.flock.engine.query.RunningQuery;
import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A query's result batches as they leave for a bulk file: stops at the next batch once the query
 * is cancelled or timed out, and counts what was sent for {@code flock.queries}. The query owns
 * the underlying reader: closing this one leaves it open.
 */
final class QueryBatches extends ForwardingReader {
    private final RunningQuery query;

    QueryBatches(ArrowReader source, RunningQuery query, BufferAllocator allocator) {
        super(source, allocator);
        this.query = requireNonNull(query, "query is null");
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        query.checkNotCancelled();
        if (!source.loadNextBatch()) {
            return false;
        }
        query.batchSent(source.getVectorSchemaRoot());
        return true;
    }
}
