package io.flock.tests.conformance;

import java.math.BigInteger;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Normalizes client values so one expectation fits every client. */
final class Values {
    private Values() {
    }

    /**
     * Integral numbers become Long (BigInteger if too large), Float becomes Double, Arrow Text becomes
     * String, java.sql dates and timestamps become java.time, OffsetDateTime becomes Instant,
     * java.sql.Array and arrays (except byte[]) become List, maps are copied with normalized keys and values.
     */
    static Object normalize(Object value) {
        if (value == null || value instanceof byte[]) {
            return value;
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value.getClass().getName().endsWith("org.apache.arrow.vector.util.Text")) {
            return value.toString(); // Arrow's Text, also as relocated inside the stock JDBC driver
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof java.sql.Array array) {
            try {
                return normalize(array.getArray());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        if (value instanceof Object[] objects) {
            return normalize(Arrays.asList(objects));
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(normalize(element)));
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(normalize(k), normalize(v)));
            return copy;
        }
        return value;
    }
}
