package io.flock.flight;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes the small row sets of metadata calls (catalogs, tables, keys, types) into one Arrow
 * batch of a fixed Flight SQL schema and sends it. Cells are set by column name.
 */
final class MetadataRows {
    private MetadataRows() {
    }

    /** Sends {@code rows} (each a value per schema field, in order; nulls allowed) and completes. */
    static void send(BufferAllocator allocator, Schema schema, List<Object[]> rows, ServerStreamListener listener) {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            root.allocateNew();
            for (int r = 0; r < rows.size(); r++) {
                Object[] row = rows.get(r);
                for (int c = 0; c < schema.getFields().size(); c++) {
                    set(root.getVector(c), r, row[c]);
                }
            }
            root.setRowCount(rows.size());
            listener.start(root);
            listener.putNext();
            listener.completed();
        }
    }

    private static void set(FieldVector vector, int index, Object value) {
        if (value == null) {
            if (vector instanceof ListVector list) {
                list.setNull(index);
            } else {
                vector.setNull(index);
            }
            return;
        }
        if (vector instanceof VarCharVector v) {
            v.setSafe(index, value.toString().getBytes(StandardCharsets.UTF_8));
        } else if (vector instanceof VarBinaryVector v) {
            v.setSafe(index, (byte[]) value);
        } else if (vector instanceof IntVector v) {
            v.setSafe(index, ((Number) value).intValue());
        } else if (vector instanceof BitVector v) {
            v.setSafe(index, ((Boolean) value) ? 1 : 0);
        } else if (vector instanceof ListVector v) {
            UnionListWriter writer = v.getWriter();
            writer.setPosition(index);
            writer.startList();
            for (Object item : (List<?>) value) {
                byte[] bytes = item.toString().getBytes(StandardCharsets.UTF_8);
                try (org.apache.arrow.memory.ArrowBuf buffer = vector.getAllocator().buffer(bytes.length)) {
                    buffer.setBytes(0, bytes);
                    writer.varChar().writeVarChar(0, bytes.length, buffer);
                }
            }
            writer.endList();
        } else {
            throw new IllegalArgumentException("Unsupported metadata column type " + vector.getField());
        }
    }
}
