package io.flock.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs every benchmark once at a tiny scale so the benchmarks do not rot, and checks that the
 * engines agree on what they returned. Never asserts on timings.
 */
class TestBenchmarksSmoke {
    private static final long ROWS = 10_000;

    @Test
    void everyBenchmarkRunsInProcess() throws Exception {
        List<Result> results = runTiny(BenchmarkOptions.ServerMode.IN_PROCESS);
        assertSane(results);
    }

    @Test
    void everyBenchmarkRunsAgainstForkedServer() throws Exception {
        List<Result> results = runTiny(BenchmarkOptions.ServerMode.FORK);
        assertSane(results);
    }

    @Test
    void tableListsEveryResult() throws Exception {
        List<Result> results = List.of(
                Result.atLeast("fetch", "Flock", 12e6, Result.Unit.ROWS_PER_SECOND, 10, 10e6),
                Result.atMost("latency", "Flock", 3, Result.Unit.MILLISECONDS, 1, 2),
                Result.reference("fetch", "DuckDB", 15e6, Result.Unit.ROWS_PER_SECOND, 10));
        String table = ResultTable.render(results);
        assertThat(table.lines()).hasSize(5);
        assertThat(table).contains("12.00 | M rows/s", ">= 10.00 M rows/s | yes", "<= 2.00 ms", "| NO ");
    }

    @Test
    void optionsParse() {
        BenchmarkOptions options = BenchmarkOptions.parse(new String[] {"--rows", "10_000", "--server", "in-process"});
        assertThat(options.rows()).isEqualTo(10_000);
        assertThat(options.groupByRows()).isEqualTo(5_000);
        assertThat(options.server()).isEqualTo(BenchmarkOptions.ServerMode.IN_PROCESS);
        assertThat(options.measuredRuns()).isEqualTo(BenchmarkOptions.defaults().measuredRuns());
        assertThat(options.postgresUrl()).isNull();
        assertThat(BenchmarkOptions.parse(new String[] {"--postgres-url", "jdbc:postgresql://127.0.0.1:5999/bench?user=u"})
                .postgresUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5999/bench?user=u");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--postgres-url", "jdbc:mysql://x"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid PostgreSQL URL");
        assertThat(BenchmarkOptions.parse(new String[] {"--only", "groupby,latency"}).only())
                .containsExactly(BenchmarkOptions.Benchmark.GROUPBY, BenchmarkOptions.Benchmark.LATENCY);
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--only", "fetch,nothing"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Option '--only' has an invalid value 'fetch,nothing'");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--rows", "x", "--bogus", "1"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Option '--rows' has an invalid value 'x'")
                .hasMessageContaining("Unknown option '--bogus'");
    }

    private static List<Result> runTiny(BenchmarkOptions.ServerMode server) throws Exception {
        // one second of the servers' JIT warm-up, so that it runs here too
        BenchmarkOptions options = new BenchmarkOptions(ROWS, 0, 1, 2, 1, 16, server, null, null);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        BenchmarkRunner.Report report = BenchmarkRunner.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("Full fetch of 10000 rows")
                .contains("Warming up Arrow Flight server without an engine")
                .contains("Warming up Arrow Flight over embedded DuckDB without server logic");
        return report.results();
    }

    private static void assertSane(List<Result> results) {
        // Flight SQL client, SDK Arrow stream, SDK rows, Flock JDBC, stock JDBC, DuckDB Arrow and JDBC;
        // PostgreSQL only in the real run (no --postgres-url here).
        assertThat(rowsOf(results, FetchBenchmark.NAME)).hasSize(7).containsOnly(ROWS);
        assertThat(rowsOf(results, FetchBenchmark.RATIO_NAME)).isEmpty();
        assertThat(results.stream().filter(r -> r.benchmark().endsWith(PooledQueryBenchmark.NAME)))
                .hasSize(4).allSatisfy(r -> assertThat(r.rows()).isEqualTo(1)); // and embedded DuckDB's limit
        // Flock, embedded DuckDB, Flight over DuckDB without server logic, and two ratios
        assertThat(rowsOf(results, GroupByBenchmark.NAME)).hasSize(5)
                .containsOnly(BenchmarkData.expectedGroups(ROWS));
        assertThat(results.stream().filter(r -> r.benchmark().startsWith("p50 latency")))
                // Flock and Flight over DuckDB without server logic: each probe with 1 and 8 clients;
                // embedded DuckDB; no-engine Flight with 1 and 8; HikariCP
                .hasSize(LatencyProbe.values().length * 4 + 4)
                .allSatisfy(r -> assertThat(r.rows()).isEqualTo(1));
        assertThat(results.stream().filter(r -> r.benchmark().startsWith("CPU per query")))
                // every Flight measurement: Flock's and the DuckDB limit's probes, the no-engine server;
                // 1 and 8 clients each
                .hasSize(LatencyProbe.values().length * 4 + 2)
                // the operating system counts CPU time in 10 ms ticks: a handful of queries may show 0
                .allSatisfy(r -> assertThat(r.value()).isNotNegative().isFinite());
        assertThat(results.stream().filter(r -> !r.benchmark().startsWith("CPU per query")))
                .allSatisfy(r -> assertThat(r.value()).isPositive().isFinite());
        assertThat(results.stream().filter(r -> r.verdict() != Result.Verdict.REFERENCE))
                .extracting(Result::target).doesNotContain("");
        assertThat(ResultTable.render(results).lines()).hasSize(results.size() + 2);
    }

    private static List<Long> rowsOf(List<Result> results, String benchmark) {
        return results.stream().filter(r -> r.benchmark().equals(benchmark)).map(Result::rows).toList();
    }
}
