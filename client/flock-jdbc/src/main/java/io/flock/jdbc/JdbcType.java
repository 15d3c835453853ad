package io.flock.jdbc;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDBC view of one Flock (DuckDB) type name as the SDK reports it, e.g. {@code DECIMAL(18,3)}:
 * its {@link java.sql.Types} code, precision, scale, display size and Java class.
 *
 * @param typeName the DuckDB type name
 * @param jdbcType the {@link java.sql.Types} code
 * @param precision digits for numbers, characters for text and times, 0 when unbounded
 * @param scale digits after the point for DECIMAL, else 0
 * @param className the class {@code getObject} returns
 */
record JdbcType(String typeName, int jdbcType, int precision, int scale, String className) {
    private static final Pattern DECIMAL = Pattern.compile("(?:DECIMAL|NUMERIC)\\((\\d+),\\s*(\\d+)\\)");

    JdbcType {
        requireNonNull(typeName, "typeName is null");
        requireNonNull(className, "className is null");
    }

    static JdbcType of(String typeName) {
        String type = typeName.toUpperCase(Locale.ROOT).trim();
        Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches()) {
            return new JdbcType(typeName, java.sql.Types.DECIMAL, Integer.parseInt(decimal.group(1)),
                    Integer.parseInt(decimal.group(2)), "java.math.BigDecimal");
        }
        if (type.endsWith("]")) {
            return new JdbcType(typeName, java.sql.Types.ARRAY, 0, 0, "java.util.List");
        }
        if (type.startsWith("STRUCT") || type.startsWith("MAP") || type.startsWith("UNION")) {
            return new JdbcType(typeName, java.sql.Types.STRUCT, 0, 0, "java.util.Map");
        }
        return switch (type) {
            case "BOOLEAN" -> new JdbcType(typeName, java.sql.Types.BOOLEAN, 1, 0, "java.lang.Boolean");
            case "TINYINT" -> new JdbcType(typeName, java.sql.Types.TINYINT, 3, 0, "java.lang.Byte");
            case "SMALLINT" -> new JdbcType(typeName, java.sql.Types.SMALLINT, 5, 0, "java.lang.Short");
            case "INTEGER" -> new JdbcType(typeName, java.sql.Types.INTEGER, 10, 0, "java.lang.Integer");
            case "BIGINT" -> new JdbcType(typeName, java.sql.Types.BIGINT, 19, 0, "java.lang.Long");
            case "UTINYINT" -> new JdbcType(typeName, java.sql.Types.SMALLINT, 3, 0, "java.lang.Integer");
            case "USMALLINT" -> new JdbcType(typeName, java.sql.Types.INTEGER, 5, 0, "java.lang.Integer");
            case "UINTEGER" -> new JdbcType(typeName, java.sql.Types.BIGINT, 10, 0, "java.lang.Long");
            case "UBIGINT" -> new JdbcType(typeName, java.sql.Types.NUMERIC, 20, 0, "java.math.BigInteger");
            case "HUGEINT", "UHUGEINT" -> new JdbcType(typeName, java.sql.Types.NUMERIC, 39, 0, "java.math.BigDecimal");
            case "FLOAT", "REAL" -> new JdbcType(typeName, java.sql.Types.REAL, 7, 0, "java.lang.Float");
            case "DOUBLE" -> new JdbcType(typeName, java.sql.Types.DOUBLE, 15, 0, "java.lang.Double");
            case "VARCHAR", "JSON", "UUID", "ENUM" -> new JdbcType(typeName, java.sql.Types.VARCHAR, 0, 0, "java.lang.String");
            case "INTERVAL" -> new JdbcType(typeName, java.sql.Types.OTHER, 0, 0, "java.lang.String");
            case "BLOB", "BIT" -> new JdbcType(typeName, java.sql.Types.VARBINARY, 0, 0, "[B");
            case "DATE" -> new JdbcType(typeName, java.sql.Types.DATE, 10, 0, "java.sql.Date");
            case "TIME" -> new JdbcType(typeName, java.sql.Types.TIME, 15, 0, "java.sql.Time");
            case "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS" ->
                    new JdbcType(typeName, java.sql.Types.TIMESTAMP, 29, 0, "java.sql.Timestamp");
            case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ" ->
                    new JdbcType(typeName, java.sql.Types.TIMESTAMP_WITH_TIMEZONE, 35, 0, "java.time.OffsetDateTime");
            case "NULL" -> new JdbcType(typeName, java.sql.Types.NULL, 0, 0, "java.lang.Object");
            default -> new JdbcType(typeName, java.sql.Types.OTHER, 0, 0, "java.lang.Object");
        };
    }

    boolean isSigned() {
        return switch (jdbcType) {
            case java.sql.Types.TINYINT, java.sql.Types.SMALLINT, java.sql.Types.INTEGER, java.sql.Types.BIGINT,
                    java.sql.Types.REAL, java.sql.Types.DOUBLE, java.sql.Types.DECIMAL -> !typeName.startsWith("U");
            case java.sql.Types.NUMERIC -> typeName.equalsIgnoreCase("HUGEINT");
            default -> false;
        };
    }

    /** Characters needed to show a value. */
    int displaySize() {
        return switch (jdbcType) {
            case java.sql.Types.DECIMAL, java.sql.Types.NUMERIC -> precision + 2;
            case java.sql.Types.REAL -> 15;
            case java.sql.Types.DOUBLE -> 24;
            case java.sql.Types.BOOLEAN -> 5;
            default -> precision > 0 ? precision + 1 : Integer.MAX_VALUE;
        };
    }
}
