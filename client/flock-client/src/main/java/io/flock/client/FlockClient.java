package io.flock.client;

import static java.util.Objects.requireNonNull;

import io.flock.client.bulk.BulkClient;
import io.flock.client.bulk.BulkFormat;
import io.flock.client.bulk.BulkOptions;
import io.flock.client.bulk.ExportResult;
import io.flock.client.bulk.ImportResult;
import io.flock.client.bulk.PartConsumer;
import io.flock.client.bulk.PartSource;
import io.flock.client.internal.HttpBulkClient;
import java.io.InputStream;
import java.io.OutputStream;

import io.flock.client.internal.ClientConfig;
import io.flock.client.internal.MetadataReader;
import io.flock.client.internal.QueryActions;
import io.flock.client.internal.ResultStream;
import io.flock.client.internal.Retrier;
import io.flock.client.internal.StatementRunner;
import io.flock.client.internal.Transport;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import io.flock.client.ingest.IngestOptions;
import io.flock.client.ingest.IngestStream;
import io.flock.client.ingest.StreamMode;
import io.flock.client.internal.ingest.StreamOpener;
import io.flock.client.internal.ingest.StreamSender;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * A client of one Flock server over Arrow Flight SQL. Create it with {@link #builder()}:
 *
 * <pre>{@code
 * try (FlockClient client = FlockClient.builder().url("flock://db:8815/sales").token(token).build();
 *      QueryResult result = client.execute("SELECT id, name FROM customers WHERE id > ?", 100)) {
 *     for (Row row : (Iterable<Row>) result::rows) { … row.getLong("id") … }
 * }
 * }</pre>
 *
 * <p>Thread-safe: one client holds one multiplexed gRPC channel that any number of threads use at
 * once; share it. Idempotent calls (metadata, {@link #cancel}, {@link #explainAnalyze},
 * {@link #prepare}, starting a query) are retried on UNAVAILABLE by the {@link RetryPolicy};
 * updates never are. Every call but a result's row stream has the request timeout as deadline
 * (default 5 min). Failures are {@link FlockException}s.
 */
public final class FlockClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FlockClient.class.getName());

    private final ClientConfig config;
    private final BufferAllocator allocator;
    private final Transport transport;
    private final StatementRunner statements;
    private final MetadataReader metadata;
    private final QueryActions actions;
    private final Retrier retrier;
    private final BulkClient bulk;
    private final Set<QueryResult> openResults = ConcurrentHashMap.newKeySet();

    FlockClient(ClientConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.allocator = new RootAllocator();
        try {
            this.transport = new Transport(config, allocator);
        } catch (RuntimeException e) {
            allocator.close();
            throw e;
        }
        Retrier retrier = new Retrier(config.retryPolicy(), config.address(), transport::resetConnectBackoff);
        this.statements = new StatementRunner(transport, retrier, allocator);
        this.metadata = new MetadataReader(transport, retrier);
        this.actions = new QueryActions(transport, retrier);
        this.retrier = retrier;
        this.bulk = new HttpBulkClient(config);
        LOG.log(Level.DEBUG, () -> "Flock client: " + config);
    }

    /** A builder with every setting at its default ({@link ClientProperty}). */
    public static FlockClientBuilder builder() {
        return new FlockClientBuilder();
    }

    /**
     * Runs one SQL statement with {@code parameters} bound to its {@code ?} placeholders in order.
     * For a query this returns as soon as the server planned it, with the query id; rows stream
     * when read. A statement that returns no rows runs to completion and reports its update count.
     * Close the result.
     *
     * @throws FlockException if the statement cannot be planned or, for an update, fails
     * @throws IllegalArgumentException if the number of parameters differs or a value does not fit
     */
    public QueryResult execute(String sql, Object... parameters) {
        return run(sql, parameters, false);
    }

    /**
     * Runs a statement that returns no rows (DML, DDL) and returns the number of rows it changed
     * (0 for DDL). Never retried.
     *
     * @throws IllegalArgumentException before running it, if the statement returns rows
     */
    public long executeUpdate(String sql, Object... parameters) {
        try (QueryResult result = run(sql, parameters, true)) {
            return result.updateCount().orElseThrow();
        }
    }

    private QueryResult run(String sql, Object[] parameters, boolean updateOnly) {
        requireNonNull(sql, "sql is null");
        List<Object> values = parameters == null ? List.of() : Arrays.asList(parameters);
        return result(statements.run(sql, values, updateOnly, null));
    }

    /** The result of a started statement, tracked until closed. */
    QueryResult result(StatementRunner.Outcome outcome) {
        QueryResult result;
        if (outcome.isQuery()) {
            FlightInfo info = outcome.info();
            String queryId = new String(info.getAppMetadata(), StandardCharsets.UTF_8);
            ResultStream stream = new ResultStream(
                    () -> transport.sql().getStream(info.getEndpoints().get(0).getTicket(), transport.stream()));
            result = new QueryResult(queryId, outcome.schema(), -1, stream, this::cancel, openResults::remove);
        } else {
            result = new QueryResult(null, outcome.schema(), outcome.updateCount(), null, this::cancel,
                    openResults::remove);
        }
        openResults.add(result);
        return result;
    }

    /**
     * Prepares {@code sql} on the server to run it many times with different parameters; its
     * columns and parameter types are known at once. Close it when done.
     *
     * @throws FlockException if the statement is invalid or not allowed
     */
    public PreparedQuery prepareStatement(String sql) {
        return new PreparedQuery(requireNonNull(sql, "sql is null"), statements, null, this::result);
    }

    /**
     * Begins a transaction on the client's database: statements run through the returned
     * {@link FlockTransaction} see their own changes, and others see them only after
     * {@link FlockTransaction#commit()}. DuckDB's snapshot isolation applies; a write that conflicts
     * with another transaction's fails with {@code TRANSACTION_CONFLICT}. Close it to roll back
     * what was not committed.
     */
    public FlockTransaction beginTransaction() {
        return new FlockTransaction(statements, this::result);
    }

    /** The result columns and parameter types of {@code sql}, without running it. */
    public StatementDescription prepare(String sql) {
        return statements.describe(requireNonNull(sql, "sql is null"));
    }

    /**
     * Cancels a query of this user (any query, for an admin) by id, from any client; its stream
     * then fails with {@link FlockCancelledException}. Returns the query's state afterwards.
     *
     * @throws FlockQueryException with {@code QUERY_NOT_FOUND} when there is no such query of the user
     */
    public QueryState cancel(String queryId) {
        return actions.cancel(requireNonNull(queryId, "queryId is null"));
    }

    /** Timings, counts and DuckDB's operator profile of a query of this user, running or finished. */
    public QueryStats explainAnalyze(String queryId) {
        return actions.explainAnalyze(requireNonNull(queryId, "queryId is null"));
    }

    /** The databases the user may use, plus {@code flock} (the system tables). */
    public List<String> databases() {
        return metadata.databases();
    }

    /** The tables and views of {@code database}. */
    public List<TableInfo> tables(String database) {
        return metadata.tables(database);
    }

    /**
     * The columns of {@code table} ({@code name} or {@code schema.name}) in {@code database}.
     *
     * @throws FlockQueryException with {@code NOT_FOUND} (SQLSTATE 42P01) if there is no such table
     */
    public List<Column> columns(String database, String table) {
        return metadata.columns(database, table);
    }

    /** The primary-key columns of {@code table} in key order; empty if it has none. */
    public List<String> primaryKey(String database, String table) {
        return metadata.primaryKey(database, table);
    }

    /**
     * Opens a stream of rows into {@code table} ({@code name} or {@code schema.name}) of
     * {@code database} (docs/ingest.md), or resumes the stream {@link IngestOptions#streamId()}.
     * Close the stream before the client.
     *
     * @throws FlockQueryException if the table does not exist, the user may not write into the
     *     database, or the mode does not fit the table (APPEND_ONLY needs a table without primary
     *     key, CDC one with)
     */
    public IngestStream openStream(String database, String table, StreamMode mode, IngestOptions options) {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(options, "options is null");
        StreamOpener.Opened opened = StreamOpener.open(transport, retrier, database, table, mode.name(),
                options.streamId());
        BufferAllocator streamAllocator = allocator.newChildAllocator("ingest-" + opened.streamId(), 0, Long.MAX_VALUE);
        try {
            return new IngestStream(opened.rowSchema(), mode, opened.streamId(), opened.nextSequence(),
                    opened.committedRows(), options,
                    streamAllocator, onDone -> new StreamSender(transport, streamAllocator, opened.database(),
                            opened.schema(), opened.table(), opened.streamId(), mode.name(), opened.opening(), options,
                            onDone));
        } catch (RuntimeException e) {
            streamAllocator.close();
            throw e;
        }
    }

    // ---- bulk import and export over HTTP (docs/bulk.md) ----

    /** Bulk export and import over the server's HTTP port ({@link ClientProperty#HTTP_PORT}). */
    public BulkClient bulk() {
        return bulk;
    }

    /** Streams the result of {@code sql} into {@code out} as a {@code format} file. See {@link BulkClient#export}. */
    public ExportResult export(String sql, BulkFormat format, OutputStream out) {
        return bulk.export(sql, BulkOptions.of(format), out);
    }

    /** Exports {@code sql} in {@code parts} parts fetched concurrently. See {@link BulkClient#exportParallel}. */
    public ExportResult exportParallel(String sql, int parts, BulkFormat format, PartConsumer consumer) {
        return bulk.exportParallel(sql, parts, BulkOptions.of(format), consumer);
    }

    /** Imports a {@code format} file into {@code table}, all or nothing. See {@link BulkClient#importFrom}. */
    public ImportResult importFrom(String table, InputStream content, BulkFormat format) {
        return bulk.importFrom(table, content, BulkOptions.of(format));
    }

    /** Imports several files into {@code table} concurrently, as one import. See {@link BulkClient#importParallel}. */
    public ImportResult importParallel(String table, List<PartSource> parts, BulkFormat format) {
        return bulk.importParallel(table, parts, BulkOptions.of(format), parts.size());
    }

    /** Closes every open result, then the channel. Idempotent. */
    @Override
    public void close() {
        for (QueryResult result : new ArrayList<>(openResults)) {
            result.close();
        }
        try {
            transport.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "Closing the channel to Flock at " + config.address() + " failed", e);
        } finally {
            allocator.close();
        }
    }
}
