package io.flock.flight;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** The type catalogue answered to CommandGetXdbcTypeInfo (JDBC's getTypeInfo). */
final class XdbcTypes {
    private XdbcTypes() {
    }

    private record TypeRow(String name, int jdbcType, Integer columnSize, String prefix, String suffix,
                           List<String> createParams, boolean caseSensitive, Boolean unsigned, boolean fixedScale,
                           Integer minScale, Integer maxScale) {
    }

    private static final List<TypeRow> TYPES = List.of(
            new TypeRow("BOOLEAN", Types.BOOLEAN, 1, null, null, null, false, null, false, null, null),
            new TypeRow("TINYINT", Types.TINYINT, 3, null, null, null, false, false, false, 0, 0),
            new TypeRow("SMALLINT", Types.SMALLINT, 5, null, null, null, false, false, false, 0, 0),
            new TypeRow("INTEGER", Types.INTEGER, 10, null, null, null, false, false, false, 0, 0),
            new TypeRow("BIGINT", Types.BIGINT, 19, null, null, null, false, false, false, 0, 0),
            new TypeRow("HUGEINT", Types.NUMERIC, 38, null, null, null, false, false, false, 0, 0),
            new TypeRow("UTINYINT", Types.SMALLINT, 3, null, null, null, false, true, false, 0, 0),
            new TypeRow("USMALLINT", Types.INTEGER, 5, null, null, null, false, true, false, 0, 0),
            new TypeRow("UINTEGER", Types.BIGINT, 10, null, null, null, false, true, false, 0, 0),
            new TypeRow("UBIGINT", Types.NUMERIC, 20, null, null, null, false, true, false, 0, 0),
            new TypeRow("FLOAT", Types.REAL, 7, null, null, null, false, false, false, null, null),
            new TypeRow("DOUBLE", Types.DOUBLE, 15, null, null, null, false, false, false, null, null),
            new TypeRow("DECIMAL", Types.DECIMAL, 38, null, null, List.of("precision", "scale"), false, false, true, 0, 38),
            new TypeRow("VARCHAR", Types.VARCHAR, Integer.MAX_VALUE, "'", "'", List.of("length"), true, null, false, null, null),
            new TypeRow("BLOB", Types.VARBINARY, Integer.MAX_VALUE, "'", "'::BLOB", null, false, null, false, null, null),
            new TypeRow("DATE", Types.DATE, 10, "DATE '", "'", null, false, null, false, null, null),
            new TypeRow("TIME", Types.TIME, 15, "TIME '", "'", null, false, null, false, null, null),
            new TypeRow("TIMESTAMP", Types.TIMESTAMP, 26, "TIMESTAMP '", "'", null, false, null, false, null, null),
            new TypeRow("TIMESTAMP WITH TIME ZONE", Types.TIMESTAMP_WITH_TIMEZONE, 32, "TIMESTAMPTZ '", "'", null, false,
                    null, false, null, null),
            new TypeRow("INTERVAL", Types.OTHER, null, "INTERVAL '", "'", null, false, null, false, null, null),
            new TypeRow("UUID", Types.OTHER, 36, "'", "'::UUID", null, false, null, false, null, null),
            new TypeRow("JSON", Types.OTHER, Integer.MAX_VALUE, "'", "'::JSON", null, true, null, false, null, null),
            new TypeRow("LIST", Types.ARRAY, null, null, null, null, false, null, false, null, null),
            new TypeRow("STRUCT", Types.STRUCT, null, null, null, null, false, null, false, null, null),
            new TypeRow("MAP", Types.OTHER, null, null, null, null, false, null, false, null, null));

    /** Rows in the column order of the Flight SQL type-info schema, optionally for one JDBC type. */
    static List<Object[]> rows(Integer dataType) {
        List<Object[]> rows = new ArrayList<>();
        for (TypeRow t : TYPES) {
            if (dataType != null && t.jdbcType() != dataType) {
                continue;
            }
            rows.add(new Object[] {t.name(), t.jdbcType(), t.columnSize(), t.prefix(), t.suffix(), t.createParams(),
                    1 /* nullable */, t.caseSensitive(), 3 /* searchable */, t.unsigned(), t.fixedScale(), false,
                    t.name(), t.minScale(), t.maxScale(), t.jdbcType(), null, t.columnSize() == null ? null : 10, null});
        }
        return rows;
    }
}
