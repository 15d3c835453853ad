package io.flock.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;

/**
 * Benchmark 1: a full fetch of table {@code t} (4 columns) through Flock's Arrow Flight SQL
 * client and the stock Flight SQL JDBC driver, beside embedded DuckDB's Arrow export and JDBC
 * ResultSet. Reports rows per second at the median run; connections are opened before timing.
 */
final class FetchBenchmark {
    static final String NAME = "full fetch, 4 columns";
    static final double TARGET_ROWS_PER_SECOND = 10_000_000;
    private static final int JDBC_MAX_WARMUP = 2;
    private static final long DUCKDB_ARROW_BATCH_ROWS = 65_536;

    private FetchBenchmark() {}

    static List<Result> run(BenchmarkContext context) throws Exception {
        context.progress().println("Full fetch of " + context.options().rows() + " rows");
        int warmup = context.options().warmupRuns();
        int jdbcWarmup = Math.min(warmup, JDBC_MAX_WARMUP);

        Timings flockArrow;
        try (FlockSession session = new FlockSession(context.flock(), context.allocator())) {
            flockArrow = context.measure("Flock, FlightSqlClient", warmup,
                    () -> session.countRows(BenchmarkData.FETCH_QUERY));
        }
        Timings flockJdbc;
        try (Connection connection = DriverManager.getConnection(context.flock().adminJdbcUrl())) {
            flockJdbc = context.measure("Flock, stock Flight SQL JDBC driver", jdbcWarmup, () -> readJdbc(connection));
        }
        Connection duckDb = context.duckDb().connection();
        Timings duckDbArrow = context.measure("DuckDB embedded, Arrow export", warmup, () -> readArrow(context, duckDb));
        Timings duckDbJdbc = context.measure("DuckDB embedded, JDBC ResultSet", jdbcWarmup, () -> readJdbc(duckDb));

        return List.of(
                Result.atLeast(NAME, "Flock, FlightSqlClient (Arrow)", flockArrow.rowsPerSecond(),
                        Result.Unit.ROWS_PER_SECOND, flockArrow.rows(), TARGET_ROWS_PER_SECOND),
                Result.reference(NAME, "Flock, stock Flight SQL JDBC driver", flockJdbc.rowsPerSecond(),
                        Result.Unit.ROWS_PER_SECOND, flockJdbc.rows()),
                Result.reference(NAME, "DuckDB embedded, Arrow export", duckDbArrow.rowsPerSecond(),
                        Result.Unit.ROWS_PER_SECOND, duckDbArrow.rows()),
                Result.reference(NAME, "DuckDB embedded, JDBC ResultSet", duckDbJdbc.rowsPerSecond(),
                        Result.Unit.ROWS_PER_SECOND, duckDbJdbc.rows()));
    }

    private static long readJdbc(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery(BenchmarkData.FETCH_QUERY)) {
            return ResultSetReader.readAll(resultSet);
        }
    }

    private static long readArrow(BenchmarkContext context, Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
                DuckDBResultSet resultSet = (DuckDBResultSet) statement.executeQuery(BenchmarkData.FETCH_QUERY);
                ArrowReader reader = (ArrowReader) resultSet.arrowExportStream(context.allocator(),
                        DUCKDB_ARROW_BATCH_ROWS)) {
            long rows = 0;
            while (reader.loadNextBatch()) {
                rows += reader.getVectorSchemaRoot().getRowCount();
            }
            return rows;
        }
    }
}
