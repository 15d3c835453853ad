package io.flock.client.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.ArrayList;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Fills a parameter batch (one row, or one per batched execution) from Java values, by the parameter schema the server announced:
 * numbers, {@link BigDecimal}, Boolean, String, {@code byte[]}, {@link LocalDate},
 * {@link LocalTime}, {@link LocalDateTime} (UTC), {@link Instant}, {@link OffsetDateTime},
 * {@link ZonedDateTime}, {@link UUID}; any value for a text parameter (its {@code toString()}).
 */
public final class ParameterBinder {
    /** Field metadata the server puts on a parameter whose type it leaves to the value bound. */
    static final String UNTYPED = "flock:untyped";

    private ParameterBinder() {
    }

    /**
     * A batch holding {@code values} as its only row; the caller closes it.
     *
     * @throws IllegalArgumentException if the count differs or a value does not fit its parameter
     */
    public static VectorSchemaRoot bind(Schema schema, List<Object> values, BufferAllocator allocator) {
        return bindRows(schema, List.of(values), allocator);
    }

    /**
     * A batch holding one row per element of {@code rows} (a parameter batch: the statement runs
     * once per row); the caller closes it.
     *
     * @throws IllegalArgumentException if a row's count differs or a value does not fit its
     *     parameter (the message names the row when there are several)
     */
    public static VectorSchemaRoot bindRows(Schema schema, List<List<Object>> rows, BufferAllocator allocator) {
        int expected = schema.getFields().size();
        VectorSchemaRoot root = VectorSchemaRoot.create(typedByValues(schema, rows), allocator);
        try {
            root.allocateNew();
            for (int row = 0; row < rows.size(); row++) {
                List<Object> values = rows.get(row);
                String where = rows.size() == 1 ? "" : " in row " + (row + 1) + " of the batch";
                if (values.size() != expected) {
                    throw new IllegalArgumentException("The statement has " + expected + " parameter"
                            + (expected == 1 ? "" : "s") + ", but " + values.size()
                            + (values.size() == 1 ? " value was" : " values were") + " given" + where);
                }
                for (int i = 0; i < expected; i++) {
                    Object value = values.get(i);
                    FieldVector vector = root.getVector(i);
                    if (value == null) {
                        vector.setNull(row);
                        continue;
                    }
                    try {
                        set(vector, row, value);
                    } catch (ArithmeticException | ClassCastException | IllegalArgumentException e) {
                        throw new IllegalArgumentException("Parameter " + (i + 1) + where + " of type "
                                + TypeNames.of(vector.getField()) + " cannot take the " + value.getClass().getSimpleName()
                                + " value '" + value + "'" + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
                    }
                }
            }
            root.setRowCount(rows.size());
            return root;
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /**
     * The schema to send: the server's, except that a parameter whose type the server leaves to
     * the value (field metadata {@value #UNTYPED}) takes the Arrow type of its first non-null value.
     */
    private static Schema typedByValues(Schema schema, List<List<Object>> rows) {
        List<Field> fields = new ArrayList<>(schema.getFields().size());
        boolean changed = false;
        for (int i = 0; i < schema.getFields().size(); i++) {
            Field field = schema.getFields().get(i);
            if (field.getMetadata() == null || !"true".equals(field.getMetadata().get(UNTYPED))) {
                fields.add(field);
                continue;
            }
            Object sample = null;
            for (List<Object> row : rows) {
                if (i < row.size() && row.get(i) != null) {
                    sample = row.get(i);
                    break;
                }
            }
            fields.add(new Field(field.getName(), FieldType.nullable(naturalType(sample)), null));
            changed = true;
        }
        return changed ? new Schema(fields) : schema;
    }

    /** The Arrow type a Java value travels in when the server takes any type. */
    private static ArrowType naturalType(Object value) {
        if (value instanceof Boolean) {
            return ArrowType.Bool.INSTANCE;
        } else if (value instanceof Byte) {
            return new ArrowType.Int(8, true);
        } else if (value instanceof Short) {
            return new ArrowType.Int(16, true);
        } else if (value instanceof Integer) {
            return new ArrowType.Int(32, true);
        } else if (value instanceof Long) {
            return new ArrowType.Int(64, true);
        } else if (value instanceof Float) {
            return new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
        } else if (value instanceof Double) {
            return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        } else if (value instanceof BigDecimal decimal && decimal.precision() <= 38 && decimal.scale() >= 0) {
            return new ArrowType.Decimal(38, decimal.scale(), 128);
        } else if (value instanceof byte[]) {
            return ArrowType.Binary.INSTANCE;
        } else if (value instanceof LocalDate) {
            return new ArrowType.Date(DateUnit.DAY);
        } else if (value instanceof LocalDateTime) {
            return new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
        } else if (value instanceof Instant || value instanceof OffsetDateTime || value instanceof ZonedDateTime) {
            return new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
        } else if (value instanceof LocalTime) {
            return new ArrowType.Time(TimeUnit.MICROSECOND, 64);
        }
        return ArrowType.Utf8.INSTANCE;
    }

    private static void set(FieldVector vector, int row, Object value) {
        if (vector instanceof VarCharVector v) {
            v.setSafe(row, text(value).getBytes(StandardCharsets.UTF_8));
        } else if (vector instanceof BitVector v) {
            v.set(row, (Boolean) value ? 1 : 0);
        } else if (vector instanceof TinyIntVector v) {
            v.set(row, (byte) fits(value, Byte.MIN_VALUE, Byte.MAX_VALUE));
        } else if (vector instanceof SmallIntVector v) {
            v.set(row, (short) fits(value, Short.MIN_VALUE, Short.MAX_VALUE));
        } else if (vector instanceof IntVector v) {
            v.set(row, (int) fits(value, Integer.MIN_VALUE, Integer.MAX_VALUE));
        } else if (vector instanceof BigIntVector v) {
            v.set(row, exact(value).longValueExact());
        } else if (vector instanceof UInt1Vector v) {
            v.set(row, (int) fits(value, 0, 255));
        } else if (vector instanceof UInt2Vector v) {
            v.set(row, (int) fits(value, 0, 65535));
        } else if (vector instanceof UInt4Vector v) {
            v.set(row, (int) fits(value, 0, 4_294_967_295L));
        } else if (vector instanceof UInt8Vector v) {
            BigInteger unsigned = exact(value).toBigIntegerExact();
            if (unsigned.signum() < 0 || unsigned.bitLength() > 64) {
                throw new ArithmeticException("out of range");
            }
            v.set(row, unsigned.longValue());
        } else if (vector instanceof Float4Vector v) {
            v.set(row, ((Number) value).floatValue());
        } else if (vector instanceof Float8Vector v) {
            v.set(row, ((Number) value).doubleValue());
        } else if (vector instanceof DecimalVector v) {
            v.set(row, exact(value).setScale(v.getScale(), RoundingMode.UNNECESSARY));
        } else if (vector instanceof VarBinaryVector v) {
            v.setSafe(row, (byte[]) value);
        } else if (vector instanceof DateDayVector v) {
            v.set(row, Math.toIntExact(((LocalDate) value).toEpochDay()));
        } else if (vector instanceof TimeStampVector v) {
            setTimestamp(v, row, instant(value));
        } else if (isTime(vector)) {
            setTime((BaseFixedWidthVector) vector, row, ((LocalTime) value).toNanoOfDay());
        } else {
            throw new IllegalArgumentException("parameters of this type are not supported by the client yet; "
                    + "pass text and cast in SQL (e.g. ?::INTERVAL)");
        }
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
    }

    private static BigDecimal exact(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue());
        }
        if (value instanceof Number number) {
            return BigDecimal.valueOf(number.longValue());
        }
        if (value instanceof String text) {
            return new BigDecimal(text.trim());
        }
        throw new ClassCastException("not a number");
    }

    private static long fits(Object value, long min, long max) {
        long number = exact(value).longValueExact();
        if (number < min || number > max) {
            throw new ArithmeticException("out of range " + min + " to " + max);
        }
        return number;
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        if (value instanceof java.util.Date date) {
            return date.toInstant();
        }
        throw new ClassCastException("not a timestamp");
    }

    private static void setTimestamp(TimeStampVector vector, int row, Instant instant) {
        ArrowType.Timestamp type = (ArrowType.Timestamp) vector.getField().getType();
        long seconds = instant.getEpochSecond();
        long nanos = instant.getNano();
        long value = switch (type.getUnit()) {
            case SECOND -> seconds;
            case MILLISECOND -> Math.addExact(Math.multiplyExact(seconds, 1000L), nanos / 1_000_000L);
            case MICROSECOND -> Math.addExact(Math.multiplyExact(seconds, 1_000_000L), nanos / 1000L);
            case NANOSECOND -> Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
        };
        vector.set(row, value);
    }

    private static boolean isTime(FieldVector vector) {
        return vector instanceof TimeSecVector || vector instanceof TimeMilliVector || vector instanceof TimeMicroVector
                || vector instanceof TimeNanoVector;
    }

    private static void setTime(BaseFixedWidthVector vector, int row, long nanoOfDay) {
        if (vector instanceof TimeSecVector v) {
            v.set(row, (int) (nanoOfDay / 1_000_000_000L));
        } else if (vector instanceof TimeMilliVector v) {
            v.set(row, (int) (nanoOfDay / 1_000_000L));
        } else if (vector instanceof TimeMicroVector v) {
            v.set(row, nanoOfDay / 1000L);
        } else {
            ((TimeNanoVector) vector).set(row, nanoOfDay);
        }
    }
}
