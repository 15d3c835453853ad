package io.flock.engine.duckdb;

import io.flock.engine.worker.RootSequenceReader;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** An Arrow stream with a schema and no rows, to let DuckDB map Arrow types to its own. */
final class EmptyReader extends RootSequenceReader {
    private final Schema schema;

    EmptyReader(BufferAllocator allocator, Schema schema) {
        super(allocator);
        this.schema = schema;
    }

    @Override
    protected VectorSchemaRoot nextRoot() {
        return null;
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
