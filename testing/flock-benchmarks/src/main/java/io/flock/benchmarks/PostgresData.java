package io.flock.benchmarks;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Table {@code t} in a local PostgreSQL, with the same rows as in Flock and DuckDB
 * ({@link BenchmarkData}), created by {@code INSERT … SELECT … FROM generate_series}. The
 * {@code run} script starts the server on loopback and passes its URL ({@code --postgres-url}).
 */
final class PostgresData {
    private PostgresData() {}

    /** The statements that create {@code t} with {@code rows} rows. */
    static String[] createStatements(long rows) {
        return new String[] {
            "DROP TABLE IF EXISTS t",
            "CREATE TABLE t (id BIGINT, k INTEGER, v DOUBLE PRECISION, s VARCHAR)",
            "INSERT INTO t SELECT i, CAST(i % " + BenchmarkData.GROUPS + " AS INTEGER), CAST(i AS DOUBLE PRECISION) * 0.5, "
                    + "'row-' || lpad(CAST(i AS TEXT), 12, '0') FROM generate_series(0, " + (rows - 1) + ") AS i",
            "VACUUM ANALYZE t",
        };
    }

    /** Creates {@code t}; returns the seconds it took. Checks the row count. */
    static double load(String url, long rows, PrintStream progress) throws Exception {
        progress.println("Loading " + rows + " rows into PostgreSQL (" + withoutSecrets(url) + ")");
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            for (String sql : createStatements(rows)) {
                statement.execute(sql);
            }
            try (ResultSet count = statement.executeQuery("SELECT count(*) FROM t")) {
                count.next();
                if (count.getLong(1) != rows) {
                    throw new IllegalStateException("PostgreSQL table t holds " + count.getLong(1) + " rows, not " + rows);
                }
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    static String withoutSecrets(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
