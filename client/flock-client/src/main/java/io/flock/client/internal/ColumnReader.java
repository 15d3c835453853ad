package io.flock.client.internal;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Reads the values of one column of an Arrow batch, with the way to read chosen once per batch
 * rather than per value: the common types read straight from their vector, every other type
 * through {@link ValueReader} (the same Java values either way).
 */
@FunctionalInterface
public interface ColumnReader {
    /** The value at {@code row}, as {@link ValueReader#read} returns it (null for SQL NULL). */
    Object read(int row);

    /** The reader for {@code vector}. */
    static ColumnReader of(ValueVector vector) {
        if (vector instanceof BigIntVector v) {
            return row -> v.isNull(row) ? null : v.get(row);
        }
        if (vector instanceof IntVector v) {
            return row -> v.isNull(row) ? null : v.get(row);
        }
        if (vector instanceof SmallIntVector v) {
            return row -> v.isNull(row) ? null : v.get(row);
        }
        if (vector instanceof TinyIntVector v) {
            return row -> v.isNull(row) ? null : v.get(row);
        }
        if (vector instanceof Float8Vector v) {
            return row -> v.isNull(row) ? null : v.get(row);
        }
        if (vector instanceof Float4Vector v) {
            return row -> v.isNull(row) ? null : v.get(row);
        }
        if (vector instanceof BitVector v) {
            return row -> v.isNull(row) ? null : v.get(row) != 0;
        }
        if (vector instanceof VarCharVector v) {
            return row -> v.isNull(row) ? null : new String(v.get(row), StandardCharsets.UTF_8);
        }
        if (vector instanceof DateDayVector v) {
            return row -> v.isNull(row) ? null : java.time.LocalDate.ofEpochDay(v.get(row));
        }
        return row -> ValueReader.read(vector, row);
    }
}
