package io.flock.engine.duckdb;

import static io.flock.engine.duckdb.DuckDbKeyedTable.quote;

import io.flock.engine.worker.BadValue;
import io.flock.engine.worker.TableWrite;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.duckdb.DuckDBConnection;

/**
 * Finds, after DuckDB refused a write's rows with a bare conversion message, the first value that
 * does not convert to its table column's type, so the error can name its row and column. Runs on
 * the failure path only: the rows are staged in a temporary table (its rowid keeps their order)
 * and every column whose type differs is tried with {@code TRY_CAST}, in one pass.
 */
final class DuckDbValueChecks {
    private static final AtomicLong VIEWS = new AtomicLong();

    /** A column of the rows (as the rows name it) and the type of the table column it fills. */
    private record Checked(String name, String type) {}

    private DuckDbValueChecks() {
    }

    /** The SQL condition of a value of column {@code name} that does not convert to {@code type}. */
    static String notConvertible(String name, String type) {
        return quote(name) + " IS NOT NULL AND TRY_CAST(" + quote(name) + " AS " + type + ") IS NULL";
    }

    static Optional<BadValue> firstBadValue(DuckDBConnection connection, TableWrite write, ArrowReader rows,
                                            BufferAllocator allocator) throws SQLException {
        Map<String, String> tableTypes = new LinkedHashMap<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT column_name, data_type FROM duckdb_columns()"
                + " WHERE database_name = current_database() AND schema_name = ? AND table_name = ?")) {
            s.setString(1, write.schema());
            s.setString(2, write.table());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tableTypes.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
                }
            }
        }
        String view = "__flock_values_" + VIEWS.incrementAndGet();
        String stage = view + "_stage";
        try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator);
             Statement statement = connection.createStatement()) {
            List<Checked> checked = new ArrayList<>();
            List<Field> fields;
            try {
                fields = rows.getVectorSchemaRoot().getSchema().getFields();
            } catch (java.io.IOException e) {
                throw new SQLException("Cannot read the rows' schema: " + e.getMessage(), e);
            }
            for (Field field : fields) {
                String type = tableTypes.get(field.getName().toLowerCase(Locale.ROOT));
                if (type != null) {
                    checked.add(new Checked(field.getName(), type));
                }
            }
            Data.exportArrayStream(allocator, rows, stream);
            connection.registerArrowStream(view, stream);
            try {
                statement.execute("CREATE TEMP TABLE " + stage + " AS SELECT * FROM " + view);
            } finally {
                statement.execute("DROP VIEW IF EXISTS " + view);
            }
            try {
                StringBuilder sql = new StringBuilder("SELECT coalesce(min(rowid), 0)");
                for (Checked column : checked) {
                    sql.append(", min(rowid) FILTER (WHERE ").append(notConvertible(column.name(), column.type()))
                            .append(')');
                }
                sql.append(" FROM ").append(stage);
                try (ResultSet rs = statement.executeQuery(sql.toString())) {
                    rs.next();
                    long offset = rs.getLong(1);
                    BadValue first = null;
                    for (int i = 0; i < checked.size(); i++) {
                        long row = rs.getLong(i + 2);
                        if (!rs.wasNull() && (first == null || row - offset < first.row())) {
                            first = new BadValue(row - offset, checked.get(i).name(), checked.get(i).type());
                        }
                    }
                    return Optional.ofNullable(first);
                }
            } finally {
                statement.execute("DROP TABLE IF EXISTS temp." + stage);
            }
        }
    }
}
