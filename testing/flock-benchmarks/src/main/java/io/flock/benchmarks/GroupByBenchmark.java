package io.flock.benchmarks;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * Benchmark 2: {@link BenchmarkData#GROUP_BY_QUERY} over table {@code g} (half the fetch rows,
 * 1,000 groups), Flock through FlightSqlClient against embedded DuckDB through JDBC; the result
 * is small, so this compares query execution plus Flock's per-query overhead.
 */
final class GroupByBenchmark {
    static final String NAME = "GROUP BY k, 1,000 groups";
    static final double TARGET_RATIO = 1.2;

    private GroupByBenchmark() {}

    static List<Result> run(BenchmarkContext context) throws Exception {
        context.progress().println("GROUP BY over " + context.options().groupByRows() + " rows");
        int warmup = context.options().warmupRuns();
        Timings flock;
        try (FlockSession session = new FlockSession(context.flock(), context.allocator())) {
            flock = context.measure("Flock, FlightSqlClient", warmup,
                    () -> session.countRows(BenchmarkData.GROUP_BY_QUERY));
        }
        Timings duckDb = context.measure("DuckDB embedded, JDBC", warmup, () -> {
            try (Statement statement = context.duckDb().connection().createStatement();
                    ResultSet resultSet = statement.executeQuery(BenchmarkData.GROUP_BY_QUERY)) {
                return ResultSetReader.readAll(resultSet);
            }
        });
        return List.of(
                Result.reference(NAME, "Flock, FlightSqlClient", flock.medianMillis(), Result.Unit.MILLISECONDS,
                        flock.rows()),
                Result.reference(NAME, "DuckDB embedded, JDBC", duckDb.medianMillis(), Result.Unit.MILLISECONDS,
                        duckDb.rows()),
                Result.atMost(NAME, "Flock / DuckDB median time", flock.medianMillis() / duckDb.medianMillis(),
                        Result.Unit.RATIO, flock.rows(), TARGET_RATIO));
    }
}
