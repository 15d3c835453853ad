package io.flock.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Conversions between the SDK's Java values ({@link io.flock.client.Row}) and what JDBC getters
 * and setters use. TIMESTAMP values have no zone: {@code java.sql.Timestamp} shows them in the
 * JVM's zone, as JDBC does; TIMESTAMP WITH TIME ZONE values are instants, shown in UTC.
 */
final class JdbcValues {
    private JdbcValues() {
    }

    /** The value {@code getObject(i)} returns. */
    static Object jdbcObject(Object value) {
        if (value instanceof LocalDate date) {
            return java.sql.Date.valueOf(date);
        }
        if (value instanceof LocalDateTime dateTime) {
            return Timestamp.valueOf(dateTime);
        }
        if (value instanceof LocalTime time) {
            return Time.valueOf(time);
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        return value;
    }

    /** The value a setter's argument is bound as. */
    static Object parameter(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof Time time) {
            return time.toLocalTime();
        }
        if (value instanceof Character character) {
            return character.toString();
        }
        return value;
    }

    static BigDecimal decimal(Object value, String column) throws SQLException {
        if (value == null || value instanceof BigDecimal) {
            return (BigDecimal) value;
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
        if (value instanceof Boolean bool) {
            return bool ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(value.toString().trim());
        } catch (NumberFormatException e) {
            throw cannot(value, "a number", column);
        }
    }

    static BigDecimal decimal(Object value, int scale, String column) throws SQLException {
        BigDecimal decimal = decimal(value, column);
        return decimal == null ? null : decimal.setScale(scale, RoundingMode.HALF_UP);
    }

    static long integral(Object value, String column) throws SQLException {
        if (value == null) {
            return 0;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number number && !(value instanceof BigDecimal) && !(value instanceof BigInteger)) {
            return number.longValue();
        }
        try {
            return decimal(value, column).setScale(0, RoundingMode.DOWN).longValueExact();
        } catch (ArithmeticException e) {
            throw new SQLDataException("The value " + value + " of column '" + column + "' does not fit a long", "22003", e);
        }
    }

    static double floating(Object value, String column) throws SQLException {
        if (value == null) {
            return 0;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        return decimal(value, column).doubleValue();
    }

    static boolean bool(Object value, String column) throws SQLException {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof Number number) {
            return number.doubleValue() != 0;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equals("1")) {
            return true;
        }
        if (text.equalsIgnoreCase("false") || text.equals("0")) {
            return false;
        }
        throw cannot(value, "a boolean", column);
    }

    static LocalDate localDate(Object value, String column) throws SQLException {
        if (value == null || value instanceof LocalDate) {
            return (LocalDate) value;
        }
        if (value instanceof LocalDateTime dateTime) {
            return dateTime.toLocalDate();
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC).toLocalDate();
        }
        throw cannot(value, "a date", column);
    }

    static LocalTime localTime(Object value, String column) throws SQLException {
        if (value == null || value instanceof LocalTime) {
            return (LocalTime) value;
        }
        if (value instanceof LocalDateTime dateTime) {
            return dateTime.toLocalTime();
        }
        throw cannot(value, "a time", column);
    }

    static LocalDateTime localDateTime(Object value, String column) throws SQLException {
        if (value == null || value instanceof LocalDateTime) {
            return (LocalDateTime) value;
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay();
        }
        if (value instanceof Instant instant) {
            return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        throw cannot(value, "a timestamp", column);
    }

    static OffsetDateTime offsetDateTime(Object value, String column) throws SQLException {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime dateTime) {
            return dateTime.atOffset(ZoneOffset.UTC);
        }
        throw cannot(value, "a timestamp with time zone", column);
    }

    static Timestamp timestamp(Object value, String column) throws SQLException {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return Timestamp.from(instant);
        }
        return Timestamp.valueOf(localDateTime(value, column));
    }

    @SuppressWarnings("unchecked")
    static <T> T as(Object value, Class<T> type, String column) throws SQLException {
        if (value == null) {
            return null;
        }
        if (type == LocalDate.class) {
            return (T) localDate(value, column);
        }
        if (type == LocalDateTime.class) {
            return (T) localDateTime(value, column);
        }
        if (type == LocalTime.class) {
            return (T) localTime(value, column);
        }
        if (type == OffsetDateTime.class) {
            return (T) offsetDateTime(value, column);
        }
        if (type == ZonedDateTime.class) {
            return (T) offsetDateTime(value, column).toZonedDateTime();
        }
        if (type == Instant.class) {
            return (T) (value instanceof Instant ? value : offsetDateTime(value, column).toInstant());
        }
        if (type == BigDecimal.class) {
            return (T) decimal(value, column);
        }
        if (type == String.class) {
            return (T) value.toString();
        }
        if (type == Long.class) {
            return (T) Long.valueOf(integral(value, column));
        }
        if (type == Integer.class) {
            return (T) Integer.valueOf(Math.toIntExact(integral(value, column)));
        }
        if (type == Short.class) {
            return (T) Short.valueOf((short) integral(value, column));
        }
        if (type == Double.class) {
            return (T) Double.valueOf(floating(value, column));
        }
        if (type == Float.class) {
            return (T) Float.valueOf((float) floating(value, column));
        }
        if (type == Boolean.class) {
            return (T) Boolean.valueOf(bool(value, column));
        }
        if (type == Timestamp.class) {
            return (T) timestamp(value, column);
        }
        if (type == java.sql.Date.class) {
            return (T) java.sql.Date.valueOf(localDate(value, column));
        }
        if (type == Time.class) {
            return (T) Time.valueOf(localTime(value, column));
        }
        Object jdbc = jdbcObject(value);
        if (type.isInstance(jdbc)) {
            return type.cast(jdbc);
        }
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        throw cannot(value, "a " + type.getName(), column);
    }

    private static SQLException cannot(Object value, String wanted, String column) {
        return new SQLDataException("Column '" + column + "' holds a " + value.getClass().getSimpleName() + " ("
                + value + "), which cannot be read as " + wanted, "22018");
    }
}
