package io.flock.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Runs every benchmark in one go: starts a Flock server and an embedded DuckDB database, loads
 * both with the same SQL (and table {@code t} into PostgreSQL when a URL is given), then runs the
 * fetch, GROUP BY, latency and pooled-query benchmarks one after the other (never concurrently: the
 * machine has two cores). Closes everything, and fails if Arrow
 * memory leaked.
 */
final class BenchmarkRunner {
    private BenchmarkRunner() {}

    /** The results of a run, with where the server ran. */
    record Report(BenchmarkOptions options, String serverPlacement, List<Result> results) {
        Report {
            results = List.copyOf(results);
        }
    }

    static Report run(BenchmarkOptions options, PrintStream progress) throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                FlockEndpoint flock = FlockEndpoint.start(options.server());
                EmbeddedDuckDb duckDb = EmbeddedDuckDb.open()) {
            progress.println("Flock server on port " + flock.port() + ", " + flock.description());
            List<Result> results = new ArrayList<>(load(options, flock, duckDb, allocator, progress));
            if (options.postgresUrl() != null) {
                double seconds = PostgresData.load(options.postgresUrl(), options.rows(), progress);
                results.add(Result.reference("load t (INSERT … generate_series)", "PostgreSQL 15 (local), pgjdbc",
                        seconds, Result.Unit.SECONDS, options.rows()));
            }
            BenchmarkContext context = new BenchmarkContext(options, flock, duckDb, allocator, progress);
            if (options.runs(BenchmarkOptions.Benchmark.FETCH)) {
                results.addAll(FetchBenchmark.run(context));
            }
            if (options.runs(BenchmarkOptions.Benchmark.GROUPBY) || options.runs(BenchmarkOptions.Benchmark.LATENCY)) {
                LatencyBenchmark.warmUp(context, flock);
            }
            if (options.runs(BenchmarkOptions.Benchmark.GROUPBY)) {
                results.addAll(GroupByBenchmark.run(context));
            }
            if (options.runs(BenchmarkOptions.Benchmark.LATENCY)) {
                results.addAll(LatencyBenchmark.run(context));
            }
            if (options.runs(BenchmarkOptions.Benchmark.POOLED)) {
                results.addAll(PooledQueryBenchmark.run(context));
            }
            return new Report(options, flock.description(), results);
        }
    }

    private static List<Result> load(BenchmarkOptions options, FlockEndpoint flock, EmbeddedDuckDb duckDb,
                                     BufferAllocator allocator, PrintStream progress) throws Exception {
        String name = "load t and g (CREATE TABLE AS)";
        long rows = options.rows() + options.groupByRows();
        List<String> statements = BenchmarkData.createStatements(options.rows());
        progress.println("Loading " + rows + " rows into Flock and embedded DuckDB");
        long start = System.nanoTime();
        try (FlockSession session = new FlockSession(flock, allocator)) {
            for (String sql : statements) {
                session.update(sql);
            }
        }
        double flockSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        for (String sql : statements) {
            duckDb.execute(sql);
        }
        double duckDbSeconds = (System.nanoTime() - start) / 1e9;
        // Both stores then hold the tables checkpointed (compressed, out of the write-ahead log), as
        // a database that has been running does; they differ in checkpoint_threshold otherwise.
        try (FlockSession session = new FlockSession(flock, allocator)) {
            session.update("CHECKPOINT");
        }
        duckDb.execute("CHECKPOINT");
        return List.of(
                Result.reference(name, "Flock, FlightSqlClient executeUpdate", flockSeconds, Result.Unit.SECONDS, rows),
                Result.reference(name, "DuckDB embedded, JDBC", duckDbSeconds, Result.Unit.SECONDS, rows));
    }
}
