package io.flock.tests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/**
 * Builds an Arrow stream of rows for the engine's write tests: columns named with a type letter
 * ({@code "id:L"} BIGINT, {@code ":I"} INTEGER, {@code ":D"} DOUBLE, {@code ":S"} VARCHAR), values
 * as Java objects ({@code null} for NULL), cut into batches of {@code batchRows} rows.
 */
final class ArrowRows {
    private ArrowRows() {}

    static ArrowReader of(BufferAllocator allocator, List<String> columns, List<List<Object>> rows) {
        return of(allocator, columns, rows, 1000);
    }

    static ArrowReader of(BufferAllocator allocator, List<String> columns, List<List<Object>> rows, int batchRows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<FieldVector> vectors = new ArrayList<>();
        for (String column : columns) {
            String name = column.substring(0, column.lastIndexOf(':'));
            vectors.add(switch (column.charAt(column.length() - 1)) {
                case 'L' -> new BigIntVector(name, allocator);
                case 'I' -> new IntVector(name, allocator);
                case 'D' -> new Float8Vector(name, allocator);
                case 'S' -> new VarCharVector(name, allocator);
                default -> throw new IllegalArgumentException(column);
            });
        }
        try (VectorSchemaRoot root = new VectorSchemaRoot(vectors);
             ArrowStreamWriter writer = new ArrowStreamWriter(root, null, bytes)) {
            writer.start();
            for (int start = 0; start < rows.size() || start == 0; start += batchRows) {
                root.allocateNew();
                int count = Math.min(batchRows, rows.size() - start);
                for (int r = 0; r < count; r++) {
                    List<Object> row = rows.get(start + r);
                    for (int c = 0; c < vectors.size(); c++) {
                        set(vectors.get(c), r, row.get(c));
                    }
                }
                root.setRowCount(count);
                writer.writeBatch();
                if (rows.isEmpty()) {
                    break;
                }
            }
            writer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrowStreamReader(new ByteArrayInputStream(bytes.toByteArray()), allocator);
    }

    private static void set(FieldVector vector, int index, Object value) {
        if (value == null) {
            vector.setNull(index);
            return;
        }
        if (vector instanceof BigIntVector v) {
            v.setSafe(index, ((Number) value).longValue());
        } else if (vector instanceof IntVector v) {
            v.setSafe(index, ((Number) value).intValue());
        } else if (vector instanceof Float8Vector v) {
            v.setSafe(index, ((Number) value).doubleValue());
        } else if (vector instanceof VarCharVector v) {
            v.setSafe(index, value.toString().getBytes(StandardCharsets.UTF_8));
        } else {
            throw new IllegalArgumentException(vector.getClass().getName());
        }
    }
}
