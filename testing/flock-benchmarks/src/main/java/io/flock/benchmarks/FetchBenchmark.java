package io.flock.benchmarks;

import io.flock.client.ArrowBatches;
import io.flock.client.FlockClient;
import io.flock.client.QueryResult;
import io.flock.client.Row;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;

/**
 * Benchmark 1: a full fetch of table {@code t} (4 columns) through every client path of Flock
 * (the raw Flight SQL client, the SDK's Arrow stream and row iterator, Flock's JDBC driver, the
 * stock Flight SQL JDBC driver), beside embedded DuckDB's Arrow export and JDBC ResultSet and,
 * when a PostgreSQL URL is given, PostgreSQL's JDBC driver (pgjdbc) streaming with a fetch size
 * and autocommit off. Row paths read every column of every row through its typed getter. Reports
 * rows per second at the median run; connections are opened before timing.
 */
final class FetchBenchmark {
    static final String NAME = "full fetch, 4 columns";
    static final String RATIO_NAME = "full fetch, Flock JDBC / pgjdbc";
    static final double TARGET_ROWS_PER_SECOND = 10_000_000;
    static final double TARGET_FLOCK_JDBC_OVER_PGJDBC = 3;
    static final int PGJDBC_FETCH_SIZE = 65_536;
    private static final int JDBC_MAX_WARMUP = 2;
    private static final long DUCKDB_ARROW_BATCH_ROWS = 65_536;
    private static volatile long sink;

    private FetchBenchmark() {}

    static List<Result> run(BenchmarkContext context) throws Exception {
        context.progress().println("Full fetch of " + context.options().rows() + " rows");
        int warmup = context.options().warmupRuns();
        int jdbcWarmup = Math.min(warmup, JDBC_MAX_WARMUP);
        List<Result> results = new ArrayList<>();

        Timings flockArrow;
        try (FlockSession session = new FlockSession(context.flock(), context.allocator())) {
            flockArrow = context.measure("Flock, FlightSqlClient", warmup,
                    () -> session.countRows(BenchmarkData.FETCH_QUERY));
        }
        results.add(Result.atLeast(NAME, "Flock, FlightSqlClient (Arrow)", flockArrow.rowsPerSecond(),
                Result.Unit.ROWS_PER_SECOND, flockArrow.rows(), TARGET_ROWS_PER_SECOND));

        Timings sdkArrow;
        Timings sdkRows;
        try (FlockClient client = context.flock().sdkClient()) {
            sdkArrow = context.measure("Flock, SDK arrowStream()", warmup, () -> readSdkArrow(client));
            sdkRows = context.measure("Flock, SDK rows()", jdbcWarmup, () -> readSdkRows(client));
        }
        results.add(Result.atLeast(NAME, "Flock, SDK QueryResult.arrowStream()", sdkArrow.rowsPerSecond(),
                Result.Unit.ROWS_PER_SECOND, sdkArrow.rows(), TARGET_ROWS_PER_SECOND));
        results.add(Result.reference(NAME, "Flock, SDK QueryResult.rows()", sdkRows.rowsPerSecond(),
                Result.Unit.ROWS_PER_SECOND, sdkRows.rows()));

        Timings flockJdbc;
        try (Connection connection = DriverManager.getConnection(context.flock().flockJdbcUrl())) {
            flockJdbc = context.measure("Flock, Flock JDBC driver", jdbcWarmup, () -> readJdbc(connection));
        }
        results.add(Result.reference(NAME, "Flock, Flock JDBC driver (jdbc:flock)", flockJdbc.rowsPerSecond(),
                Result.Unit.ROWS_PER_SECOND, flockJdbc.rows()));

        Timings stockJdbc;
        try (Connection connection = DriverManager.getConnection(context.flock().adminJdbcUrl())) {
            stockJdbc = context.measure("Flock, stock Flight SQL JDBC driver", jdbcWarmup, () -> readJdbc(connection));
        }
        results.add(Result.reference(NAME, "Flock, stock Flight SQL JDBC driver", stockJdbc.rowsPerSecond(),
                Result.Unit.ROWS_PER_SECOND, stockJdbc.rows()));

        Connection duckDb = context.duckDb().connection();
        Timings duckDbArrow = context.measure("DuckDB embedded, Arrow export", warmup, () -> readArrow(context, duckDb));
        Timings duckDbJdbc = context.measure("DuckDB embedded, JDBC ResultSet", jdbcWarmup, () -> readJdbc(duckDb));
        results.add(Result.reference(NAME, "DuckDB embedded, Arrow export", duckDbArrow.rowsPerSecond(),
                Result.Unit.ROWS_PER_SECOND, duckDbArrow.rows()));
        results.add(Result.reference(NAME, "DuckDB embedded, JDBC ResultSet", duckDbJdbc.rowsPerSecond(),
                Result.Unit.ROWS_PER_SECOND, duckDbJdbc.rows()));

        String postgresUrl = context.options().postgresUrl();
        if (postgresUrl != null) {
            Timings pgJdbc;
            try (Connection connection = DriverManager.getConnection(postgresUrl)) {
                connection.setAutoCommit(false);
                pgJdbc = context.measure("PostgreSQL, pgjdbc", jdbcWarmup, () -> readPgJdbc(connection));
            }
            results.add(Result.reference(NAME, "PostgreSQL 15 (local), pgjdbc fetchSize " + PGJDBC_FETCH_SIZE,
                    pgJdbc.rowsPerSecond(), Result.Unit.ROWS_PER_SECOND, pgJdbc.rows()));
            results.add(Result.atLeast(RATIO_NAME, "Flock JDBC rows/s over pgjdbc rows/s",
                    flockJdbc.rowsPerSecond() / pgJdbc.rowsPerSecond(), Result.Unit.RATIO_PGJDBC, pgJdbc.rows(),
                    TARGET_FLOCK_JDBC_OVER_PGJDBC));
        } else {
            context.progress().println("  PostgreSQL: no --postgres-url, skipped");
        }
        return results;
    }

    private static long readJdbc(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery(BenchmarkData.FETCH_QUERY)) {
            return ResultSetReader.readAll(resultSet);
        }
    }

    /** pgjdbc streams only with autocommit off and a fetch size; otherwise it buffers the whole result. */
    private static long readPgJdbc(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(PGJDBC_FETCH_SIZE);
            long rows;
            try (ResultSet resultSet = statement.executeQuery(BenchmarkData.FETCH_QUERY)) {
                rows = ResultSetReader.readAll(resultSet);
            }
            connection.commit();
            return rows;
        }
    }

    private static long readSdkArrow(FlockClient client) {
        try (QueryResult result = client.execute(BenchmarkData.FETCH_QUERY);
                ArrowBatches batches = result.arrowStream()) {
            long rows = 0;
            while (batches.next()) {
                rows += batches.root().getRowCount();
            }
            return rows;
        }
    }

    /** Every column of every row through the Row's typed getters, as {@link ResultSetReader} does for JDBC. */
    private static long readSdkRows(FlockClient client) {
        try (QueryResult result = client.execute(BenchmarkData.FETCH_QUERY)) {
            long rows = 0;
            long checksum = 0;
            Iterator<Row> iterator = result.rows();
            while (iterator.hasNext()) {
                Row row = iterator.next();
                rows++;
                checksum += row.getLong(0) + row.getInt(1) + (long) row.getDouble(2);
                String s = row.getString(3);
                checksum += s == null ? 0 : s.length();
            }
            sink += checksum;
            return rows;
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
