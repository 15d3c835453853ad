package io.flock.engine.duckdb;

import io.flock.engine.worker.Execution;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.sql.ResultSet;
import java.sql.SQLException;
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
    /** Open and commit the batch's transaction (and guard and check keys Flock keeps). */
    private final StatementHooks hooks;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean cancelled;
    private long updateCount = -1;

    private DuckDbBatchExecution(DuckDbInstance instance, DuckDBConnection connection, DuckDBPreparedStatement statement,
                                 List<List<Object>> rows, StatementHooks hooks) {
        this.instance = instance;
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
        this.hooks = hooks;
    }

    /**
     * Prepares {@code sql} for a batch of parameter rows; {@code hooks} open the batch's transaction
     * before the first row and commit it after the last ({@link IndexFreeStatement#ownTransaction()}
     * or the hooks of a write into a table whose key Flock keeps).
     */
    static DuckDbBatchExecution prepare(DuckDbInstance instance, String sql, List<List<Object>> rows,
                                        StatementHooks hooks) {
        DuckDBConnection connection = instance.borrow();
        try {
            return new DuckDbBatchExecution(instance, connection,
                    (DuckDBPreparedStatement) connection.prepareStatement(sql), List.copyOf(rows), hooks);
        } catch (SQLException e) {
            instance.release(connection);
            throw DuckDbErrors.toFlock(e);
        }
    }

    @Override
    public void run() {
        long total = 0;
        try {
            hooks.before(connection);
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
            hooks.after(connection);
            updateCount = total;
        } catch (SQLException e) {
            hooks.failed(connection);
            throw DuckDbErrors.toFlock(e, "The batch was rolled back");
        } catch (RuntimeException e) {
            hooks.failed(connection);
            throw e;
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
        instance.release(connection);
    }
}
