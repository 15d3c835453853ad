package io.flock.benchmarks;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * Benchmark 2: {@link BenchmarkData#GROUP_BY_QUERY} over table {@code g} (half the fetch rows,
 * 1,000 groups), Flock through FlightSqlClient against embedded DuckDB through JDBC; the result
 * is small, so this compares query execution plus Flock's per-query overhead. The two engines
 * run alternately, three times as many runs as the other benchmarks.
 *
 * <p>Flock runs in a JVM, DuckDB is native code: the runner first warms the server up
 * ({@link LatencyBenchmark#warmUp}), so that the runs see its per-query code compiled by the JIT,
 * as on a server that has been up for a while. Without that the GROUP BY runs measure a server
 * whose JIT compiler still takes a share of the two cores.
 */
final class GroupByBenchmark {
    static final String NAME = "GROUP BY k, 1,000 groups";
    static final double TARGET_RATIO = 1.2;

    /** Runs are short, so this benchmark takes more of them than the others. */
    private static final int RUNS_FACTOR = 3;

    private GroupByBenchmark() {}

    static List<Result> run(BenchmarkContext context) throws Exception {
        context.progress().println("GROUP BY over " + context.options().groupByRows() + " rows");
        int warmup = context.options().warmupRuns();
        int runs = context.options().measuredRuns() * RUNS_FACTOR;
        context.progress().printf("  Flock and DuckDB alternately: %d warm-up + %d measured runs each%n", warmup, runs);
        List<Timings> timings;
        try (FlockSession session = new FlockSession(context.flock(), context.allocator())) {
            timings = Timings.interleave(
                    "Flock, FlightSqlClient", () -> session.countRows(BenchmarkData.GROUP_BY_QUERY),
                    "DuckDB embedded, JDBC", () -> queryDuckDb(context), warmup, runs);
        }
        Timings flock = timings.get(0);
        Timings duckDb = timings.get(1);
        context.progress().printf("    median Flock %.1f ms, DuckDB %.1f ms, %d groups%n", flock.medianMillis(),
                duckDb.medianMillis(), flock.rows());
        return List.of(
                Result.reference(NAME, "Flock, FlightSqlClient", flock.medianMillis(), Result.Unit.MILLISECONDS,
                        flock.rows()),
                Result.reference(NAME, "DuckDB embedded, JDBC", duckDb.medianMillis(), Result.Unit.MILLISECONDS,
                        duckDb.rows()),
                Result.atMost(NAME, "Flock / DuckDB median time", flock.medianMillis() / duckDb.medianMillis(),
                        Result.Unit.RATIO, flock.rows(), TARGET_RATIO));
    }

    private static long queryDuckDb(BenchmarkContext context) throws Exception {
        try (Statement statement = context.duckDb().connection().createStatement();
                ResultSet resultSet = statement.executeQuery(BenchmarkData.GROUP_BY_QUERY)) {
            return ResultSetReader.readAll(resultSet);
        }
    }
}
