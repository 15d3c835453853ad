package io.flock.engine.duckdb;

import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.duckdb.DuckDBPreparedStatement;

/** Binds Java parameter values to a DuckDB prepared statement. */
final class DuckDbParameters {
    private DuckDbParameters() {
    }

    static void bind(DuckDBPreparedStatement statement, List<Object> parameters) throws SQLException {
        int expected = statement.getParameterMetaData().getParameterCount();
        if (parameters.size() != expected) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT, "The statement has " + expected
                    + " parameter(s) but " + parameters.size() + " value(s) were given");
        }
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, toDuckDb(parameters.get(i)));
        }
    }

    /** Values DuckDB's JDBC binding takes as they are, the others as text DuckDB casts. */
    private static Object toDuckDb(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Byte || value instanceof Short
                || value instanceof Integer || value instanceof Long || value instanceof Float
                || value instanceof Double || value instanceof BigDecimal || value instanceof BigInteger
                || value instanceof String || value instanceof LocalDateTime || value instanceof OffsetDateTime
                || value instanceof LocalDate || value instanceof UUID || value instanceof byte[]) {
            return value;
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof LocalTime time) {
            return time.toString();
        }
        return value.toString();
    }
}
