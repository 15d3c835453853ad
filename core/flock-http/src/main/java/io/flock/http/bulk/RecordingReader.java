package io.flock.http.bulk;

import io.flock.spi.FlockException;
import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Passes an import's rows through and keeps the first error reading them raised: the write that
 * consumes the rows (in DuckDB, across the Arrow C interface) reports only that its source failed,
 * while the source's own error names the line and column.
 */
final class RecordingReader extends ForwardingReader {
    private volatile FlockException failure;

    RecordingReader(ArrowReader source, BufferAllocator allocator) {
        super(source, allocator);
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
}
