package io.flock.client;

import static java.util.Objects.requireNonNull;

import io.flock.client.internal.ResultStream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A query result as a stream of Arrow batches, from {@link QueryResult#arrowStream()}:
 * {@code while (batches.next()) { VectorSchemaRoot root = batches.root(); … }}. One batch is in
 * memory at a time; the root is reused, so copy what must outlive the next {@link #next()}.
 * Closing it closes the {@link QueryResult}.
 *
 * <p>Not thread-safe.
 */
public final class ArrowBatches implements AutoCloseable {
    private final ResultStream stream;
    private final QueryResult result;

    ArrowBatches(ResultStream stream, QueryResult result) {
        this.stream = requireNonNull(stream, "stream is null");
        this.result = requireNonNull(result, "result is null");
    }

    /** The schema the stream carries (authoritative; waits for the query to produce it). */
    public Schema schema() {
        return stream.schema();
    }

    /** Loads the next batch into {@link #root()}; false at the end of the result. */
    public boolean next() {
        return stream.nextBatch();
    }

    /** The current batch. Owned by the client; valid until the next call to {@link #next()} or {@link #close()}. */
    public VectorSchemaRoot root() {
        return stream.root();
    }

    @Override
    public void close() {
        result.close();
    }
}
