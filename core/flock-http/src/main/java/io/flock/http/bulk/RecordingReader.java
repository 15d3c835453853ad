package io.flock.http.bulk;

import io.flock.spi.FlockException;
import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Passes an import's rows through and keeps the first error reading them raised: the write that
 * consumes the rows (in DuckDB, across the Arrow C interface) reports only that its source failed,
 * while the source's own error names the line and column.
 */
final class RecordingReader extends ArrowReader {
    private final ArrowReader source;
    private volatile FlockException failure;

    RecordingReader(ArrowReader source, BufferAllocator allocator) {
        super(allocator);
        this.source = source;
    }

    /** The first error reading the rows raised, or null. */
    FlockException failure() {
        return failure;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        try {
            return source.loadNextBatch();
        } catch (FlockException e) {
            record(e);
            throw e;
        } catch (IOException | RuntimeException e) {
            record(new FlockException(io.flock.spi.ErrorCode.DATA_ERROR, "The upload is not valid: " + e.getMessage(), e));
            throw e;
        }
    }

    private void record(FlockException e) {
        if (failure == null) {
            failure = e;
        }
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
        // the caller closes the source
    }

    @Override
    protected Schema readSchema() throws IOException {
        return source.getVectorSchemaRoot().getSchema();
    }
}
