package io.flock.engine.query;

import io.flock.engine.worker.Execution;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A small result computed by the coordinator itself (administration statements), as text columns
 * in one Arrow batch.
 */
final class ResultRows implements Execution {
    private final Schema schema;
    private final OneBatchReader reader;

    private final long updateCount;

    private ResultRows(Schema schema, OneBatchReader reader, long updateCount) {
        this.schema = schema;
        this.reader = reader;
        this.updateCount = updateCount;
    }

    /** A result with the given text columns and rows (null cells allowed). */
    static ResultRows of(BufferAllocator allocator, List<String> columns, List<List<String>> rows) {
        Schema schema = textSchema(columns);
        return new ResultRows(schema, new OneBatchReader(allocator, schema, rows), -1);
    }

    /** The schema of a result of nullable text columns. */
    static Schema textSchema(List<String> columns) {
        List<Field> fields = new ArrayList<>();
        for (String column : columns) {
            fields.add(new Field(column, FieldType.nullable(ArrowType.Utf8.INSTANCE), null));
        }
        return new Schema(fields);
    }

    /** The result of a statement that returns no rows. */
    static ResultRows none() {
        return updated(0);
    }

    /** The result of an update that changed {@code count} rows. */
    static ResultRows updated(long count) {
        return new ResultRows(new Schema(List.of()), null, count);
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public void run() {
        // computed when created
    }

    @Override
    public Optional<ArrowReader> reader() {
        return Optional.ofNullable(reader);
    }

    @Override
    public long updateCount() {
        return updateCount;
    }

    @Override
    public void cancel() {
        // nothing runs
    }

    @Override
    public String profileJson() {
        return "";
    }

    @Override
    public void close() {
        if (reader == null) {
            return;
        }
        try {
            reader.close();
        } catch (IOException e) {
            throw new IllegalStateException("Closing an in-memory result failed", e);
        }
    }

    private static final class OneBatchReader extends ArrowReader {
        private final Schema schema;
        private final List<List<String>> rows;
        private boolean loaded;

        OneBatchReader(BufferAllocator allocator, Schema schema, List<List<String>> rows) {
            super(allocator);
            this.schema = schema;
            this.rows = List.copyOf(rows);
        }

        @Override
        public boolean loadNextBatch() throws IOException {
            if (loaded) {
                return false;
            }
            loaded = true;
            VectorSchemaRoot root = getVectorSchemaRoot();
            root.allocateNew();
            for (int c = 0; c < schema.getFields().size(); c++) {
                VarCharVector vector = (VarCharVector) root.getVector(c);
                for (int r = 0; r < rows.size(); r++) {
                    String value = rows.get(r).get(c);
                    if (value == null) {
                        vector.setNull(r);
                    } else {
                        vector.setSafe(r, value.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            root.setRowCount(rows.size());
            return true;
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
}
