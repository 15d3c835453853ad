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

    /** A stock Arrow Flight SQL JDBC URL for the admin user, plaintext. */
    default String adminJdbcUrl() {
        return "jdbc:arrow-flight-sql://" + host() + ":" + port() + "?useEncryption=false&user=admin&password="
                + adminToken();
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
