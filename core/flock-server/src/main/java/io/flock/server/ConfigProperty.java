package io.flock.server;

import io.flock.spi.DataSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every server setting: its key in {@code flock.properties}, its type, default and meaning. This
 * one table drives parsing, validation, the logged effective configuration and
 * docs/configuration.md.
 */
enum ConfigProperty {
    DATA_DIR("data.dir", Kind.PATH, "./flock-data", "Directory of the catalog and the database files."),
    BIND("bind", Kind.STRING, "127.0.0.1", "Address the endpoints listen on."),
    FLIGHT_PORT("flight.port", Kind.PORT, "8815", "Arrow Flight SQL port; 0 picks a free port."),
    HTTP_PORT("http.port", Kind.PORT, "8816", "HTTP port (health, metrics); 0 picks a free port."),
    TLS_CERTIFICATE("tls.certificate", Kind.PATH, null, "PEM certificate chain; enables TLS on Flight SQL and HTTP together with tls.key."),
    TLS_KEY("tls.key", Kind.PATH, null, "PEM private key (PKCS#8) of tls.certificate."),
    TLS_CLIENT_CA("tls.client-ca", Kind.PATH, null, "PEM CA for client certificates; when set, clients must present one (mTLS)."),
    GENERATION("deployment.generation", Kind.POSITIVE_INT, "1", "Generation of this deployment, sent with every response (x-flock-generation) for blue-green switches."),
    DEFAULT_DATABASE("database.default", Kind.STRING, "default_db", "Database of sessions that name none; created on first start."),
    QUERY_TIMEOUT("query.timeout", Kind.DURATION, "30m", "Longest a query may run, result streaming included."),
    QUERY_MAX_RUNNING("query.max-running", Kind.POSITIVE_INT, "16", "Queries executing at once."),
    QUERY_MAX_QUEUED("query.max-queued", Kind.NON_NEGATIVE_INT, "64", "Queries waiting for a slot; more are refused with RESOURCE_EXHAUSTED."),
    QUERY_MAX_QUEUE_WAIT("query.max-queue-wait", Kind.DURATION, "30s", "Longest a query waits for a slot before it is refused."),
    QUERY_UNCLAIMED_TIMEOUT("query.unclaimed-result-timeout", Kind.DURATION, "5m", "Longest a result waits for the client to fetch it."),
    QUERY_HISTORY_SIZE("query.history-size", Kind.POSITIVE_INT, "1000", "Finished queries kept in flock.queries."),
    TRANSACTION_MAX_OPEN("transaction.max-open", Kind.POSITIVE_INT, "8", "Open transactions allowed at once; each holds a connection of its database until it ends."),
    TRANSACTION_IDLE_TIMEOUT("transaction.idle-timeout", Kind.DURATION, "5m", "An open transaction unused this long is rolled back."),
    MEMORY_LIMIT("storage.memory-limit", Kind.DATA_SIZE, "4GB", "DuckDB memory limit per database; larger queries spill to disk or fail with OUT_OF_MEMORY."),
    THREADS("storage.threads", Kind.POSITIVE_INT, Integer.toString(Runtime.getRuntime().availableProcessors()), "DuckDB threads per database."),
    CHECKPOINT_THRESHOLD("storage.checkpoint-threshold", Kind.DATA_SIZE, "256MB", "Write-ahead log size at which a commit checkpoints the database; small values make frequent writes into large tables rewrite them often (docs/primary-key-tables.md)."),
    COMPACTION_INTERVAL("storage.compaction-interval", Kind.DURATION, "1s", "How often the deltas of primary-key tables are folded into them in the background (docs/primary-key-tables.md)."),
    COMPACTION_ROWS("storage.compaction-rows", Kind.POSITIVE_INT, "500000", "Pending delta rows of a database at which the background compaction folds them at once, without waiting for the interval; also the most delta rows one fold takes, larger backlogs being folded in parts (docs/primary-key-tables.md)."),
    MAX_PENDING_ROWS("storage.max-pending-rows", Kind.POSITIVE_INT, "2000000", "Most delta rows of primary-key tables a database holds unfolded: a keyed write (CDC ingest, UPSERT) that finds this many folds them before it writes, so writers wait for the folds instead of growing the backlog (and the wait of the next statement) without bound."),
    BATCH_ROWS("result.batch-rows", Kind.POSITIVE_INT, "65536", "Rows per Arrow record batch sent to clients."),
    PREPARED_IDLE_TIMEOUT("prepared-statement.idle-timeout", Kind.DURATION, "1h", "Unused prepared statements are dropped after this time."),
    BULK_IDLE_TIMEOUT("bulk.idle-timeout", Kind.DURATION, "10m", "A parallel import or export unused this long is discarded with its spool files (docs/bulk.md)."),
    BULK_IMPORT_PIECE_SIZE("bulk.import-piece-size", Kind.DATA_SIZE, "32MB", "CSV and TSV imports are cut into pieces of whole records of about this size while they arrive, and each piece is parsed while the next arrives (docs/bulk.md)."),
    BULK_MEMORY_LIMIT("bulk.memory-limit", Kind.DATA_SIZE, "1GB", "DuckDB memory limit of the bulk codec, which converts CSV, JSON lines and Parquet for imports and exports."),
    SHUTDOWN_GRACE("shutdown.grace-period", Kind.DURATION, "10s", "How long shutdown waits for running calls before cancelling them.");

    enum Kind { STRING, PATH, PORT, POSITIVE_INT, NON_NEGATIVE_INT, DURATION, DATA_SIZE }

    private static final Map<String, ConfigProperty> BY_KEY =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ConfigProperty::key, Function.identity()));

    private final String key;
    private final Kind kind;
    private final String defaultValue;
    private final String description;

    ConfigProperty(String key, Kind kind, String defaultValue, String description) {
        this.key = key;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    String key() {
        return key;
    }

    Kind kind() {
        return kind;
    }

    Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    String description() {
        return description;
    }

    static Optional<ConfigProperty> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** Parses and checks a value of this property, or throws IllegalArgumentException saying why. */
    Object parse(String value) {
        String v = value.trim();
        return switch (kind) {
            case STRING -> {
                if (v.isEmpty()) {
                    throw new IllegalArgumentException("must not be empty");
                }
                yield v;
            }
            case PATH -> Path.of(v);
            case PORT -> {
                int port = parseInt(v);
                if (port < 0 || port > 65535) {
                    throw new IllegalArgumentException("'" + v + "' is not a port (0 to 65535)");
                }
                yield port;
            }
            case POSITIVE_INT -> {
                int n = parseInt(v);
                if (n < 1) {
                    throw new IllegalArgumentException("must be at least 1, was " + n);
                }
                yield n;
            }
            case NON_NEGATIVE_INT -> {
                int n = parseInt(v);
                if (n < 0) {
                    throw new IllegalArgumentException("must be at least 0, was " + n);
                }
                yield n;
            }
            case DURATION -> {
                Duration d = Durations.parse(v);
                if (d.isZero()) {
                    throw new IllegalArgumentException("must be longer than zero");
                }
                yield d;
            }
            case DATA_SIZE -> DataSize.parse(v);
        };
    }

    private static int parseInt(String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not a whole number");
        }
    }
}
