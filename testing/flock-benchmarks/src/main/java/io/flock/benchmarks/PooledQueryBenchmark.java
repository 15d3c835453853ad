package io.flock.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Benchmark 4: a prepared 1-row query through a HikariCP pool of Flock JDBC connections, 8 threads,
 * the way an application server runs it: each query borrows a connection, prepares the statement
 * (a server round trip in Flock's driver), binds the id, executes, reads the row, and closes
 * statement and connection (back to the pool). Reports queries per second over all threads, with
 * p50 and p99 of one such borrow-prepare-execute-read.
 *
 * <p>Beside it, the limit: embedded DuckDB running the same prepared statement from 8 threads,
 * each on its own connection with the statement prepared once (no pool, no network, no server).
 */
final class PooledQueryBenchmark {
    static final String NAME = "prepared 1-row query, HikariCP";
    static final double TARGET_QUERIES_PER_SECOND = 3000;
    static final int THREADS = 8;
    static final String POINT_QUERY = "SELECT v FROM t WHERE id = ?";

    private PooledQueryBenchmark() {}

    static List<Result> run(BenchmarkContext context) throws Exception {
        BenchmarkOptions options = context.options();
        int perThread = Math.max(1, options.latencyQueries() / THREADS);
        context.progress().printf("Prepared point lookup through HikariCP + Flock JDBC: %d threads, "
                + "%d warm-up + %d measured queries each%n", THREADS, options.latencyWarmupQueries(), perThread);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(context.flock().flockJdbcUrl());
        config.setMaximumPoolSize(THREADS);
        config.setMinimumIdle(THREADS);
        config.setPoolName("flock-benchmark");
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            runAll(executor, () -> queryTimes(pool, options.rows(), options.latencyWarmupQueries()));
            long start = System.nanoTime();
            List<long[]> samples = runAll(executor, () -> queryTimes(pool, options.rows(), perThread));
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] all = samples.stream().flatMapToLong(Arrays::stream).toArray();
            Percentiles percentiles = Percentiles.of(all);
            String path = "Flock JDBC, HikariCP pool of " + THREADS + ", " + THREADS + " threads";
            List<Result> results = new ArrayList<>(List.of(
                    Result.atLeast("throughput, " + NAME, path, all.length / seconds,
                            Result.Unit.QUERIES_PER_SECOND, 1, TARGET_QUERIES_PER_SECOND),
                    Result.reference("p50 latency, " + NAME, path, percentiles.median() / 1e6,
                            Result.Unit.MILLISECONDS, 1),
                    Result.reference("p99 latency, " + NAME, path, percentiles.at(99) / 1e6,
                            Result.Unit.MILLISECONDS, 1)));
            results.add(embeddedLimit(context, executor, perThread));
            return results;
        } finally {
            executor.shutdownNow();
        }
    }

    /** Embedded DuckDB, 8 threads, each with its own connection and the statement prepared once. */
    private static Result embeddedLimit(BenchmarkContext context, ExecutorService executor, int perThread)
            throws Exception {
        BenchmarkOptions options = context.options();
        context.progress().printf("Prepared point lookup in embedded DuckDB: %d threads, own connections%n", THREADS);
        runAll(executor, () -> embeddedQueries(context, options.latencyWarmupQueries()));
        long start = System.nanoTime();
        List<long[]> samples = runAll(executor, () -> embeddedQueries(context, perThread));
        double seconds = (System.nanoTime() - start) / 1e9;
        long queries = samples.stream().mapToLong(s -> s.length).sum();
        return Result.reference("throughput, " + NAME, "DuckDB embedded, JDBC, " + THREADS + " threads (limit)",
                queries / seconds, Result.Unit.QUERIES_PER_SECOND, 1);
    }

    private static long[] embeddedQueries(BenchmarkContext context, int queries) throws Exception {
        try (Connection connection = context.duckDb().connection().duplicate();
                PreparedStatement statement = connection.prepareStatement(POINT_QUERY)) {
            long[] nanos = new long[queries];
            for (int i = 0; i < queries; i++) {
                long id = ThreadLocalRandom.current().nextLong(context.options().rows());
                long start = System.nanoTime();
                statement.setLong(1, id);
                try (ResultSet resultSet = statement.executeQuery()) {
                    if (ResultSetReader.readAll(resultSet) != 1) {
                        throw new IllegalStateException("Embedded DuckDB found no row with id " + id);
                    }
                }
                nanos[i] = System.nanoTime() - start;
            }
            return nanos;
        }
    }

    private static List<long[]> runAll(ExecutorService executor, java.util.concurrent.Callable<long[]> task)
            throws Exception {
        List<Future<long[]>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            futures.add(executor.submit(task));
        }
        List<long[]> results = new ArrayList<>();
        for (Future<long[]> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    private static long[] queryTimes(HikariDataSource pool, long rows, int queries) throws Exception {
        long[] nanos = new long[queries];
        for (int i = 0; i < queries; i++) {
            long id = ThreadLocalRandom.current().nextLong(rows);
            long start = System.nanoTime();
            long returned;
            try (Connection connection = pool.getConnection();
                    PreparedStatement statement = connection.prepareStatement(POINT_QUERY)) {
                statement.setLong(1, id);
                try (ResultSet resultSet = statement.executeQuery()) {
                    returned = ResultSetReader.readAll(resultSet);
                }
            }
            nanos[i] = System.nanoTime() - start;
            if (returned != 1) {
                throw new IllegalStateException("Query '" + POINT_QUERY + "' with id " + id + " returned " + returned
                        + " rows instead of 1");
            }
        }
        return nanos;
    }
}
