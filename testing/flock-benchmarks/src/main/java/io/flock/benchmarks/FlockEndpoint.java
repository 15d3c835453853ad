package io.flock.benchmarks;

import java.util.Map;

/** A running Flock server the benchmarks talk to over loopback, whichever JVM it runs in. */
interface FlockEndpoint extends AutoCloseable {
    /** Server settings of every benchmark run: the same memory and threads as embedded DuckDB. */
    Map<String, String> SERVER_PROPERTIES = Map.of(
            "storage.memory-limit", EmbeddedDuckDb.MEMORY_LIMIT,
            "storage.threads", Integer.toString(EmbeddedDuckDb.THREADS));

    String host();

    int port();

    String adminToken();

    /** Where the server runs, for the results. */
    String description();

    /**
     * CPU time the server has used in a process of its own, in nanoseconds; 0 for a server in the
     * benchmark's JVM, whose CPU time that JVM's own figure already holds.
     */
    default long ownProcessCpuNanos() {
        return 0;
    }

    /** A stock Arrow Flight SQL JDBC URL for the admin user, plaintext. */
    default String adminJdbcUrl() {
        return "jdbc:arrow-flight-sql://" + host() + ":" + port() + "?useEncryption=false&user=admin&password="
                + adminToken();
    }

    /** A Flock JDBC driver URL ({@code jdbc:flock://}) for the admin user, plaintext, default database. */
    default String flockJdbcUrl() {
        return "jdbc:flock://" + host() + ":" + port() + "?user=admin&token=" + adminToken();
    }

    /** A new SDK client of this server as admin (its own gRPC channel); close it. */
    default io.flock.client.FlockClient sdkClient() {
        return io.flock.client.FlockClient.builder().host(host()).port(port()).user("admin").token(adminToken()).build();
    }

    @Override
    void close();

    static FlockEndpoint start(BenchmarkOptions.ServerMode mode) {
        return switch (mode) {
            case FORK -> ForkedFlock.start(SERVER_PROPERTIES);
            case IN_PROCESS -> InProcessFlock.start(SERVER_PROPERTIES);
        };
    }
}
