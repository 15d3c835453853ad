package io.flock.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What one benchmark run does: the data scale, how many warm-up and measured runs, how many
 * latency queries, and where the Flock server runs.
 *
 * @param rows rows of the fetch table {@code t}; the GROUP BY table {@code g} holds half as many
 * @param warmupRuns unmeasured runs before each Arrow or GROUP BY measurement (Flight needs about
 *     eight to reach steady state); the slow JDBC ResultSet paths use at most two
 * @param measuredRuns measured runs; figures are their median
 * @param latencyWarmupQueries unmeasured single-row queries per client before latency is measured
 * @param latencyWarmupSeconds seconds of single-row queries from 8 clients that warm each server's
 *     query path before its first GROUP BY or latency measurement, and the least time each latency
 *     configuration then warms up with its own probe and clients: the JIT compiles for tens of
 *     seconds on two cores, anew when the workload changes, and a server that has been up for a
 *     while has long done so
 * @param latencyQueries measured single-row queries per configuration, split over its clients
 * @param server where the Flock server runs
 * @param postgresUrl a pgjdbc URL of a local PostgreSQL to load and fetch from, or {@code null} to
 *     leave PostgreSQL out (the {@code run} script starts one with {@code --postgres})
 * @param only the benchmarks to run (all by default)
 */
public record BenchmarkOptions(
        long rows, int warmupRuns, int measuredRuns, int latencyWarmupQueries, int latencyWarmupSeconds,
        int latencyQueries, ServerMode server, String postgresUrl, Set<Benchmark> only) {

    /** The benchmarks of a run, in the order they run. */
    public enum Benchmark {
        FETCH, GROUPBY, LATENCY, POOLED
    }

    /** Where the Flock server under test runs. */
    public enum ServerMode {
        /** A separate JVM on the same machine, as a real deployment would be. */
        FORK,
        /** In the benchmark JVM, sharing its heap and JIT. */
        IN_PROCESS
    }

    public static final long DEFAULT_ROWS = 10_000_000;

    public BenchmarkOptions {
        if (rows < 2 || warmupRuns < 0 || measuredRuns < 1 || latencyWarmupQueries < 0 || latencyWarmupSeconds < 0
                || latencyQueries < 1) {
            throw new IllegalArgumentException("Invalid benchmark options: rows=" + rows + " (at least 2), warmup="
                    + warmupRuns + " (at least 0), runs=" + measuredRuns + " (at least 1), latency-warmup="
                    + latencyWarmupQueries + " (at least 0), latency-warmup-seconds=" + latencyWarmupSeconds
                    + " (at least 0), latency-queries=" + latencyQueries + " (at least 1)");
        }
        java.util.Objects.requireNonNull(server, "server is null");
        only = only == null || only.isEmpty() ? EnumSet.allOf(Benchmark.class) : Collections.unmodifiableSet(EnumSet.copyOf(only));
        if (postgresUrl != null && !postgresUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("Invalid PostgreSQL URL '" + postgresUrl + "': expected jdbc:postgresql://…");
        }
    }

    /** Options without PostgreSQL and without the timed JIT warm-up of the latency servers. */
    public BenchmarkOptions(long rows, int warmupRuns, int measuredRuns, int latencyWarmupQueries, int latencyQueries,
                            ServerMode server) {
        this(rows, warmupRuns, measuredRuns, latencyWarmupQueries, 0, latencyQueries, server, null, null);
    }

    /**
     * The scale: 10M rows, 8 warm-up and 5 measured runs, 20 s of JIT warm-up per latency
     * server, 500 warm-up and 4,000 measured latency queries, forked server.
     */
    public static BenchmarkOptions defaults() {
        return new BenchmarkOptions(DEFAULT_ROWS, 8, 5, 500, 20, 4000, ServerMode.FORK, null, null);
    }

    /** Rows of the GROUP BY table. */
    public long groupByRows() {
        return rows / 2;
    }

    /**
     * Parses {@code --rows N --warmup N --runs N --latency-warmup N --latency-warmup-seconds N --latency-queries N --server fork|in-process
     * --postgres-url jdbc:postgresql://… --only fetch,groupby,latency,pooled}.
     */
    public static BenchmarkOptions parse(String[] args) {
        BenchmarkOptions o = defaults();
        long rows = o.rows;
        int warmup = o.warmupRuns;
        int runs = o.measuredRuns;
        int latencyWarmup = o.latencyWarmupQueries;
        int latencyWarmupSeconds = o.latencyWarmupSeconds;
        int latencyQueries = o.latencyQueries;
        ServerMode server = o.server;
        String postgresUrl = o.postgresUrl;
        Set<Benchmark> only = o.only;
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                errors.add("Option '" + name + "' needs a value");
                break;
            }
            String value = args[++i];
            try {
                switch (name) {
                    case "--rows" -> rows = Long.parseLong(value.replace("_", ""));
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--runs" -> runs = Integer.parseInt(value);
                    case "--latency-warmup" -> latencyWarmup = Integer.parseInt(value);
                    case "--latency-warmup-seconds" -> latencyWarmupSeconds = Integer.parseInt(value);
                    case "--latency-queries" -> latencyQueries = Integer.parseInt(value);
                    case "--server" -> server = ServerMode.valueOf(value.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
                    case "--postgres-url" -> postgresUrl = value.isEmpty() ? null : value;
                    case "--only" -> only = parseBenchmarks(value);
                    default -> errors.add("Unknown option '" + name + "'");
                }
            } catch (IllegalArgumentException e) {
                errors.add("Option '" + name + "' has an invalid value '" + value + "'");
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors) + ". " + usage());
        }
        try {
            return new BenchmarkOptions(rows, warmup, runs, latencyWarmup, latencyWarmupSeconds, latencyQueries, server,
                    postgresUrl, only);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ". " + usage(), e);
        }
    }

    private static Set<Benchmark> parseBenchmarks(String names) {
        Set<Benchmark> benchmarks = EnumSet.noneOf(Benchmark.class);
        for (String name : names.split(",")) {
            benchmarks.add(Benchmark.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT)));
        }
        return benchmarks;
    }

    /** Whether this run includes {@code benchmark}. */
    public boolean runs(Benchmark benchmark) {
        return only.contains(benchmark);
    }

    public static String usage() {
        return "Usage: run [--rows 10000000] [--warmup 8] [--runs 5] [--latency-warmup 500] [--latency-warmup-seconds 20] "
                + "[--latency-queries 4000] [--server fork|in-process] [--postgres-url jdbc:postgresql://127.0.0.1:PORT/DB?user=U]"
                + " [--only fetch,groupby,latency,pooled]";
    }
}
