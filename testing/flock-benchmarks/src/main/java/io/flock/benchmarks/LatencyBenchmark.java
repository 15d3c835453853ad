package io.flock.benchmarks;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark 3: round-trip latency of single-row queries through FlightSqlClient (execute, then
 * read the stream) with 1 and with 8 concurrent clients, each on its own gRPC channel and
 * thread, after a warm-up. Three limits measured beside it: embedded DuckDB's JDBC latency on the
 * point lookup (the engine alone), a Flight server that runs no SQL at all (the transport alone,
 * {@link NoEngineFlightServer}) and embedded DuckDB behind that transport with no server logic
 * ({@link BareDuckDbFlightServer}: what no Flight SQL server over DuckDB on this machine can
 * beat). Reports p50, p99, the throughput of all clients together and the CPU time per query of
 * client and server together.
 */
final class LatencyBenchmark {
    static final double TARGET_P50_MILLIS = 2;
    private static final int[] CLIENT_COUNTS = {1, 8};
    private static final int WARMUP_CLIENTS = 8;

    private LatencyBenchmark() {}

    /** Measures Flock (warmed up by the runner, see {@link #warmUp}) and the three limits. */
    static List<Result> run(BenchmarkContext context) throws Exception {
        List<Result> results = new ArrayList<>();
        for (LatencyProbe probe : LatencyProbe.values()) {
            for (int clients : CLIENT_COUNTS) {
                results.addAll(measureFlight(context, context.flock(), "Flock, FlightSqlClient, ", probe, clients));
            }
        }
        // The limits: the engine alone, the transport alone, and the engine behind the bare transport.
        results.addAll(measureDuckDb(context, LatencyProbe.POINT_LOOKUP));
        try (NoEngineFlightServer transport = new NoEngineFlightServer(context.allocator())) {
            results.addAll(measureLimit(context, transport, "Flight, no engine (transport limit), ",
                    List.of(LatencyProbe.SELECT_ONE)));
        }
        try (BareDuckDbFlightServer bare = BareDuckDbFlightServer.over(context.allocator(), context.duckDb())) {
            results.addAll(measureLimit(context, bare, "Flight + DuckDB, no server logic (limit), ",
                    List.of(LatencyProbe.values())));
        }
        return results;
    }

    /** Warms up a limit server, then measures it like Flock; its rows carry no target. */
    private static List<Result> measureLimit(BenchmarkContext context, FlockEndpoint server, String pathPrefix,
                                             List<LatencyProbe> probes) throws Exception {
        warmUp(context, server);
        List<Result> results = new ArrayList<>();
        for (LatencyProbe probe : probes) {
            for (int clients : CLIENT_COUNTS) {
                measureFlight(context, server, pathPrefix, probe, clients).stream()
                        .map(LatencyBenchmark::asReference).forEach(results::add);
            }
        }
        return results;
    }

    private static Result asReference(Result result) {
        return Result.reference(result.benchmark(), result.path(), result.value(), result.unit(), result.rows());
    }

    /**
     * Runs every probe from {@link #WARMUP_CLIENTS} clients for the configured seconds, so that the
     * measurements see the server's query path compiled by its JIT (which takes tens of seconds on
     * two cores) as on a server that has been up for a while, not its first minute. The runner
     * warms the Flock server once, before the GROUP BY and latency benchmarks.
     */
    static void warmUp(BenchmarkContext context, FlockEndpoint server) throws Exception {
        int seconds = context.options().latencyWarmupSeconds();
        if (seconds == 0) {
            return;
        }
        context.progress().printf("Warming up %s: %d s of single-row queries from %d clients%n", server.description(),
                seconds, WARMUP_CLIENTS);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        try (Clients clients = new Clients(context, server, WARMUP_CLIENTS)) {
            clients.runAll(session -> {
                for (long round = 0; System.nanoTime() < deadline; round++) {
                    LatencyProbe probe = LatencyProbe.values()[(int) (round % LatencyProbe.values().length)];
                    String sql = probe.nextQuery(context.options().rows());
                    checkOneRow(sql, session.countRows(sql));
                }
                return new long[0];
            });
        }
    }

    private static List<Result> measureFlight(BenchmarkContext context, FlockEndpoint server, String pathPrefix,
                                              LatencyProbe probe, int clients) throws Exception {
        BenchmarkOptions options = context.options();
        int perClient = Math.max(1, options.latencyQueries() / clients);
        context.progress().printf("Latency of %s on %s: %d client(s), at least %d s and %d warm-up queries,"
                + " then %d measured queries each%n", probe.label(), server.description(), clients,
                options.latencyWarmupSeconds(), options.latencyWarmupQueries(), perClient);
        try (Clients group = new Clients(context, server, clients)) {
            long warmUpEnd = System.nanoTime() + options.latencyWarmupSeconds() * 1_000_000_000L;
            group.runAll(session -> warmUpTimes(session, probe, options.rows(), options.latencyWarmupQueries(),
                    warmUpEnd));
            long cpuStart = cpuNanos(server);
            long start = System.nanoTime();
            List<long[]> samples = group.runAll(session -> probeTimes(session, probe, options.rows(), perClient));
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuMillis = (cpuNanos(server) - cpuStart) / 1e6;
            List<Long> all = new ArrayList<>();
            samples.forEach(sample -> java.util.Arrays.stream(sample).forEach(all::add));
            Percentiles percentiles = Percentiles.of(all);
            String path = pathPrefix + clients + (clients == 1 ? " client" : " clients");
            return List.of(
                    Result.atMost("p50 latency, " + probe.label(), path, percentiles.median() / 1e6,
                            Result.Unit.MILLISECONDS, 1, TARGET_P50_MILLIS),
                    Result.reference("p99 latency, " + probe.label(), path, percentiles.at(99) / 1e6,
                            Result.Unit.MILLISECONDS, 1),
                    Result.reference("throughput, " + probe.label(), path, all.size() / seconds,
                            Result.Unit.QUERIES_PER_SECOND, 1),
                    Result.reference("CPU per query (client + server), " + probe.label(), path,
                            cpuMillis / all.size(), Result.Unit.MILLISECONDS, 1));
        }
    }

