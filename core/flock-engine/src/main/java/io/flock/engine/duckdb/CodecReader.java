package io.flock.engine.duckdb;

import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Arrow stream of a bulk codec query: passes DuckDB's batches through, turns its errors into
 * {@link FlockException}s that name the line and column, and closes the query's result, statement
 * and connection with itself.
 */
final class CodecReader extends ArrowReader {
    private final ArrowReader source;
    private final List<AutoCloseable> resources;
    private final UnaryOperator<String> describe;
    private final Supplier<FlockException> diagnose;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    CodecReader(ArrowReader source, BufferAllocator allocator, List<AutoCloseable> resources,
                UnaryOperator<String> describe, Supplier<FlockException> diagnose) {
        super(allocator);
        this.source = source;
        this.resources = List.copyOf(resources);
        this.describe = describe;
        this.diagnose = diagnose;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        try {
            return source.loadNextBatch();
        } catch (IOException | RuntimeException e) {
            throw mapped(e);
        }
    }

    private FlockException mapped(Exception e) {
        if (e instanceof FlockException flock) {
            return flock;
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.contains(DuckDbErrors.LOST_RESULT)) {
            return diagnose.get();
        }
        return new FlockException(DuckDbErrors.codeOf(message) == ErrorCode.INVALID_QUERY ? ErrorCode.DATA_ERROR
                : DuckDbErrors.codeOf(message), describe.apply(message), e);
    }

    @Override
    public VectorSchemaRoot getVectorSchemaRoot() throws IOException {
        try {
            return source.getVectorSchemaRoot();
        } catch (IOException | RuntimeException e) {
            throw mapped(e);
        }
    }

    @Override
    public long bytesRead() {
        return source.bytesRead();
    }

    @Override
    protected void closeReadSource() throws IOException {
        // closed by its consumer across the C interface and again by its owner: once is enough
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            source.close();
        } finally {
            for (AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (Exception ignored) {
                    // closing the query's JDBC objects; nothing left to lose
                }
            }
        }
    }

    @Override
    protected Schema readSchema() throws IOException {
        return getVectorSchemaRoot().getSchema();
    }
}
