package io.flock.client;

import static java.util.Objects.requireNonNull;

import io.flock.client.internal.ClientConfig;
import io.flock.client.internal.PropertySources;
import io.flock.client.internal.PropertyValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Collects the settings of a {@link FlockClient}. Every setting is a {@link ClientProperty}; it can
 * be set by a typed method, from a {@link #url(String) flock:// URL}, from a
 * {@link #properties(Map) property map} or from {@link #environment(Map) FLOCK_* variables}. When a
 * setting is given twice, the later call wins. Defaults are those of {@link ClientProperty}.
 *
 * <p>Example: {@code FlockClient.builder().url("flock://db:8815/sales?tls=true").token(token).build()}.
 *
 * <p>Not thread-safe: configure and build it on one thread. The built client is thread-safe.
 */
public final class FlockClientBuilder {
    private final Map<ClientProperty, Object> values = new EnumMap<>(ClientProperty.class);
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] caCertificatePem;
    private byte[] clientCertificatePem;
    private byte[] clientKeyPem;

    FlockClientBuilder() {
    }

    /** Host name or address of the server. Default {@code localhost}. */
    public FlockClientBuilder host(String host) {
        return set(ClientProperty.HOST, requireNonNull(host, "host is null"));
    }

    /** Arrow Flight port of the server. Default 8815. */
    public FlockClientBuilder port(int port) {
        return set(ClientProperty.PORT, PropertyValues.parse(ClientProperty.PORT, Integer.toString(port)));
    }

    /** The server's HTTP port, for bulk import and export. Default 8816. */
    public FlockClientBuilder httpPort(int httpPort) {
        return set(ClientProperty.HTTP_PORT, PropertyValues.parse(ClientProperty.HTTP_PORT, Integer.toString(httpPort)));
    }

    /** User name; when set, calls send Basic {@code user:token}, otherwise Bearer. Default none. */
    public FlockClientBuilder user(String user) {
        return set(ClientProperty.USER, requireNonNull(user, "user is null"));
    }

    /** The user's token. Required. */
    public FlockClientBuilder token(String token) {
        return set(ClientProperty.TOKEN, requireNonNull(token, "token is null"));
    }

    /** Database of the session. Default: the server's {@code database.default}. */
    public FlockClientBuilder database(String database) {
        return set(ClientProperty.DATABASE, requireNonNull(database, "database is null"));
    }

    /** Whether to use TLS. Default false. */
    public FlockClientBuilder useTls(boolean useTls) {
        return set(ClientProperty.TLS, useTls);
    }

    /** Trust the CA certificates of this PEM file instead of the JVM's trust store. */
    public FlockClientBuilder tlsCaCertificate(Path pemFile) {
        caCertificatePem = null;
        return set(ClientProperty.TLS_CA_FILE, requireNonNull(pemFile, "pemFile is null"));
    }

    /** Trust the CA certificates of these PEM bytes instead of the JVM's trust store. */
    public FlockClientBuilder tlsCaCertificate(byte[] pem) {
        values.remove(ClientProperty.TLS_CA_FILE);
        caCertificatePem = requireNonNull(pem, "pem is null").clone();
        return this;
    }

    /** Present this certificate chain and PKCS#8 key (PEM files) for mutual TLS. */
    public FlockClientBuilder tlsClientCertificate(Path certificatePemFile, Path keyPemFile) {
        clientCertificatePem = null;
        clientKeyPem = null;
        set(ClientProperty.TLS_CLIENT_CERTIFICATE_FILE, requireNonNull(certificatePemFile, "certificatePemFile is null"));
        return set(ClientProperty.TLS_CLIENT_KEY_FILE, requireNonNull(keyPemFile, "keyPemFile is null"));
    }

    /** Present this certificate chain and PKCS#8 key (PEM bytes) for mutual TLS. */
    public FlockClientBuilder tlsClientCertificate(byte[] certificatePem, byte[] keyPem) {
        values.remove(ClientProperty.TLS_CLIENT_CERTIFICATE_FILE);
        values.remove(ClientProperty.TLS_CLIENT_KEY_FILE);
        clientCertificatePem = requireNonNull(certificatePem, "certificatePem is null").clone();
        clientKeyPem = requireNonNull(keyPem, "keyPem is null").clone();
        return this;
    }

    /** Sends this header on every call. Names are lower-cased, as gRPC requires. */
    public FlockClientBuilder header(String name, String value) {
        headers.put(requireNonNull(name, "name is null").toLowerCase(Locale.ROOT), requireNonNull(value, "value is null"));
        return this;
    }

    /** Limit on opening a connection. Default 10 s. */
    public FlockClientBuilder connectTimeout(Duration timeout) {
        return set(ClientProperty.CONNECT_TIMEOUT, positive(timeout, "connectTimeout"));
    }

    /** Deadline of each call except the streaming of a query's rows. Default 5 min. */
    public FlockClientBuilder requestTimeout(Duration timeout) {
        return set(ClientProperty.REQUEST_TIMEOUT, positive(timeout, "requestTimeout"));
    }

    /** Retries of idempotent calls on UNAVAILABLE. Default {@link RetryPolicy#DEFAULT}. */
    public FlockClientBuilder retryPolicy(RetryPolicy policy) {
        requireNonNull(policy, "policy is null");
        set(ClientProperty.RETRY_ATTEMPTS, policy.maxAttempts());
        set(ClientProperty.RETRY_INITIAL_BACKOFF, policy.initialBackoff());
        return set(ClientProperty.RETRY_MAX_BACKOFF, policy.maxBackoff());
    }

    /**
     * Applies the settings of a URL {@code flock://host:port/database?user=…&token=…&tls=true&…};
     * query parameters are property keys, values URL-encoded.
     *
     * @throws IllegalArgumentException for a malformed URL, an unknown parameter or a bad value
     */
    public FlockClientBuilder url(String url) {
        return apply(PropertySources.fromUrl(requireNonNull(url, "url is null")));
    }

    /**
     * Applies settings given as property keys and texts (e.g. {@code "connect-timeout" → "5s"}).
     *
     * @throws IllegalArgumentException listing every unknown key and bad value
     */
    public FlockClientBuilder properties(Map<String, String> properties) {
        return apply(PropertySources.fromMap(requireNonNull(properties, "properties is null"), "property"));
    }

    /** Applies the {@code FLOCK_*} variables of {@code environment} (e.g. FLOCK_HOST); others are ignored. */
    public FlockClientBuilder environment(Map<String, String> environment) {
        return apply(PropertySources.fromEnvironment(requireNonNull(environment, "environment is null")));
    }

    /** Applies the {@code FLOCK_*} variables of this process's environment. */
    public FlockClientBuilder fromEnvironment() {
        return environment(System.getenv());
    }

    /**
     * Connects lazily: the channel opens on the first call, so a server that is down is reported
     * by that call.
     *
     * @throws IllegalArgumentException if the token is missing, a TLS file cannot be read, or a
     *     TLS setting is given without {@code tls=true}
     */
    public FlockClient build() {
        return new FlockClient(config());
    }

    ClientConfig config() {
        List<String> errors = new ArrayList<>();
        String token = (String) values.get(ClientProperty.TOKEN);
        if (token == null || token.isBlank()) {
            errors.add("A token is required: set it with token(…), the URL parameter 'token' or FLOCK_TOKEN");
        }
        boolean tls = (Boolean) value(ClientProperty.TLS);
        Optional<byte[]> ca = pem(caCertificatePem, ClientProperty.TLS_CA_FILE, errors);
        Optional<byte[]> certificate = pem(clientCertificatePem, ClientProperty.TLS_CLIENT_CERTIFICATE_FILE, errors);
        Optional<byte[]> key = pem(clientKeyPem, ClientProperty.TLS_CLIENT_KEY_FILE, errors);
        if (certificate.isPresent() != key.isPresent()) {
            errors.add("Mutual TLS needs both a client certificate and its key");
        }
        if (!tls && (ca.isPresent() || certificate.isPresent())) {
            errors.add("TLS certificates are set but TLS is off: set useTls(true) or tls=true");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("Invalid Flock client settings: " + String.join("; ", errors));
        }
        Map<String, String> allHeaders = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, String> propertyHeaders = (Map<String, String>) values.getOrDefault(ClientProperty.HEADERS, Map.of());
        allHeaders.putAll(propertyHeaders);
        allHeaders.putAll(headers);
        Duration initialBackoff = (Duration) value(ClientProperty.RETRY_INITIAL_BACKOFF);
        Duration maxBackoff = (Duration) value(ClientProperty.RETRY_MAX_BACKOFF);
        RetryPolicy retry = new RetryPolicy((Integer) value(ClientProperty.RETRY_ATTEMPTS), initialBackoff,
                maxBackoff.compareTo(initialBackoff) < 0 ? initialBackoff : maxBackoff);
        return new ClientConfig((String) value(ClientProperty.HOST), (Integer) value(ClientProperty.PORT),
                Optional.ofNullable((String) values.get(ClientProperty.USER)), token,
                Optional.ofNullable((String) values.get(ClientProperty.DATABASE)), tls, ca, certificate, key,
                allHeaders, (Duration) value(ClientProperty.CONNECT_TIMEOUT), (Duration) value(ClientProperty.REQUEST_TIMEOUT),
                retry, (Integer) value(ClientProperty.HTTP_PORT));
    }

    private FlockClientBuilder apply(Map<ClientProperty, String> texts) {
        List<String> errors = new ArrayList<>();
        Map<ClientProperty, Object> parsed = new EnumMap<>(ClientProperty.class);
        texts.forEach((property, text) -> {
            try {
                parsed.put(property, PropertyValues.parse(property, text));
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        });
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        parsed.forEach(this::set);
        return this;
    }

    private FlockClientBuilder set(ClientProperty property, Object value) {
        switch (property) {
            case TLS_CA_FILE -> caCertificatePem = null;
            case TLS_CLIENT_CERTIFICATE_FILE -> clientCertificatePem = null;
            case TLS_CLIENT_KEY_FILE -> clientKeyPem = null;
            default -> {
            }
        }
        values.put(property, value);
        return this;
    }

    private Object value(ClientProperty property) {
        Object value = values.get(property);
        return value != null ? value : PropertyValues.parse(property, property.defaultValue().orElseThrow());
    }

    private Optional<byte[]> pem(byte[] bytes, ClientProperty fileProperty, List<String> errors) {
        if (bytes != null) {
            return Optional.of(bytes.clone());
        }
        Path file = (Path) values.get(fileProperty);
        if (file == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            errors.add("Cannot read " + fileProperty.key() + " '" + file + "': " + e);
            return Optional.empty();
        }
    }

    private static Duration positive(Duration duration, String name) {
        requireNonNull(duration, name + " is null");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, but is " + duration);
        }
        return duration;
    }
}
