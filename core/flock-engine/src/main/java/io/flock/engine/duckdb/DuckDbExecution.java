package io.flock.engine.duckdb;

import io.flock.engine.worker.Execution;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.DuckDBResultSet;
import org.duckdb.DuckDBResultSetMetaData;
import org.duckdb.ProfilerPrintFormat;
import org.duckdb.StatementReturnType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A statement prepared on a pooled DuckDB connection (or taken from the connection's
 * {@link StatementCache}), then run. Query results stream through DuckDB's Arrow export (C data
 * interface), never row by row through JDBC getters. A statement that ran cleanly goes back to the
 * connection's cache when it closes.
 *
 * <p>A <em>one-off</em> query ({@link #oneOff}) whose SQL text is new to the database is not
 * prepared: DuckDB plans and runs it in one step, which saves the planning pass a prepare costs (a
 * fresh prepared statement is planned again when it runs). A text seen before is prepared and kept
 * as usual, so that repeated queries run without planning. An unprepared query's schema is known
 * only once its run has a result: {@link #schema()} waits up to {@link #ONE_OFF_SCHEMA_WAIT_MILLIS}
 * for it, so that short queries announce the schema of their own run, and otherwise describes the
 * statement on another connection, so that a long query is announced (and can be cancelled) while
 * it runs.
 */
final class DuckDbExecution implements Execution {
    private static final Logger log = LoggerFactory.getLogger(DuckDbExecution.class);
    private static final int MAX_PROFILE_CHARS = 256 * 1024;
    private static final long ONE_OFF_SCHEMA_WAIT_MILLIS = 5;

    private final DuckDbInstance instance;
    private final DuckDBConnection connection;
    private final Runnable releaseConnection;
    private final DuckDBPreparedStatement statement;
    private final String sql;
    /** The schema generation the statement was prepared in (see {@link StatementCache}). */
    private final long generation;
    private final BufferAllocator allocator;
    private final int batchRows;
    private final Schema schema;
    private final StatementHooks hooks;
    /** For a one-off query: the result schema, known once the run has a result (or failed). */
    private final CompletableFuture<Schema> oneOffSchema;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean cancelled;
    private boolean ran;
    private boolean failed;
    private DuckDBResultSet resultSet;
    private ArrowReader reader;
    private long updateCount = -1;
    private String profile = "";

    private DuckDbExecution(DuckDbInstance instance, DuckDBConnection connection, Runnable releaseConnection,
                            DuckDBPreparedStatement statement, String sql, long generation, BufferAllocator allocator,
                            int batchRows, Schema schema, StatementHooks hooks, CompletableFuture<Schema> oneOffSchema) {
        this.instance = instance;
        this.connection = connection;
        this.releaseConnection = releaseConnection;
        this.statement = statement;
        this.sql = sql;
        this.generation = generation;
        this.allocator = allocator;
        this.batchRows = batchRows;
        this.schema = schema;
        this.hooks = hooks;
        this.oneOffSchema = oneOffSchema;
    }

    /**
     * Prepares {@code sql} and binds its parameters; {@link #run()} executes it, with {@code hooks}
     * right before and after.
     */
    static DuckDbExecution prepare(DuckDbInstance instance, String sql, List<Object> parameters,
                                   BufferAllocator allocator, int batchRows, StatementHooks hooks) {
        DuckDBConnection connection = instance.borrow();
        return prepare(instance, connection, () -> instance.release(connection), sql, parameters, allocator, batchRows,
                hooks);
    }

    /** Prepares {@code sql} inside {@code transaction}, on its connection. */
    static DuckDbExecution prepare(DuckDbTransaction transaction, String sql, List<Object> parameters,
                                   BufferAllocator allocator, int batchRows, StatementHooks hooks) {
        DuckDBConnection connection = transaction.takeTurn();
        return prepare(transaction.instance(), connection, transaction::endTurn, sql, parameters, allocator, batchRows,
                hooks);
    }

    private static DuckDbExecution prepare(DuckDbInstance instance, DuckDBConnection connection, Runnable release,
                                           String sql, List<Object> parameters, BufferAllocator allocator,
                                           int batchRows, StatementHooks hooks) {
        DuckDBPreparedStatement statement;
        Schema schema;
        long generation = instance.shapes().generation();
        try {
            statement = instance.prepareStatement(connection, sql, generation);
        } catch (SQLException e) {
            release.run();
            throw DuckDbErrors.toFlock(e);
        }
        try {
            schema = resultSchema((DuckDBResultSetMetaData) statement.getMetaData());
            DuckDbParameters.bind(statement, parameters);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(statement);
            release.run();
            throw e instanceof SQLException failure ? DuckDbErrors.toFlock(failure) : (RuntimeException) e;
        }
        return new DuckDbExecution(instance, connection, release, statement, sql, generation, allocator, batchRows,
                schema, hooks, null);
    }

    /**
     * A one-off query on a pooled connection of {@code instance}: prepared (or taken from the
     * connection's kept statements) if its SQL text ran recently, else a statement that
     * {@link #run()} plans and runs in one step and that is closed afterwards (DuckDB's JDBC
     * statements run that way cannot be run again).
     */
    static DuckDbExecution oneOff(DuckDbInstance instance, String sql, BufferAllocator allocator, int batchRows) {
        DuckDBConnection connection = instance.borrow();
        boolean repeated = instance.oneOffSeenBefore(sql);
        if (repeated || instance.keepsStatement(connection, sql, instance.shapes().generation())) {
            return prepare(instance, connection, () -> instance.release(connection), sql, List.of(), allocator,
                    batchRows, StatementHooks.NONE);
        }
        DuckDBPreparedStatement statement;
        try {
            statement = (DuckDBPreparedStatement) connection.createStatement();
        } catch (SQLException e) {
            instance.release(connection);
            throw DuckDbErrors.toFlock(e);
        }
        return new DuckDbExecution(instance, connection, () -> instance.release(connection), statement, sql,
                instance.shapes().generation(), allocator, batchRows, null, StatementHooks.NONE,
                new CompletableFuture<>());
    }

    static Schema resultSchema(DuckDBResultSetMetaData meta) throws SQLException {
        List<Field> columns = new ArrayList<>();
        if (meta.getReturnType() == StatementReturnType.QUERY_RESULT) {
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(DuckDbTypes.field(meta.getColumnLabel(i), meta.getColumnTypeName(i), true));
            }
        }
        return new Schema(columns);
    }

    @Override
    public void run() {
        if (ran) {
            return;
        }
        ran = true;
        try {
            if (cancelled) {
                throw new FlockException(ErrorCode.QUERY_CANCELLED, "The query was cancelled before it ran");
            }
            hooks.before(connection);
            boolean rows = oneOffSchema != null ? statement.execute(sql) : statement.execute();
            if (rows) {
                resultSet = (DuckDBResultSet) statement.getResultSet();
                // The prepared schema already holds the declared types; map them again only if
                // the statement turned out to return rows it did not announce (or was not prepared).
                List<Field> declared = schema == null || schema.getFields().isEmpty()
                        ? resultSchema((DuckDBResultSetMetaData) resultSet.getMetaData()).getFields()
                        : schema.getFields();
                reader = EnumAsTextReader.wrap(HugeIntCheckedReader.wrap(
                        (ArrowReader) resultSet.arrowExportStream(allocator, batchRows), declared, allocator),
                        allocator);
                reader.getVectorSchemaRoot();
                announce(new Schema(declared));
            } else {
                updateCount = Math.max(0, statement.getLargeUpdateCount());
            }
            hooks.after(connection);
            if (!rows) {
                announce(new Schema(List.of()));
            }
        } catch (SQLException e) {
            throw failed(DuckDbErrors.toFlock(e));
        } catch (IOException e) {
            throw failed(new FlockException(ErrorCode.INTERNAL, "Cannot read the result schema: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    private void announce(Schema resultSchema) {
        if (oneOffSchema != null) {
            oneOffSchema.complete(resultSchema);
        }
    }

    private RuntimeException failed(RuntimeException error) {
        failed = true;
        hooks.failed(connection);
        if (oneOffSchema != null) {
            oneOffSchema.completeExceptionally(error);
        }
        return error;
    }

    @Override
    public Schema schema() {
        if (oneOffSchema == null) {
            return schema;
        }
        try {
            return oneOffSchema.get(ONE_OFF_SCHEMA_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new FlockException(ErrorCode.INTERNAL, "Query failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            // Still running: describe it on another connection (the shape cache remembers it).
            return instance.shapes().get(sql, () -> DuckDbWorker.describe(instance, sql)).resultSchema();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlockException(ErrorCode.QUERY_CANCELLED, "Interrupted while waiting for the result schema", e);
        }
    }

    @Override
    public Optional<ArrowReader> reader() {
        return Optional.ofNullable(reader);
    }

    @Override
    public long updateCount() {
        return updateCount;
    }

    @Override
    public void cancel() {
        cancelled = true;
        if (closed.get()) {
            return;
        }
        try {
            statement.cancel();
        } catch (SQLException | RuntimeException e) {
            log.debug("Cancel of a statement on '{}' failed: {}", instance.name(), e.getMessage());
        }
    }

    @Override
    public String profileJson() {
        return profile;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (reader != null) {
                reader.close();
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Closing an Arrow reader failed: {}", e.getMessage());
        }
        try {
            if (resultSet != null) {
                resultSet.close();
            }
            if (ran && !failed && !cancelled && oneOffSchema == null) {
                keepStatement();
            } else {
                statement.close();
            }
            String json = connection.getProfilingInformation(ProfilerPrintFormat.JSON);
            profile = json == null || json.length() > MAX_PROFILE_CHARS ? "" : json;
        } catch (SQLException e) {
            log.debug("Closing a statement on '{}' failed: {}", instance.name(), e.getMessage());
        } finally {
            releaseConnection.run();
        }
    }

    /** Hands a statement that ran cleanly back to its connection's cache, for the next run of its SQL. */
    private void keepStatement() {
        try {
            statement.clearParameters();
            instance.keepStatement(connection, sql, statement, generation);
        } catch (SQLException e) {
            closeQuietly(statement);
        }
    }

    private static void closeQuietly(DuckDBPreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            log.debug("Closing a prepared statement failed: {}", e.getMessage());
        }
    }
}
