package io.flock.flight;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * How the Flight SQL endpoint listens.
 *
 * @param bindAddress the address to listen on, e.g. 127.0.0.1
 * @param port the port; 0 picks a free one
 * @param tls TLS settings; empty for plaintext
 * @param preparedStatementIdleTimeout how long an unused prepared statement handle lives
 * @param shutdownGracePeriod how long shutdown waits for running calls before cancelling them
 * @param generation the deployment generation, sent with every response as {@code x-flock-generation}
 */
public record FlightConfig(String bindAddress, int port, Optional<TlsConfig> tls, Duration preparedStatementIdleTimeout,
                           Duration shutdownGracePeriod, long generation) {
    public FlightConfig {
        requireNonNull(bindAddress, "bindAddress is null");
        requireNonNull(tls, "tls is null");
        requireNonNull(preparedStatementIdleTimeout, "preparedStatementIdleTimeout is null");
        requireNonNull(shutdownGracePeriod, "shutdownGracePeriod is null");
    }
}
