package io.flock.testing;

import io.flock.engine.catalog.Tokens;
import io.flock.server.FlockServer;
import io.flock.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A real Flock server in this JVM on a free loopback port, with its own temporary data directory
 * (deleted on close unless the caller gave one). Restartable on the same data, to test
 * persistence.
 */
public final class TestingFlockServer implements AutoCloseable {
    private final Path dataDirectory;
    private final boolean ownsDirectory;
    private final Map<String, String> properties;
    private final String adminToken;
    private FlockServer server;

    private TestingFlockServer(Path dataDirectory, boolean ownsDirectory, Map<String, String> properties, String adminToken) {
        this.dataDirectory = dataDirectory;
        this.ownsDirectory = ownsDirectory;
        this.properties = properties;
        this.adminToken = adminToken;
        start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A server with default settings. */
    public static TestingFlockServer create() {
        return builder().build();
    }

    private void start() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("data.dir", dataDirectory.toString());
        settings.put("flight.port", "0");
        settings.put("http.port", "0");
        settings.put("storage.memory-limit", "1GB");
        settings.put("storage.threads", "2");
        settings.put("shutdown.grace-period", "2s");
        settings.putAll(properties);
        server = FlockServer.start(ServerConfig.load(Optional.empty(), settings), Optional.of(adminToken));
    }

    /** Stops the server cleanly and starts it again on the same data directory and port-0 settings. */
    public void restart() {
        server.close();
        start();
    }

    public int port() {
        return server.flightPort();
    }

    public String host() {
        return "127.0.0.1";
    }

    public String adminToken() {
        return adminToken;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public FlockServer server() {
        return server;
    }

    /** A stock Arrow Flight SQL JDBC URL for {@code user} with {@code token}, plaintext. */
    public String jdbcUrl(String user, String token) {
        return "jdbc:arrow-flight-sql://" + host() + ":" + port() + "?useEncryption=false&user=" + user
                + "&password=" + token;
    }

    /** A stock JDBC URL for the admin user. */
    public String adminJdbcUrl() {
        return jdbcUrl("admin", adminToken);
    }

    /** A FlightSqlClient over plaintext, with a bearer token call option ready in {@link #bearer(String)}. */
    public FlightSqlClient flightSqlClient(BufferAllocator allocator) {
        return new FlightSqlClient(FlightClient.builder(allocator, Location.forGrpcInsecure(host(), port())).build());
    }

    /** The call option that authenticates a Flight call with {@code token}. */
    public static CallOption bearer(String token) {
        return new CredentialCallOption(new org.apache.arrow.flight.auth2.BearerCredentialWriter(token));
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            if (ownsDirectory) {
                deleteRecursively(dataDirectory);
            }
        }
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final class Builder {
        private Path dataDirectory;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private String adminToken = Tokens.issue("admin").text();

        /** Use this data directory (kept on close) instead of a temporary one. */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        /** Any server setting from docs/configuration.md. */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /**
         * Listen for Flight SQL on a fixed free port instead of port 0, so that {@link #restart()}
         * comes back on the same port and clients reconnect to it.
         */
        public Builder samePortAfterRestart() {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                properties.put("flight.port", String.valueOf(socket.getLocalPort()));
            } catch (IOException e) {
                throw new UncheckedIOException("No free port for the Flight SQL endpoint", e);
            }
            return this;
        }

        public Builder adminToken(String token) {
            this.adminToken = token;
            return this;
        }

        public TestingFlockServer build() {
            try {
                boolean owns = dataDirectory == null;
                Path directory = owns ? Files.createTempDirectory("flock-test-") : dataDirectory;
                return new TestingFlockServer(directory, owns, Map.copyOf(properties), adminToken);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
