package io.flock.benchmarks;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark 2: {@link BenchmarkData#GROUP_BY_QUERY} over table {@code g} (half the fetch rows,
 * 1,000 groups), Flock through FlightSqlClient against embedded DuckDB through JDBC; the result
 * is small, so this compares query execution plus Flock's per-query overhead. Beside them, the
 * same query through {@link BareDuckDbFlightServer} (embedded DuckDB behind the bare transport):
 * what the transport alone adds (warmed up like the Flock server: run cold, its Java path added
 * about 5 ms to every query). The three run alternately, twenty times as many runs as the other
 * benchmarks.
 *
 * <p>Flock runs in a JVM, DuckDB is native code: the runner first warms the server up
 * ({@link LatencyBenchmark#warmUp}), so that the runs see its per-query code compiled by the JIT,
 * as on a server that has been up for a while. Without that the GROUP BY runs measure a server
 * whose JIT compiler still takes a share of the two cores.
 */
final class GroupByBenchmark {
    static final String NAME = "GROUP BY k, 1,000 groups";
    static final double TARGET_RATIO = 1.2;
    private static final String FLOCK = "Flock, FlightSqlClient";
    private static final String BARE = "Flight + DuckDB, no server logic (limit)";
    private static final String DUCKDB = "DuckDB embedded, JDBC";

    /**
     * Runs take about 20 ms, so this benchmark takes twenty times as many as the others (100 by
     * default, some 7 s of alternating runs): with 15 the measured window was about a second, and a
     * second in which something else held one of the two cores (a JIT compilation, say) doubled
     * DuckDB's time in one run and not in the next (medians of 16 and 30 ms in two runs).
     */
    private static final int RUNS_FACTOR = 20;

    private GroupByBenchmark() {}

    static List<Result> run(BenchmarkContext context) throws Exception {
        context.progress().println("GROUP BY over " + context.options().groupByRows() + " rows");
        int warmup = context.options().warmupRuns() * RUNS_FACTOR;
        int runs = context.options().measuredRuns() * RUNS_FACTOR;
        context.progress().printf("  Flock, Flight + DuckDB and DuckDB alternately: %d warm-up + %d measured runs each%n", warmup, runs);
        List<Timings> timings;
        try (FlockSession session = new FlockSession(context.flock(), context.allocator());
                BareDuckDbFlightServer bare = BareDuckDbFlightServer.over(context.allocator(), context.duckDb());
                FlockSession bareSession = new FlockSession(bare, context.allocator())) {
            LatencyBenchmark.warmUp(context, bare); // as the runner warmed up the Flock server
            Map<String, Timings.Run> bodies = new LinkedHashMap<>();
            bodies.put(FLOCK, () -> session.countRows(BenchmarkData.GROUP_BY_QUERY));
            bodies.put(BARE, () -> bareSession.countRows(BenchmarkData.GROUP_BY_QUERY));
            bodies.put(DUCKDB, () -> queryDuckDb(context));
            timings = Timings.interleave(bodies, warmup, runs);
        }
        Timings flock = timings.get(0);
        Timings bare = timings.get(1);
        Timings duckDb = timings.get(2);
        context.progress().printf("    median Flock %.1f ms, Flight + DuckDB without server logic %.1f ms, DuckDB %.1f ms,"
                + " %d groups%n", flock.medianMillis(), bare.medianMillis(), duckDb.medianMillis(), flock.rows());
        return List.of(
                Result.reference(NAME, FLOCK, flock.medianMillis(), Result.Unit.MILLISECONDS, flock.rows()),
                Result.reference(NAME, DUCKDB, duckDb.medianMillis(), Result.Unit.MILLISECONDS, duckDb.rows()),
                Result.reference(NAME, BARE, bare.medianMillis(), Result.Unit.MILLISECONDS, bare.rows()),
                Result.reference(NAME, "Flight + DuckDB without server logic / DuckDB",
                        bare.medianMillis() / duckDb.medianMillis(), Result.Unit.RATIO, bare.rows()),
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
