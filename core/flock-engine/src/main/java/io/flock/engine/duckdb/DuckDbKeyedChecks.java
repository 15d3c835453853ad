package io.flock.engine.duckdb;

import static io.flock.engine.duckdb.DuckDbKeyedTable.quote;

import io.flock.engine.worker.TableWrite;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import io.flock.spi.RowLocation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checks of a keyed write's staged rows, in one pass: a NULL key, a NULL in a NOT NULL column
 * of an UPSERT row, an operation other than UPSERT or DELETE. The failure names the first bad row
 * (1-based, in stream order), its column and what to do; its {@link RowLocation} holds the row
 * 0-based, as the write's rows were sent.
 */
final class DuckDbKeyedChecks {
    private DuckDbKeyedChecks() {}

    /**
     * The staged rows: their number, and the rowid of the first, so {@code rowid - firstRowId} is a
     * row's 0-based position in the write.
     */
    record Staged(long rows, long firstRowId) {}

    /**
     * One check: the first row for which {@code condition} holds is bad, for {@code reason}, at
     * fault in table column {@code column}.
     */
    private record Check(String condition, String reason, ErrorCode code, String column) {}

    /**
     * Checks the rows of {@code stage} (a temporary table holding the write's rows in order, so its
     * rowid grows with the row's position) and returns their number and the smallest rowid.
     *
     * @param columns the stream's columns, each mapped to the table column it fills
     */
    static Staged check(Statement statement, TableWrite write, DuckDbKeyedTable table, String stage,
                      Map<String, String> columns) throws SQLException {
        String op = write.operation() == TableWrite.Operation.CHANGES ? quote(TableWrite.OPERATION_COLUMN)
                : "'UPSERT'";
        List<Check> checks = new ArrayList<>();
        if (write.operation() == TableWrite.Operation.CHANGES) {
            checks.add(new Check(op + " IS NULL OR " + op + " NOT IN ('UPSERT', 'DELETE')",
                    "has an operation other than UPSERT or DELETE in column '" + TableWrite.OPERATION_COLUMN + "'",
                    ErrorCode.DATA_ERROR, TableWrite.OPERATION_COLUMN));
        }
        columns.forEach((source, target) -> {
            if (table.key().contains(target)) {
                checks.add(new Check(quote(source) + " IS NULL", "has NULL in primary-key column '" + target
                        + "'; every row needs its key", ErrorCode.CONSTRAINT_VIOLATION, target));
            }
        });
        for (DuckDbKeyedTable.Column column : table.columns()) {
            String source = sourceOf(columns, column.name());
            if (source != null && column.builtInScalar()) {
                // Same-type casts cost nothing; a failing one names the row instead of DuckDB's message.
                checks.add(new Check(DuckDbValueChecks.notConvertible(source, column.type()),
                        "has a value in column '" + column.name()
                        + "' that is not a valid " + column.type(), ErrorCode.DATA_ERROR, column.name()));
            }
        }
        for (DuckDbKeyedTable.Column column : table.columns()) {
            if (!column.nullable() && !table.key().contains(column.name())) {
                String source = sourceOf(columns, column.name());
                if (source != null) {
                    checks.add(new Check(op + " = 'UPSERT' AND " + quote(source) + " IS NULL",
                            "has NULL in NOT NULL column '" + column.name() + "'", ErrorCode.CONSTRAINT_VIOLATION,
                            column.name()));
                } else if (column.defaultExpression() == null) {
                    checks.add(new Check(op + " = 'UPSERT'", "lacks NOT NULL column '" + column.name()
                            + "', which has no default", ErrorCode.CONSTRAINT_VIOLATION, column.name()));
                }
            }
        }
        StringBuilder sql = new StringBuilder("SELECT count(*), coalesce(min(rowid), 0)");
        for (Check check : checks) {
            sql.append(", min(rowid) FILTER (WHERE ").append(check.condition()).append(')');
        }
        sql.append(" FROM ").append(stage);
        try (ResultSet rs = statement.executeQuery(sql.toString())) {
            rs.next();
            long first = Long.MAX_VALUE;
            Check failed = null;
            for (int i = 0; i < checks.size(); i++) {
                long row = rs.getLong(i + 3);
                if (!rs.wasNull() && row < first) {
                    first = row;
                    failed = checks.get(i);
                }
            }
            long offset = rs.getLong(2);
            if (failed != null) {
                long row = first - offset;
                throw new FlockException(failed.code(), "Row " + (row + 1) + " of the " + write.operation()
                        + " write into " + write + " " + failed.reason() + ": nothing was written", null,
                        RowLocation.of(row, failed.column()), null);
            }
            return new Staged(rs.getLong(1), offset);
        }
    }

    private static String sourceOf(Map<String, String> columns, String target) {
        for (Map.Entry<String, String> entry : columns.entrySet()) {
            if (entry.getValue().equals(target)) {
                return entry.getKey();
            }
        }
        return null;
    }
}
