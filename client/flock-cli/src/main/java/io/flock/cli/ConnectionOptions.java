package io.flock.cli;

import io.flock.client.FlockClient;
import io.flock.client.FlockClientBuilder;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The connection flags of {@code flock sql}. Settings apply in this order, the later winning:
 * the defaults (user {@code admin}), the {@code FLOCK_*} environment variables, {@code --url},
 * then the single flags.
 */
final class ConnectionOptions {
    static final String DEFAULT_USER = "admin";

    @Option(names = "--url", paramLabel = "URL",
            description = "flock://host:port/database?user=…&token=…&tls=true (docs/client-properties.md).")
    String url;

    @Option(names = "--host", description = "Server host (default localhost, or FLOCK_HOST).")
    String host;

    @Option(names = "--port", description = "Arrow Flight port (default 8815, or FLOCK_PORT).")
    Integer port;

    @Option(names = "--http-port", description = "HTTP port, for export and import (default 8816, or FLOCK_HTTP_PORT).")
    Integer httpPort;

    @Option(names = "--user", description = "User name (default admin, or FLOCK_USER).")
    String user;

    @Option(names = "--database", description = "Database of the session (default the server's, or FLOCK_DATABASE).")
    String database;

    @Option(names = "--token", description = "The user's token; better given as FLOCK_TOKEN, which stays out of the process list.")
    String token;

    @Option(names = "--tls", description = "Use TLS (or FLOCK_TLS=true).")
    Boolean tls;

    /**
     * A client with these settings over {@code environment}.
     *
     * @throws IllegalArgumentException naming every bad setting, or a missing token
     */
    FlockClient connect(Map<String, String> environment) {
        FlockClientBuilder builder = FlockClient.builder()
                .user(DEFAULT_USER)
                .environment(environment);
        if (url != null) {
            builder.url(url);
        }
        if (host != null) {
            builder.host(host);
        }
        if (port != null) {
            builder.port(port);
        }
        if (httpPort != null) {
            builder.httpPort(httpPort);
        }
        if (user != null) {
            builder.user(user);
        }
        if (database != null) {
            builder.database(database);
        }
        if (token != null) {
            builder.token(token);
        }
        if (tls != null) {
            builder.useTls(tls);
        }
        return builder.build();
    }
}