    /**
     * CPU time of the benchmark's JVM (the clients, and the server when it runs in this JVM) plus
     * the server's own process if it has one. With N closed-loop clients on C cores, a p50 of L
     * needs about N / L queries per second, so at most C * L / N of CPU per query.
     */
    private static long cpuNanos(FlockEndpoint server) {
        return ProcessCpu.nanos() + server.ownProcessCpuNanos();
    }

    /** Closed-loop clients, each with its own session (gRPC channel) and thread. */
    private static final class Clients implements AutoCloseable {
        private final List<FlockSession> sessions = new ArrayList<>();
        private final ExecutorService executor;

        Clients(BenchmarkContext context, FlockEndpoint server, int count) {
            executor = Executors.newFixedThreadPool(count);
            try {
                for (int i = 0; i < count; i++) {
                    sessions.add(new FlockSession(server, context.allocator()));
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        /** Runs {@code task} on every client at once; returns each one's result, in client order. */
        List<long[]> runAll(SessionTask task) throws Exception {
            List<Future<long[]>> futures = new ArrayList<>();
            for (FlockSession session : sessions) {
                futures.add(executor.submit(() -> task.run(session)));
            }
            List<long[]> results = new ArrayList<>();
            for (Future<long[]> future : futures) {
                results.add(future.get());
            }
            return results;
        }

        @Override
        public void close() {
            executor.shutdownNow();
            for (FlockSession session : sessions) {
                session.close();
            }
        }
    }

    @FunctionalInterface
    private interface SessionTask {
        long[] run(FlockSession session) throws Exception;
    }

    /**
     * The warm-up of one configuration: its own probe from its own number of clients, at least
     * {@code minQueries} per client and until {@code endNanos}. The server-wide warm-up is not
     * enough: a change of workload (one client instead of eight, another probe) takes other paths
     * (e.g. results that are ready when DoGet arrives), and the JIT compiles them anew — seconds of
     * C2 time in the first 20 s of one-client point lookups after the 8-client warm-up, with twice
     * the CPU per query meanwhile (BENCHMARKS.md).
     */
    private static long[] warmUpTimes(FlockSession session, LatencyProbe probe, long rows, int minQueries,
                                      long endNanos) throws Exception {
        for (int i = 0; i < minQueries || System.nanoTime() < endNanos; i++) {
            String sql = probe.nextQuery(rows);
            checkOneRow(sql, session.countRows(sql));
        }
        return new long[0];
    }

    private static long[] probeTimes(FlockSession session, LatencyProbe probe, long rows, int queries) throws Exception {
        long[] nanos = new long[queries];
        for (int i = 0; i < queries; i++) {
            String sql = probe.nextQuery(rows);
            long start = System.nanoTime();
            long returned = session.countRows(sql);
            nanos[i] = System.nanoTime() - start;
            checkOneRow(sql, returned);
        }
        return nanos;
    }

    private static List<Result> measureDuckDb(BenchmarkContext context, LatencyProbe probe) throws Exception {
        BenchmarkOptions options = context.options();
        context.progress().printf("Latency of %s in embedded DuckDB (JDBC)%n", probe.label());
        long[] nanos = new long[options.latencyQueries()];
        try (Statement statement = context.duckDb().connection().createStatement()) {
            for (int i = 0; i < options.latencyWarmupQueries() + nanos.length; i++) {
                String sql = probe.nextQuery(options.rows());
                long start = System.nanoTime();
                long returned;
                try (ResultSet resultSet = statement.executeQuery(sql)) {
                    returned = ResultSetReader.readAll(resultSet);
                }
                long elapsed = System.nanoTime() - start;
                checkOneRow(sql, returned);
                if (i >= options.latencyWarmupQueries()) {
                    nanos[i - options.latencyWarmupQueries()] = elapsed;
                }
            }
        }
        Percentiles percentiles = Percentiles.of(nanos);
        String path = "DuckDB embedded, JDBC, 1 client";
        return List.of(
                Result.reference("p50 latency, " + probe.label(), path, percentiles.median() / 1e6,
                        Result.Unit.MILLISECONDS, 1),
                Result.reference("p99 latency, " + probe.label(), path, percentiles.at(99) / 1e6,
                        Result.Unit.MILLISECONDS, 1));
    }

    private static void checkOneRow(String sql, long returned) {
        if (returned != 1) {
            throw new IllegalStateException("Query '" + sql + "' returned " + returned + " rows instead of 1");
        }
    }
}
