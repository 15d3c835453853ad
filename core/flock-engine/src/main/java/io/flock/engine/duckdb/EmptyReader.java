package io.flock.engine.duckdb;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/** An Arrow stream with a schema and no rows, to let DuckDB map Arrow types to its own. */
final class EmptyReader extends ArrowReader {
    private final Schema schema;

    EmptyReader(BufferAllocator allocator, Schema schema) {
        super(allocator);
        this.schema = schema;
    }

    @Override
    public boolean loadNextBatch() {
        return false;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {
        // no source
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
