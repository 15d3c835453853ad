package io.flock.client;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every connection setting of the Flock client, in one typed table. The same table drives the
 * {@link FlockClient.Builder} setters, the {@code flock://} URL, {@link java.util.Properties}-like
 * maps, the {@code FLOCK_*} environment variables and the generated reference
 * {@code docs/client-properties.md}.
 *
 * <p>Each property has a {@link #key() key} (used in URLs and maps), an
 * {@link #environmentVariable() environment variable}, a {@link Kind kind}, an optional
 * {@link #defaultValue() default} and a description. Durations are written {@code 500ms},
 * {@code 30s}, {@code 5m}, {@code 2h}.
 *
 * <p>Immutable and thread-safe.
 */
public enum ClientProperty {
    HOST("host", Kind.TEXT, "localhost", "Host name or address of the Flock server."),
    PORT("port", Kind.PORT, "8815", "Arrow Flight port of the server (`flight.port`)."),
    HTTP_PORT("http-port", Kind.PORT, "8816", "HTTP port of the server (`http.port`), for bulk import and export."),
    USER("user", Kind.TEXT, null,
            "User name. When set, every call sends Basic credentials `user:token`; otherwise `Bearer <token>`."),
    TOKEN("token", Kind.SECRET, null, "The user's token (`flk_…`). Never logged."),
    DATABASE("database", Kind.TEXT, null,
            "Database of the session (the `database` header). Without it the server's `database.default`."),
    TLS("tls", Kind.BOOLEAN, "false", "Use TLS. Without a CA certificate the JVM's default trust store is used."),
    TLS_CA_FILE("tls-ca-file", Kind.PATH, null,
            "PEM file of the CA certificates to trust (the builder also takes the PEM bytes). Needs `tls=true`."),
    TLS_CLIENT_CERTIFICATE_FILE("tls-client-certificate-file", Kind.PATH, null,
            "PEM certificate chain presented for mutual TLS, together with `tls-client-key-file`."),
    TLS_CLIENT_KEY_FILE("tls-client-key-file", Kind.PATH, null,
            "PEM private key (PKCS#8) of the client certificate."),
    HEADERS("headers", Kind.HEADERS, null,
            "Extra headers sent on every call, as `name=value` pairs separated by `;`."),
    CONNECT_TIMEOUT("connect-timeout", Kind.DURATION, "10s", "Limit on opening a TCP (and TLS) connection."),
    REQUEST_TIMEOUT("request-timeout", Kind.DURATION, "5m",
            "Deadline of each call (planning a query, an update, metadata, actions). Streaming a query's rows has none."),
    RETRY_ATTEMPTS("retry-attempts", Kind.POSITIVE_INT, "3",
            "Attempts of an idempotent call that fails with UNAVAILABLE, the first one included. Writes are never retried."),
    RETRY_INITIAL_BACKOFF("retry-initial-backoff", Kind.DURATION, "100ms",
            "Wait before the second attempt; doubled before each further one."),
    RETRY_MAX_BACKOFF("retry-max-backoff", Kind.DURATION, "2s", "Longest wait between two attempts."),
    STATEMENT_CACHE_SIZE("statement-cache-size", Kind.POSITIVE_INT, "64",
            "JDBC: server prepared statements a connection keeps for reuse, by SQL text, after their "
                    + "`PreparedStatement` is closed (pooled code that prepares the same SQL on every borrow "
                    + "then skips the prepare round trip).");

    /** The type of a property's value, which fixes how its text is parsed. */
    public enum Kind {
        /** Any text. */
        TEXT,
        /** Text that is never logged or shown. */
        SECRET,
        /** An integer from 1 to 65535. */
        PORT,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** An integer of at least 1. */
        POSITIVE_INT,
        /** A duration such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}. */
        DURATION,
        /** A file path. */
        PATH,
        /** {@code name=value} pairs separated by {@code ;}. */
        HEADERS
    }

    private static final Map<String, ClientProperty> BY_KEY =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ClientProperty::key, Function.identity()));

    private final String key;
    private final Kind kind;
    private final String defaultValue;
    private final String description;

    ClientProperty(String key, Kind kind, String defaultValue, String description) {
        this.key = requireNonNull(key, "key is null");
        this.kind = requireNonNull(kind, "kind is null");
        this.defaultValue = defaultValue;
        this.description = requireNonNull(description, "description is null");
    }

    /** The name used in URLs and property maps, e.g. {@code connect-timeout}. */
    public String key() {
        return key;
    }

    /** The environment variable, {@code FLOCK_} and the key in upper case, e.g. {@code FLOCK_CONNECT_TIMEOUT}. */
    public String environmentVariable() {
        return "FLOCK_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    public Kind kind() {
        return kind;
    }

    /** The default as text, or empty when the property has none. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public String description() {
        return description;
    }

    /** The property of a key, or empty when no property has that key. */
    public static Optional<ClientProperty> forKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /**
     * The settings of a connection URL {@code flock://host:port/database?key=value&...} (host, port
     * and database may be left out; values URL-decoded), each checked against its property.
     *
     * @throws IllegalArgumentException naming every unknown key or invalid value
     */
    public static Map<ClientProperty, String> fromUrl(String url) {
        return io.flock.client.internal.PropertySources.fromUrl(java.util.Objects.requireNonNull(url, "url is null"));
    }

    /**
     * The settings of a key-to-text map (e.g. JDBC {@code Properties}), each checked against its
     * property; {@code source} names the map in messages.
     *
     * @throws IllegalArgumentException naming every unknown key or invalid value
     */
    public static Map<ClientProperty, String> fromMap(Map<String, String> settings, String source) {
        return io.flock.client.internal.PropertySources.fromMap(settings, source);
    }
}
