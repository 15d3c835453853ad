package io.flock.engine.duckdb;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;

/**
 * Reads the {@code VARCHAR(n)} limits of a table back from DuckDB: Flock stores each as the CHECK
 * constraint {@code length("col") <= n} (DuckDB itself ignores the length), which DuckDB reports
 * as {@code (length("col") <= n)}.
 */
final class DuckDbColumnLimits {
    private static final Pattern LENGTH_CHECK = Pattern.compile("^\\(length\\(\"((?:[^\"]|\"\")+)\"\\) <= (\\d+)\\)$");

    private DuckDbColumnLimits() {
    }

    static Map<String, Integer> maxLengths(DuckDBConnection connection, String schema, String table)
            throws SQLException {
        Map<String, Integer> limits = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT expression, constraint_column_names"
                + " FROM duckdb_constraints() WHERE database_name = current_database() AND schema_name = ?"
                + " AND table_name = ? AND constraint_type = 'CHECK'")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String expression = rs.getString(1);
                    Array columns = rs.getArray(2);
                    Object[] names = (Object[]) columns.getArray();
                    Matcher matcher = expression == null ? null : LENGTH_CHECK.matcher(expression.strip());
                    if (matcher != null && matcher.matches() && names.length == 1) {
                        String column = matcher.group(1).replace("\"\"", "\"");
                        if (column.equals(String.valueOf(names[0]))) {
                            limits.merge(column, Integer.parseInt(matcher.group(2)), Math::min);
                        }
                    }
                }
            }
        }
        return limits;
    }
}
