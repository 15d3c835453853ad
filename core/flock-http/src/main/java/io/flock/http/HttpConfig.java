package io.flock.http;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How the HTTP endpoint listens.
 *
 * @param bindAddress the address to listen on
 * @param port the port; 0 picks a free one
 * @param tls TLS context, the same certificate as Flight SQL; empty for plain HTTP
 * @param requireClientCertificate whether clients must present a certificate (mutual TLS)
 * @param generation the deployment generation, sent with every response as {@code X-Flock-Generation}
 */
public record HttpConfig(String bindAddress, int port, Optional<SSLContext> tls, boolean requireClientCertificate,
                         long generation) {
    public HttpConfig {
        requireNonNull(bindAddress, "bindAddress is null");
        requireNonNull(tls, "tls is null");
    }
}
