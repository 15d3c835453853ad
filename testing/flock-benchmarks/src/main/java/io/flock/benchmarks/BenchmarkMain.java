package io.flock.benchmarks;

import java.util.Locale;

/**
 * Runs every Flock benchmark side by side with embedded DuckDB and prints one results table on
 * standard output (progress goes to standard error). Start it with {@code testing/flock-benchmarks/run};
 * the options are described by {@link BenchmarkOptions#parse}.
 */
public final class BenchmarkMain {
    private BenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(BenchmarkOptions.usage());
            return;
        }
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        String loadBefore = LoadAverage.oneMinute();
        long start = System.nanoTime();
        BenchmarkRunner.Report report = BenchmarkRunner.run(options, System.err);
        double minutes = (System.nanoTime() - start) / 60e9;
        System.out.println(describe(report, minutes));
        System.out.println("1-minute load average: " + loadBefore + " at start, " + LoadAverage.oneMinute()
                + " at end (above the processor count, other work shared the cores)");
        System.out.println();
        System.out.println(ResultTable.render(report.results()));
    }

    private static String describe(BenchmarkRunner.Report report, double minutes) {
        BenchmarkOptions o = report.options();
        Runtime runtime = Runtime.getRuntime();
        return String.format(Locale.ROOT,
                "Flock benchmarks: %,d fetch rows, %,d GROUP BY rows; %d warm-up + %d measured runs (median); "
                        + "%d latency queries per configuration after %d warm-up per client (each server first %d s,"
                        + " each configuration at least as long)%n"
                        + "Flock server: %s; DuckDB: embedded, file-backed, memory_limit %s, threads %d (Flock alike)%n"
                        + "PostgreSQL: %s%n"
                        + "Machine: %d processors, %s %s, Java %s, benchmark heap %d MiB; took %.1f min",
                o.rows(), o.groupByRows(), o.warmupRuns(), o.measuredRuns(), o.latencyQueries(),
                o.latencyWarmupQueries(), o.latencyWarmupSeconds(), report.serverPlacement(), EmbeddedDuckDb.MEMORY_LIMIT, EmbeddedDuckDb.THREADS,
                o.postgresUrl() == null ? "not run (no --postgres-url)" : PostgresData.withoutSecrets(o.postgresUrl()),
                runtime.availableProcessors(), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.version"), runtime.maxMemory() >> 20, minutes);
    }
}
