package io.flock.client.ingest;

import io.flock.client.internal.ingest.RowSchema;
import io.flock.client.internal.ingest.VectorWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Turns buffered rows into one Arrow batch: the columns any of the rows set (in table order), plus
 * the operation column {@value #OPERATION_COLUMN} for CDC streams.
 */
final class RowBatches {
    /** The per-row operation column of CDC batches (the server's {@code TableWrite.OPERATION_COLUMN}). */
    static final String OPERATION_COLUMN = "__flock_op";

    private RowBatches() {
    }

    static VectorSchemaRoot build(RowSchema schema, List<IngestRow> rows, boolean cdc, BufferAllocator allocator) {
        BitSet used = new BitSet();
        for (IngestRow row : rows) {
            for (int i = 0; i < schema.fields().size(); i++) {
                if (row.isSet(i)) {
                    used.set(i);
                }
            }
        }
        List<Field> fields = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = used.nextSetBit(0); i >= 0; i = used.nextSetBit(i + 1)) {
            Field field = schema.field(i);
            // Nullable on the wire: NOT NULL is the server's check, which names the row.
            fields.add(new Field(field.getName(), new FieldType(true, field.getType(), field.getDictionary(),
                    field.getMetadata()), field.getChildren()));
            positions.add(i);
        }
        if (cdc) {
            fields.add(new Field(OPERATION_COLUMN, FieldType.notNullable(ArrowType.Utf8.INSTANCE), null));
        }
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
        try {
            for (FieldVector vector : root.getFieldVectors()) {
                vector.setInitialCapacity(rows.size()); // one allocation per buffer instead of doubling
            }
            root.allocateNew();
            List<FieldVector> vectors = root.getFieldVectors();
            for (int r = 0; r < rows.size(); r++) {
                IngestRow row = rows.get(r);
                for (int c = 0; c < positions.size(); c++) {
                    VectorWriter.write(vectors.get(c), r, row.value(positions.get(c)));
                }
                if (cdc) {
                    String op = row.operation() == RowOperation.DELETE_IGNORE ? "DELETE" : "UPSERT";
                    ((VarCharVector) vectors.get(positions.size())).setSafe(r, op.getBytes(StandardCharsets.UTF_8));
                }
            }
            root.setRowCount(rows.size());
            return root;
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }
}
