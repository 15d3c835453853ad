package io.flock.benchmarks;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Reads a JDBC result to the end the way an application would: every column of every row
 * through its typed getter. Folds the values into a checksum so the JIT cannot drop the reads.
 */
final class ResultSetReader {
    private static volatile long sink;

    private ResultSetReader() {}

    /** Reads every row and column; returns the row count. */
    static long readAll(ResultSet resultSet) throws SQLException {
        ResultSetMetaData metadata = resultSet.getMetaData();
        int columns = metadata.getColumnCount();
        int[] types = new int[columns + 1];
        for (int i = 1; i <= columns; i++) {
            types[i] = metadata.getColumnType(i);
        }
        long rows = 0;
        long checksum = 0;
        while (resultSet.next()) {
            rows++;
            for (int i = 1; i <= columns; i++) {
                checksum += switch (types[i]) {
                    case Types.BIGINT -> resultSet.getLong(i);
                    case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> resultSet.getInt(i);
                    case Types.DOUBLE, Types.FLOAT, Types.REAL -> (long) resultSet.getDouble(i);
                    default -> {
                        String text = resultSet.getString(i);
                        yield text == null ? 0 : text.length();
                    }
                };
            }
        }
        sink += checksum;
        return rows;
    }
}
