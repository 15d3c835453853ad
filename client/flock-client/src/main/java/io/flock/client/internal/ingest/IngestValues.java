package io.flock.client.internal.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Checks a Java value against an Arrow column and turns it into the one form
 * {@link VectorWriter} writes: Boolean, Long (integers), Double/Float, BigDecimal (at the column's
 * scale), byte[] (text as UTF-8, binary), Integer epoch day (DATE), Long (TIME, TIMESTAMP in the
 * column's unit), {@link Interval}, List, Map (MAP and STRUCT). Nested values are converted
 * recursively. A value that does not fit throws {@link IllegalArgumentException} naming the column.
 */
public final class IngestValues {
    /** An INTERVAL value: months, days and nanoseconds, as Arrow's MONTH_DAY_NANO. */
    public record Interval(int months, int days, long nanos) {
    }

    private IngestValues() {
    }

    /** The normalized value, or null for null; {@code path} names the column in messages. */
    public static Object convert(Field field, Object value, String path) {
        if (value == null) {
            return null;
        }
        ArrowType type = field.getType();
        return switch (type.getTypeID()) {
            case Bool -> expect(value, Boolean.class, path, type);
            case Int -> integer((ArrowType.Int) type, value, path);
            case FloatingPoint -> floating((ArrowType.FloatingPoint) type, value, path);
            case Decimal -> decimal((ArrowType.Decimal) type, value, path);
            case Utf8, LargeUtf8 -> text(value, path, type);
            case Binary, LargeBinary, FixedSizeBinary -> expect(value, byte[].class, path, type);
            case Date -> Math.toIntExact(expect(value, LocalDate.class, path, type).toEpochDay());
            case Time -> time(value, path, type);
            case Timestamp -> timestamp((ArrowType.Timestamp) type, value, path);
            case Interval -> interval(value, path, type);
            case List, LargeList, FixedSizeList -> list(field, value, path);
            case Map -> map(field, value, path);
            case Struct -> struct(field, value, path);
            default -> throw new IllegalArgumentException("Column '" + path + "' has the type " + type
                    + ", which rows cannot set; apply a VectorSchemaRoot instead");
        };
    }

    /** About how many bytes the value takes in Arrow buffers (for the buffer's byte limit). */
    public static long estimateBytes(Object normalized) {
        if (normalized == null) {
            return 1;
        }
        if (normalized instanceof byte[] bytes) {
            return bytes.length + 4L;
        }
        if (normalized instanceof BigDecimal || normalized instanceof Interval) {
            return 16;
        }
        if (normalized instanceof List<?> list) {
            long size = 4;
            for (Object element : list) {
                size += estimateBytes(element);
            }
            return size;
        }
        if (normalized instanceof Map<?, ?> map) {
            long size = 4;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += estimateBytes(entry.getKey()) + estimateBytes(entry.getValue());
            }
            return size;
        }
        return 8;
    }

    private static <T> T expect(Object value, Class<T> kind, String path, ArrowType type) {
        if (!kind.isInstance(value)) {
            throw mismatch(path, type, value);
        }
        return kind.cast(value);
    }

    private static Long integer(ArrowType.Int type, Object value, String path) {
        if (value instanceof java.math.BigInteger big) {
            return bigInteger(type, big, path);
        }
        if (!(value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte)) {
            throw mismatch(path, type, value);
        }
        long number = ((Number) value).longValue();
        int bits = type.getBitWidth();
        boolean fits = type.getIsSigned()
                ? bits == 64 || number >= -(1L << (bits - 1)) && number < (1L << (bits - 1))
                : number >= 0 && (bits == 64 || number < (1L << bits));
        if (!fits) {
            throw new IllegalArgumentException("Column '" + path + "' holds " + (type.getIsSigned() ? "" : "unsigned ")
                    + bits + "-bit integers; " + number + " does not fit");
        }
        return number;
    }

    /**
     * A {@link java.math.BigInteger} into an integer column: range-checked, and kept as the column's
     * bits in a {@code long} (an unsigned 64-bit value above {@link Long#MAX_VALUE} wraps, as Arrow's
     * unsigned vectors store it).
     */
    private static Long bigInteger(ArrowType.Int type, java.math.BigInteger value, String path) {
        int bits = type.getBitWidth();
        java.math.BigInteger min = type.getIsSigned() ? java.math.BigInteger.ONE.shiftLeft(bits - 1).negate()
                : java.math.BigInteger.ZERO;
        java.math.BigInteger max = type.getIsSigned() ? java.math.BigInteger.ONE.shiftLeft(bits - 1)
                : java.math.BigInteger.ONE.shiftLeft(bits);
        if (value.compareTo(min) < 0 || value.compareTo(max) >= 0) {
            throw new IllegalArgumentException("Column '" + path + "' holds " + (type.getIsSigned() ? "" : "unsigned ")
                    + bits + "-bit integers; " + value + " does not fit");
        }
        return value.longValue();
    }

    private static Object floating(ArrowType.FloatingPoint type, Object value, String path) {
        if (!(value instanceof Number number) || value instanceof BigDecimal) {
            throw mismatch(path, type, value);
        }
        return type.getPrecision() == org.apache.arrow.vector.types.FloatingPointPrecision.SINGLE
                ? (Object) number.floatValue() : (Object) number.doubleValue();
    }

    private static BigDecimal decimal(ArrowType.Decimal type, Object value, String path) {
        BigDecimal number;
        if (value instanceof BigDecimal decimal) {
            number = decimal;
        } else if (value instanceof java.math.BigInteger integer) { // HUGEINT and UHUGEINT are DECIMAL(38, 0)
            number = new BigDecimal(integer);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            number = BigDecimal.valueOf(((Number) value).longValue());
        } else {
            throw mismatch(path, type, value);
        }
        BigDecimal scaled;
        try {
            scaled = number.setScale(type.getScale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Column '" + path + "' is DECIMAL(" + type.getPrecision() + ", "
                    + type.getScale() + "); " + number.toPlainString() + " has more than " + type.getScale()
                    + " decimal places");
        }
        if (scaled.precision() > type.getPrecision()) {
            throw new IllegalArgumentException("Column '" + path + "' is DECIMAL(" + type.getPrecision() + ", "
                    + type.getScale() + "); " + number.toPlainString() + " has too many digits");
        }
        return scaled;
    }

    private static byte[] text(Object value, String path, ArrowType type) {
        if (value instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (value instanceof UUID uuid) {
            return uuid.toString().getBytes(StandardCharsets.UTF_8);
        }
        throw mismatch(path, type, value);
    }

    private static Long time(Object value, String path, ArrowType type) {
        LocalTime time = expect(value, LocalTime.class, path, type);
        long nanos = time.toNanoOfDay();
        return switch (((ArrowType.Time) type).getUnit()) {
            case SECOND -> nanos / 1_000_000_000L;
            case MILLISECOND -> nanos / 1_000_000L;
            case MICROSECOND -> nanos / 1_000L;
            case NANOSECOND -> nanos;
        };
    }

    private static Long timestamp(ArrowType.Timestamp type, Object value, String path) {
        Instant instant;
        if (type.getTimezone() == null) {
            // TIMESTAMP (no time zone): a wall-clock date and time.
            if (!(value instanceof LocalDateTime local)) {
                throw new IllegalArgumentException("Column '" + path + "' is a TIMESTAMP without time zone: set a"
                        + " LocalDateTime, not " + value.getClass().getSimpleName());
            }
            instant = local.toInstant(ZoneOffset.UTC);
        } else if (value instanceof Instant at) {
            instant = at;
        } else if (value instanceof OffsetDateTime offset) {
            instant = offset.toInstant();
        } else if (value instanceof ZonedDateTime zoned) {
            instant = zoned.toInstant();
        } else {
            throw new IllegalArgumentException("Column '" + path + "' is a TIMESTAMP WITH TIME ZONE: set an Instant,"
                    + " OffsetDateTime or ZonedDateTime, not " + value.getClass().getSimpleName());
        }
        long seconds = instant.getEpochSecond();
        int nanos = instant.getNano();
        return switch (type.getUnit()) {
            case SECOND -> seconds;
            case MILLISECOND -> Math.addExact(Math.multiplyExact(seconds, 1_000L), nanos / 1_000_000);
            case MICROSECOND -> Math.addExact(Math.multiplyExact(seconds, 1_000_000L), nanos / 1_000);
            case NANOSECOND -> Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
        };
    }

    private static Interval interval(Object value, String path, ArrowType type) {
        if (value instanceof Interval interval) {
            return interval;
        }
        if (value instanceof Period period) {
            return new Interval(Math.toIntExact(period.toTotalMonths()), period.getDays(), 0);
        }
        if (value instanceof Duration duration) {
            return new Interval(0, 0, duration.toNanos());
        }
        throw mismatch(path, type, value);
    }

    private static List<Object> list(Field field, Object value, String path) {
        if (!(value instanceof List<?> list)) {
            throw mismatch(path, field.getType(), value);
        }
        Field element = field.getChildren().get(0);
        List<Object> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(convert(element, list.get(i), path + "[" + i + "]"));
        }
        if (field.getType() instanceof ArrowType.FixedSizeList fixed && out.size() != fixed.getListSize()) {
            throw new IllegalArgumentException("Column '" + path + "' holds lists of exactly " + fixed.getListSize()
                    + " elements, not " + out.size());
        }
        return out;
    }

    private static Map<Object, Object> map(Field field, Object value, String path) {
        if (!(value instanceof Map<?, ?> map)) {
            throw mismatch(path, field.getType(), value);
        }
        Field entries = field.getChildren().get(0);
        Field key = entries.getChildren().get(0);
        Field item = entries.getChildren().get(1);
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getKey() == null) {
                throw new IllegalArgumentException("Column '" + path + "' is a MAP: keys must not be null");
            }
            out.put(convert(key, entry.getKey(), path + ".key"), convert(item, entry.getValue(), path + "[" + entry.getKey() + "]"));
        }
        return out;
    }

    private static Map<String, Object> struct(Field field, Object value, String path) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("Column '" + path + "' is a STRUCT: set a Map of field name to value,"
                    + " not " + value.getClass().getSimpleName());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = String.valueOf(entry.getKey());
            Field child = field.getChildren().stream().filter(c -> c.getName().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Column '" + path + "' has no field '" + name
                            + "' (its fields: " + String.join(", ", field.getChildren().stream().map(Field::getName)
                            .toList()) + ")"));
            out.put(child.getName(), convert(child, entry.getValue(), path + "." + child.getName()));
        }
        return out;
    }

    private static IllegalArgumentException mismatch(String path, ArrowType type, Object value) {
        return new IllegalArgumentException("Column '" + path + "' of type " + TypeText.of(type) + " cannot take a "
                + value.getClass().getSimpleName() + " (" + value + ")");
    }
}
