package io.flock.engine.ingest;

import io.flock.engine.worker.TableWrite;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import io.flock.spi.RowLocation;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Checks an ingest batch against its table before anything is written: every column exists and
 * has a compatible type, NOT NULL columns hold no null, {@code VARCHAR(n)} values fit. In a CDC
 * batch a DELETE row carries only its key, so the NOT NULL check of the other columns skips it
 * (key columns are checked on every row), as the keyed storage's own checks do. The first
 * problem rejects the whole batch with PRECHECK_FAILED naming the batch, row and column, in the
 * message and, for a bad row, as its {@link RowLocation} (0-based within the batch).
 */
final class BatchValidator {
    /** The operation of a CDC row that removes its key (the keyed storage's spelling). */
    private static final String DELETE = "DELETE";

    private BatchValidator() {
    }

    static void validate(IngestTarget target, VectorSchemaRoot batch, long sequence, long firstRow) {
        Map<String, Field> columns = new HashMap<>();
        for (Field field : target.table().columns().getFields()) {
            columns.put(field.getName().toLowerCase(Locale.ROOT), field);
        }
        FieldVector operations = target.mode() == StreamMode.CDC ? batch.getVector(TableWrite.OPERATION_COLUMN) : null;
        Set<String> key = new HashSet<>();
        for (String column : target.table().primaryKey()) {
            key.add(column.toLowerCase(Locale.ROOT));
        }
        boolean operationSeen = false;
        for (FieldVector vector : batch.getFieldVectors()) {
            String name = vector.getName();
            if (target.mode() == StreamMode.CDC && name.equals(TableWrite.OPERATION_COLUMN)) {
                operationSeen = true;
                checkNotNull(target, vector, null, sequence, firstRow, name, "the operation column '" + name + "'");
                continue;
            }
            Field column = columns.get(name.toLowerCase(Locale.ROOT));
            if (column == null) {
                throw rejected(target, sequence, "column '" + name + "' does not exist in the table (its columns: "
                        + String.join(", ", target.table().columns().getFields().stream().map(Field::getName).toList())
                        + ")");
            }
            if (!compatible(vector.getField().getType(), column.getType())) {
                throw rejected(target, sequence, "column '" + column.getName() + "' holds " + column.getType()
                        + " but the batch sends " + vector.getField().getType());
            }
            if (key.contains(column.getName().toLowerCase(Locale.ROOT))) {
                checkNotNull(target, vector, null, sequence, firstRow, column.getName(),
                        "primary-key column '" + column.getName() + "'");
            } else if (!column.isNullable()) {
                checkNotNull(target, vector, operations, sequence, firstRow, column.getName(),
                        "column '" + column.getName() + "' (NOT NULL)");
            }
            Integer maxLength = target.maxLengths().get(column.getName());
            if (maxLength != null && vector instanceof VarCharVector text) {
                checkLength(target, text, maxLength, column.getName(), sequence, firstRow);
            }
        }
        if (target.mode() == StreamMode.CDC && !operationSeen && batch.getRowCount() > 0) {
            throw rejected(target, sequence, "a CDC batch needs the operation column '" + TableWrite.OPERATION_COLUMN
                    + "' (UPSERT or DELETE per row)");
        }
    }

    /**
     * Rejects the batch at the first null of {@code vector}, skipping DELETE rows when
     * {@code operations} (the CDC operation column) is given.
     *
     * @param column the column's name, as the error's location names it
     */
    private static void checkNotNull(IngestTarget target, FieldVector vector, FieldVector operations, long sequence,
                                     long firstRow, String column, String what) {
        if (vector.getNullCount() == 0) {
            return;
        }
        for (int row = 0; row < vector.getValueCount(); row++) {
            if (vector.isNull(row) && !isDelete(operations, row)) {
                throw rejected(target, sequence, row(row, firstRow) + ": " + what + " is null")
                        .withRowLocation(RowLocation.of(row, column));
            }
        }
    }

    private static boolean isDelete(FieldVector operations, int row) {
        if (operations == null || row >= operations.getValueCount() || operations.isNull(row)) {
            return false;
        }
        Object value = operations.getObject(row);
        return value != null && DELETE.equals(value.toString());
    }

    private static void checkLength(IngestTarget target, VarCharVector vector, int maxLength, String column,
                                    long sequence, long firstRow) {
        for (int row = 0; row < vector.getValueCount(); row++) {
            if (vector.isNull(row)) {
                continue;
            }
            long bytes = vector.getEndOffset(row) - vector.getStartOffset(row);
            if (bytes <= maxLength) {
                continue;
            }
            String value = new String(vector.get(row), StandardCharsets.UTF_8);
            int length = value.codePointCount(0, value.length());
            if (length > maxLength) {
                throw rejected(target, sequence, row(row, firstRow) + ": column '" + column + "' is VARCHAR("
                        + maxLength + ") but the value has " + length + " characters")
                        .withRowLocation(RowLocation.of(row, column));
            }
        }
    }

    static String row(int row, long firstRow) {
        return "row " + row + " of the batch" + (firstRow >= 0 ? " (row " + (firstRow + row) + " of the stream)" : "");
    }

    /**
     * Whether DuckDB can store a value of {@code sent} in a column of {@code column}: the same kind
     * of type, numbers into numbers, text into anything (DuckDB casts it; a value that does not parse
     * fails the batch), anything scalar into text, dates and timestamps of any unit into each other.
     */
    static boolean compatible(ArrowType sent, ArrowType column) {
        ArrowType.ArrowTypeID from = sent.getTypeID();
        ArrowType.ArrowTypeID to = column.getTypeID();
        if (from == to || from == ArrowType.ArrowTypeID.Null) {
            return true;
        }
        if (isNumber(from) && isNumber(to) || isTime(from) && isTime(to)) {
            return true;
        }
        if (isText(from)) {
            return true;
        }
        return isText(to) && !isNested(from);
    }

    private static boolean isNumber(ArrowType.ArrowTypeID id) {
        return id == ArrowType.ArrowTypeID.Int || id == ArrowType.ArrowTypeID.FloatingPoint
                || id == ArrowType.ArrowTypeID.Decimal;
    }

    private static boolean isTime(ArrowType.ArrowTypeID id) {
        return id == ArrowType.ArrowTypeID.Date || id == ArrowType.ArrowTypeID.Timestamp;
    }

    private static boolean isText(ArrowType.ArrowTypeID id) {
        return id == ArrowType.ArrowTypeID.Utf8 || id == ArrowType.ArrowTypeID.LargeUtf8
                || id == ArrowType.ArrowTypeID.Utf8View;
    }

    private static boolean isNested(ArrowType.ArrowTypeID id) {
        return id == ArrowType.ArrowTypeID.List || id == ArrowType.ArrowTypeID.LargeList
                || id == ArrowType.ArrowTypeID.Struct || id == ArrowType.ArrowTypeID.Map
                || id == ArrowType.ArrowTypeID.FixedSizeList;
    }

    static FlockException rejected(IngestTarget target, long sequence, String problem) {
        return new FlockException(ErrorCode.PRECHECK_FAILED, "Batch " + sequence + " of stream '" + target.streamId()
                + "' into '" + target.tableName() + "' was rejected, nothing of it applied: " + problem);
    }

    /** As {@link #rejected(IngestTarget, long, String)}, naming the row {@code location} of the batch. */
    static FlockException rejected(IngestTarget target, long sequence, String problem, Optional<RowLocation> location) {
        FlockException rejected = rejected(target, sequence, problem);
        return location.map(rejected::withRowLocation).orElse(rejected);
    }
}
