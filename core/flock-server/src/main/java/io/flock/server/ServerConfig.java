package io.flock.server;

import io.flock.engine.EngineConfig;
import io.flock.engine.duckdb.DuckDbSettings;
import io.flock.flight.FlightConfig;
import io.flock.flight.TlsConfig;
import io.flock.http.HttpConfig;
import io.flock.http.bulk.BulkConfig;
import io.flock.spi.DataSize;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The validated configuration of a server: defaults, then the config file, then command-line
 * flags. Unknown keys and bad values fail the start, all reported at once.
 */
public final class ServerConfig {
    private final Map<ConfigProperty, Object> values;

    private ServerConfig(Map<ConfigProperty, Object> values) {
        this.values = values;
    }

    /**
     * Builds the configuration from a config file (optional) and overrides (e.g. flags).
     *
     * @throws FlockException INVALID_ARGUMENT listing every problem found
     */
    public static ServerConfig load(Optional<Path> file, Map<String, String> overrides) {
        Map<String, String> raw = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        file.ifPresent(path -> readFile(path, raw, errors));
        raw.putAll(overrides);
        Map<ConfigProperty, Object> values = new EnumMap<>(ConfigProperty.class);
        for (ConfigProperty property : ConfigProperty.values()) {
            property.defaultValue().ifPresent(d -> values.put(property, property.parse(d)));
        }
        raw.forEach((key, value) -> {
            Optional<ConfigProperty> property = ConfigProperty.byKey(key);
            if (property.isEmpty()) {
                errors.add("unknown setting '" + key + "'" + file.map(f -> " in " + f).orElse(""));
                return;
            }
            try {
                values.put(property.get(), property.get().parse(value));
            } catch (IllegalArgumentException e) {
                errors.add("setting '" + key + "': " + e.getMessage());
            }
        });
        boolean hasCert = values.containsKey(ConfigProperty.TLS_CERTIFICATE);
        boolean hasKey = values.containsKey(ConfigProperty.TLS_KEY);
        if (hasCert != hasKey) {
            errors.add("TLS needs both 'tls.certificate' and 'tls.key'");
        }
        if (values.containsKey(ConfigProperty.TLS_CLIENT_CA) && !hasCert) {
            errors.add("'tls.client-ca' (mutual TLS) needs TLS: set 'tls.certificate' and 'tls.key'");
        }
        for (ConfigProperty tlsFile : List.of(ConfigProperty.TLS_CERTIFICATE, ConfigProperty.TLS_KEY, ConfigProperty.TLS_CLIENT_CA)) {
            if (values.containsKey(tlsFile) && !Files.isReadable((Path) values.get(tlsFile))) {
                errors.add("setting '" + tlsFile.key() + "': file " + values.get(tlsFile) + " does not exist or is not readable");
            }
        }
        try {
            io.flock.engine.catalog.Names.database((String) values.get(ConfigProperty.DEFAULT_DATABASE));
        } catch (FlockException e) {
            errors.add("setting 'database.default': " + e.getMessage());
        }
        if (!errors.isEmpty()) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT, "Invalid configuration:\n  - " + String.join("\n  - ", errors));
        }
        return new ServerConfig(values);
    }

    private static void readFile(Path path, Map<String, String> raw, List<String> errors) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            errors.add("cannot read config file " + path + ": " + e.getMessage());
            return;
        }
        properties.stringPropertyNames().forEach(k -> raw.put(k, properties.getProperty(k)));
    }

    @SuppressWarnings("unchecked")
    private <T> T get(ConfigProperty property) {
        return (T) values.get(property);
    }

    public Path dataDirectory() {
        return get(ConfigProperty.DATA_DIR);
    }

    public String bindAddress() {
        return get(ConfigProperty.BIND);
    }

    public EngineConfig engineConfig() {
        int maxRunning = get(ConfigProperty.QUERY_MAX_RUNNING);
        int maxTransactions = get(ConfigProperty.TRANSACTION_MAX_OPEN);
        // Every running query and every open transaction may hold a connection of the same database,
        // plus two for describing statements: so neither can starve the other.
        DuckDbSettings duckDb = new DuckDbSettings(get(ConfigProperty.MEMORY_LIMIT), get(ConfigProperty.THREADS),
                maxRunning + maxTransactions + 2, get(ConfigProperty.BATCH_ROWS),
                get(ConfigProperty.CHECKPOINT_THRESHOLD), get(ConfigProperty.COMPACTION_INTERVAL),
                this.<Integer>get(ConfigProperty.COMPACTION_ROWS), this.<Integer>get(ConfigProperty.MAX_PENDING_ROWS));
        return new EngineConfig(dataDirectory(), duckDb, maxRunning, get(ConfigProperty.QUERY_MAX_QUEUED),
                get(ConfigProperty.QUERY_MAX_QUEUE_WAIT), get(ConfigProperty.QUERY_TIMEOUT),
                get(ConfigProperty.QUERY_UNCLAIMED_TIMEOUT), get(ConfigProperty.QUERY_HISTORY_SIZE),
                get(ConfigProperty.DEFAULT_DATABASE), get(ConfigProperty.TRANSACTION_IDLE_TIMEOUT),
                get(ConfigProperty.TRANSACTION_MAX_OPEN));
    }

    public FlightConfig flightConfig() {
        return new FlightConfig(bindAddress(), get(ConfigProperty.FLIGHT_PORT), tls(),
                get(ConfigProperty.PREPARED_IDLE_TIMEOUT), get(ConfigProperty.SHUTDOWN_GRACE), generation());
    }

    public HttpConfig httpConfig() {
        Optional<TlsConfig> tls = tls();
        return new HttpConfig(bindAddress(), get(ConfigProperty.HTTP_PORT), tls.map(PemSslContext::create),
                tls.flatMap(TlsConfig::clientCa).isPresent(), generation());
    }

    /** Settings of the bulk import and export endpoints. */
    public BulkConfig bulkConfig() {
        return new BulkConfig(get(ConfigProperty.BULK_IDLE_TIMEOUT), get(ConfigProperty.BULK_IMPORT_PIECE_SIZE));
    }

    /** The DuckDB memory limit of the bulk codec. */
    public DataSize bulkMemoryLimit() {
        return get(ConfigProperty.BULK_MEMORY_LIMIT);
    }

    /** DuckDB threads of the bulk codec: those of a database. */
    public int bulkThreads() {
        return get(ConfigProperty.THREADS);
    }

    /** The deployment generation every response names. */
    public long generation() {
        return ((Integer) get(ConfigProperty.GENERATION)).longValue();
    }

    private Optional<TlsConfig> tls() {
        return values.containsKey(ConfigProperty.TLS_CERTIFICATE)
                ? Optional.of(new TlsConfig(get(ConfigProperty.TLS_CERTIFICATE), get(ConfigProperty.TLS_KEY),
                        Optional.ofNullable(get(ConfigProperty.TLS_CLIENT_CA))))
                : Optional.empty();
    }

    /** The effective configuration as {@code key=value} lines, for the start-up log. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        values.forEach((property, value) -> lines.add(property.key() + "=" + format(value)));
        return lines;
    }

    private static String format(Object value) {
        if (value instanceof Duration d) {
            return Durations.format(d);
        }
        if (value instanceof DataSize s) {
            return s.toString();
        }
        return String.valueOf(value);
    }
}
