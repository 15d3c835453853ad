package io.flock.engine.duckdb;

import io.flock.engine.worker.Execution;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.DuckDBResultSet;
import org.duckdb.ProfilerPrintFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A statement running on a pooled DuckDB connection. Query results stream through DuckDB's Arrow
 * export (C data interface), never row by row through JDBC getters.
 */
final class DuckDbExecution implements Execution {
    private static final Logger log = LoggerFactory.getLogger(DuckDbExecution.class);
    private static final int MAX_PROFILE_CHARS = 256 * 1024;

    private final DuckDbInstance instance;
    private final DuckDBConnection connection;
    private final DuckDBPreparedStatement statement;
    private final AtomicBoolean closed = new AtomicBoolean();
    private DuckDBResultSet resultSet;
    private ArrowReader reader;
    private Schema schema = new Schema(List.of());
    private long updateCount = -1;
    private String profile = "";

    private DuckDbExecution(DuckDbInstance instance, DuckDBConnection connection, DuckDBPreparedStatement statement) {
        this.instance = instance;
        this.connection = connection;
        this.statement = statement;
    }

    /** Prepares, binds and executes {@code sql}; returns once results can stream. */
    static DuckDbExecution start(DuckDbInstance instance, String sql, List<Object> parameters,
                                 BufferAllocator allocator, int batchRows, CancelHook hook) {
        DuckDBConnection connection = instance.borrow();
        DuckDBPreparedStatement statement;
        try {
            statement = (DuckDBPreparedStatement) connection.prepareStatement(sql);
        } catch (SQLException e) {
            instance.release(connection);
            throw DuckDbErrors.toFlock(e);
        }
        DuckDbExecution execution = new DuckDbExecution(instance, connection, statement);
        try {
            hook.register(execution);
            DuckDbParameters.bind(statement, parameters);
            boolean hasRows = statement.execute();
            if (hasRows) {
                execution.resultSet = (DuckDBResultSet) statement.getResultSet();
                execution.reader = EnumAsTextReader.wrap(HugeIntCheckedReader.wrap(
                        (ArrowReader) execution.resultSet.arrowExportStream(allocator, batchRows),
                        execution.resultSet.getMetaData(), allocator), allocator);
                execution.schema = execution.reader.getVectorSchemaRoot().getSchema();
            } else {
                execution.updateCount = Math.max(0, statement.getLargeUpdateCount());
            }
            return execution;
        } catch (SQLException e) {
            execution.close();
            throw DuckDbErrors.toFlock(e);
        } catch (java.io.IOException e) {
            execution.close();
            throw new FlockException(ErrorCode.INTERNAL, "Cannot read the result schema: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            execution.close();
            throw e;
        }
    }

    @Override
    public Schema schema() {
        return schema;
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
        } catch (Exception e) {
            log.debug("Closing an Arrow reader failed: {}", e.getMessage());
        }
        try {
            if (resultSet != null) {
                resultSet.close();
            }
            statement.close();
            String json = connection.getProfilingInformation(ProfilerPrintFormat.JSON);
            profile = json == null ? "" : json.length() > MAX_PROFILE_CHARS ? "" : json;
        } catch (SQLException e) {
            log.debug("Closing a statement on '{}' failed: {}", instance.name(), e.getMessage());
        } finally {
            instance.release(connection);
        }
    }

    /** Lets the caller learn of the execution before it blocks in {@code execute}, to cancel it. */
    @FunctionalInterface
    interface CancelHook {
        void register(DuckDbExecution execution);
    }
}
