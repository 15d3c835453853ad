package io.flock.client.internal;

import static java.util.Objects.requireNonNull;

import io.flock.client.RetryPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The resolved settings of one client: every default applied, every file read.
 *
 * @param caCertificatePem PEM CA certificates to trust; empty means the JVM's trust store
 * @param clientCertificatePem PEM client certificate chain for mutual TLS, or empty
 * @param clientKeyPem PEM PKCS#8 key of the client certificate, or empty
 * @param httpPort the server's HTTP port, for bulk import and export
 */
public record ClientConfig(
        String host,
        int port,
        Optional<String> user,
        String token,
        Optional<String> database,
        boolean tls,
        Optional<byte[]> caCertificatePem,
        Optional<byte[]> clientCertificatePem,
        Optional<byte[]> clientKeyPem,
        Map<String, String> headers,
        Duration connectTimeout,
        Duration requestTimeout,
        RetryPolicy retryPolicy,
        int httpPort) {
    public ClientConfig {
        requireNonNull(host, "host is null");
        requireNonNull(user, "user is null");
        requireNonNull(token, "token is null");
        requireNonNull(database, "database is null");
        requireNonNull(caCertificatePem, "caCertificatePem is null");
        requireNonNull(clientCertificatePem, "clientCertificatePem is null");
        requireNonNull(clientKeyPem, "clientKeyPem is null");
        headers = Map.copyOf(headers);
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        requireNonNull(retryPolicy, "retryPolicy is null");
    }

    /** {@code host:port}, for messages. */
    public String address() {
        return host + ":" + port;
    }

    /** The settings as text for a log line, the token left out. */
    @Override
    public String toString() {
        return "address=" + address() + ", user=" + user.orElse("(none)") + ", token=<redacted>, database="
                + database.orElse("(server default)") + ", tls=" + tls + ", mutualTls=" + clientCertificatePem.isPresent()
                + ", headers=" + headers.keySet() + ", connectTimeout=" + PropertyValues.format(connectTimeout)
                + ", requestTimeout=" + PropertyValues.format(requestTimeout) + ", retryPolicy=" + retryPolicy;
    }
}
