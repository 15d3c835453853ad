package io.flock.client;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One row of a query result, its values already copied out of Arrow as plain Java values:
 *
 * <table>
 * <caption>Java value by SQL type</caption>
 * <tr><th>SQL type</th><th>Java value</th></tr>
 * <tr><td>BOOLEAN</td><td>Boolean</td></tr>
 * <tr><td>TINYINT, SMALLINT, INTEGER, BIGINT</td><td>Byte, Short, Integer, Long</td></tr>
 * <tr><td>UTINYINT, USMALLINT, UINTEGER, UBIGINT</td><td>Integer, Integer, Long, BigInteger (exact)</td></tr>
 * <tr><td>FLOAT, DOUBLE</td><td>Float, Double</td></tr>
 * <tr><td>DECIMAL, HUGEINT</td><td>BigDecimal</td></tr>
 * <tr><td>VARCHAR, UUID, JSON, ENUM</td><td>String</td></tr>
 * <tr><td>BLOB, BIT</td><td>byte[]</td></tr>
 * <tr><td>DATE</td><td>LocalDate</td></tr>
 * <tr><td>TIME</td><td>LocalTime</td></tr>
 * <tr><td>TIMESTAMP (any unit)</td><td>LocalDateTime</td></tr>
 * <tr><td>TIMESTAMP WITH TIME ZONE</td><td>Instant</td></tr>
 * <tr><td>INTERVAL</td><td>String, ISO-8601 ({@code P14M3DT4H5M6.789S})</td></tr>
 * <tr><td>T[], T[n]</td><td>List</td></tr>
 * <tr><td>STRUCT, MAP</td><td>Map (field order kept)</td></tr>
 * </table>
 *
 * <p>NULL of any type is {@code null}. Column names are matched exactly first, then ignoring case.
 *
 * <p>Immutable (the values are not copied again) and safe to share between threads once built.
 */
public final class Row {
    private final List<String> names;
    private final Map<String, Integer> indexByName;
    private final Object[] values;

    Row(List<String> names, Map<String, Integer> indexByName, Object[] values) {
        this.names = requireNonNull(names, "names is null");
        this.indexByName = requireNonNull(indexByName, "indexByName is null");
        this.values = requireNonNull(values, "values is null");
    }

    /** The number of columns. */
    public int size() {
        return values.length;
    }

    /** The value of column {@code index} (0-based). */
    public Object get(int index) {
        if (index < 0 || index >= values.length) {
            throw new IndexOutOfBoundsException("Column index " + index + " is out of range: the row has "
                    + values.length + " columns " + names);
        }
        return values[index];
    }

    /** The value of the column named {@code name}. */
    public Object get(String name) {
        return values[indexOf(name)];
    }

    /** The 0-based index of the column named {@code name}. */
    public int indexOf(String name) {
        Integer index = indexByName.get(requireNonNull(name, "name is null"));
        if (index == null) {
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equalsIgnoreCase(name)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("No column '" + name + "' in this row; columns: " + names);
        }
        return index;
    }

    public boolean isNull(int index) {
        return get(index) == null;
    }

    public boolean isNull(String name) {
        return get(name) == null;
    }

    /** The value as text ({@code toString()} of non-text values), or null. */
    public String getString(int index) {
        Object value = get(index);
        return value == null ? null : value.toString();
    }

    public String getString(String name) {
        return getString(indexOf(name));
    }

    /** An integral value as {@code long}; null fails. */
    public long getLong(int index) {
        return number(index).longValue();
    }

    public long getLong(String name) {
        return getLong(indexOf(name));
    }

    /** An integral value as {@code int}; null or a value out of range fails. */
    public int getInt(int index) {
        return Math.toIntExact(getLong(index));
    }

    public int getInt(String name) {
        return getInt(indexOf(name));
    }

    /** A numeric value as {@code double}; null fails. */
    public double getDouble(int index) {
        return number(index).doubleValue();
    }

    public double getDouble(String name) {
        return getDouble(indexOf(name));
    }

    /** A boolean value; null fails. */
    public boolean getBoolean(int index) {
        return as(index, Boolean.class, true);
    }

    public boolean getBoolean(String name) {
        return getBoolean(indexOf(name));
    }

    /** A numeric value as BigDecimal, or null. */
    public BigDecimal getBigDecimal(int index) {
        Object value = get(index);
        if (value == null || value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        if (value instanceof java.math.BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue());
        }
        return BigDecimal.valueOf(number(index).longValue());
    }

    public BigDecimal getBigDecimal(String name) {
        return getBigDecimal(indexOf(name));
    }

    /** A BLOB as a copy of its bytes, or null. */
    public byte[] getBytes(int index) {
        byte[] bytes = as(index, byte[].class, false);
        return bytes == null ? null : bytes.clone();
    }

    public byte[] getBytes(String name) {
        return getBytes(indexOf(name));
    }

    public LocalDate getLocalDate(int index) {
        return as(index, LocalDate.class, false);
    }

    public LocalDate getLocalDate(String name) {
        return getLocalDate(indexOf(name));
    }

    public LocalTime getLocalTime(int index) {
        return as(index, LocalTime.class, false);
    }

    public LocalTime getLocalTime(String name) {
        return getLocalTime(indexOf(name));
    }

    public LocalDateTime getLocalDateTime(int index) {
        return as(index, LocalDateTime.class, false);
    }

    public LocalDateTime getLocalDateTime(String name) {
        return getLocalDateTime(indexOf(name));
    }

    public Instant getInstant(int index) {
        return as(index, Instant.class, false);
    }

    public Instant getInstant(String name) {
        return getInstant(indexOf(name));
    }

    /** The values in column order, as an unmodifiable list (may hold nulls). */
    public List<Object> values() {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    private Number number(int index) {
        return as(index, Number.class, true);
    }

    private <T> T as(int index, Class<T> type, boolean required) {
        Object value = get(index);
        if (value == null) {
            if (required) {
                throw new IllegalStateException("Column '" + names.get(index) + "' is NULL; read it with get() or "
                        + "check isNull() first");
            }
            return null;
        }
        if (!type.isInstance(value)) {
            throw new ClassCastException("Column '" + names.get(index) + "' holds a " + value.getClass().getSimpleName()
                    + ", not a " + type.getSimpleName());
        }
        return type.cast(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Row row && names.equals(row.names) && Arrays.deepEquals(values, row.values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.deepToString(values);
    }
}
