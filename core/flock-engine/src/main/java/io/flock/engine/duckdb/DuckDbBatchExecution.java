package io.flock.engine.duckdb;

import io.flock.engine.worker.Execution;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBPreparedStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One statement run once per parameter row, all rows in one transaction: committed when every
 * row succeeded, rolled back otherwise (including on cancel or timeout).
 */
final class DuckDbBatchExecution implements Execution {
    private static final Logger log = LoggerFactory.getLogger(DuckDbBatchExecution.class);

    private final DuckDbInstance instance;
    private final DuckDBConnection connection;
    private final DuckDBPreparedStatement statement;
    private final List<List<Object>> rows;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean cancelled;
    private boolean committed;
    private long updateCount = -1;

    private DuckDbBatchExecution(DuckDbInstance instance, DuckDBConnection connection, DuckDBPreparedStatement statement,
                                 List<List<Object>> rows) {
        this.instance = instance;
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
    }

    static DuckDbBatchExecution prepare(DuckDbInstance instance, String sql, List<List<Object>> rows) {
        DuckDBConnection connection = instance.borrow();
        try {
            try (Statement begin = connection.createStatement()) {
                begin.execute("BEGIN TRANSACTION");
            }
            return new DuckDbBatchExecution(instance, connection,
                    (DuckDBPreparedStatement) connection.prepareStatement(sql), List.copyOf(rows));
        } catch (SQLException e) {
            rollbackQuietly(connection);
            instance.release(connection);
            throw DuckDbErrors.toFlock(e);
        }
    }

    @Override
    public void run() {
        long total = 0;
        try {
            for (int i = 0; i < rows.size(); i++) {
                if (cancelled) {
                    throw new FlockException(ErrorCode.QUERY_CANCELLED, "The batch was cancelled at row " + (i + 1));
                }
                DuckDbParameters.bind(statement, rows.get(i));
                if (statement.execute()) {
                    try (ResultSet ignored = statement.getResultSet()) {
                        // rows of a query run as an update are discarded
                    }
                } else {
                    total += Math.max(0, statement.getLargeUpdateCount());
                }
            }
            try (Statement commit = connection.createStatement()) {
                commit.execute("COMMIT");
            }
            committed = true;
            updateCount = total;
        } catch (SQLException e) {
            throw DuckDbErrors.toFlock(e, "The batch was rolled back");
        }
    }

    @Override
    public Schema schema() {
        return new Schema(List.of());
    }

    @Override
    public Optional<ArrowReader> reader() {
        return Optional.empty();
    }

    @Override
    public long updateCount() {
        return updateCount;
    }

    @Override
    public void cancel() {
        cancelled = true;
        try {
            statement.cancel();
        } catch (SQLException | RuntimeException e) {
            log.debug("Cancel of a batch on '{}' failed: {}", instance.name(), e.getMessage());
        }
    }

    @Override
    public String profileJson() {
        return "";
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            statement.close();
        } catch (SQLException e) {
            log.debug("Closing a batch statement failed: {}", e.getMessage());
        }
        if (!committed) {
            rollbackQuietly(connection);
        }
        instance.release(connection);
    }

    private static void rollbackQuietly(DuckDBConnection connection) {
        try (Statement rollback = connection.createStatement()) {
            rollback.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // no transaction was open
        }
    }
}
