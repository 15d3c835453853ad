package io.flock.engine.duckdb;

import static io.flock.engine.duckdb.DuckDbKeyedTable.quote;

import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import io.flock.spi.RowLocation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.duckdb.DuckDBConnection;

/**
 * A Parquet upload read with the table's column types: each file column the table has is cast to
 * the table column's type where the two differ (other columns pass as they are, for the table to
 * refuse by name). When a value does not convert, {@link #firstBadValue} finds it, so the error
 * names the row and column instead of DuckDB's bare conversion message.
 */
final class ParquetUpload {
    private final String path;
    private final ColumnCasts columns;

    private ParquetUpload(String path, ColumnCasts columns) {
        this.path = path;
        this.columns = columns;
    }

    /**
     * Reads the file's columns.
     *
     * @param path the spool file as a SQL literal
     * @param target the table's columns and their DuckDB types
     */
    static ParquetUpload of(DuckDBConnection connection, String path, Map<String, String> target) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet("
                     + path + "))")) {
            while (rs.next()) {
                columns.put(rs.getString(1), rs.getString(2));
            }
        }
        return new ParquetUpload(path, ColumnCasts.of(columns, target));
    }

    /** The rows of the file with the table's types, as a subquery. */
    String expression() {
        return "(SELECT " + columns.selectList() + " FROM read_parquet(" + path + "))";
    }

    /**
     * The first value, in file order, that does not convert to its table column's type, as the
     * error to report, its {@link RowLocation} the row (0-based in the file) and column; empty if
     * every value converts (the read failed for another reason). One pass
     * over the file finds its row, a second reads that value.
     */
    Optional<FlockException> firstBadValue(DuckDBConnection connection) throws SQLException {
        List<Map.Entry<String, String>> cast = columns.cast();
        if (cast.isEmpty()) {
            return Optional.empty();
        }
        String source = "read_parquet(" + path + ", file_row_number = true)";
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < cast.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("min(file_row_number) FILTER (WHERE ")
                    .append(DuckDbValueChecks.notConvertible(cast.get(i).getKey(), cast.get(i).getValue())).append(')');
        }
        try (Statement s = connection.createStatement()) {
            long firstRow = Long.MAX_VALUE;
            Map.Entry<String, String> column = null;
            try (ResultSet rs = s.executeQuery(sql.append(" FROM ").append(source).toString())) {
                rs.next();
                for (int i = 0; i < cast.size(); i++) {
                    long row = rs.getLong(i + 1);
                    if (!rs.wasNull() && row < firstRow) {
                        firstRow = row;
                        column = cast.get(i);
                    }
                }
            }
            if (column == null) {
                return Optional.empty();
            }
            try (ResultSet rs = s.executeQuery("SELECT CAST(" + quote(column.getKey()) + " AS VARCHAR) FROM " + source
                    + " WHERE file_row_number = " + firstRow)) {
                rs.next();
                return Optional.of(new FlockException(ErrorCode.DATA_ERROR, "The upload is not valid: row "
                        + (firstRow + 1) + ", column '" + column.getKey() + "': '" + rs.getString(1)
                        + "' is not a valid " + column.getValue() + " (the table's type of the column)", null,
                        RowLocation.of(firstRow, column.getKey()), null));
            }
        }
    }
}
