package io.flock.engine.system;

import io.flock.engine.worker.Execution;
import io.flock.engine.worker.PreparedShape;
import io.flock.engine.worker.TableInfo;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs read-only SQL over the system tables. Tables are refilled with the rows the caller may
 * see right before each query, so results are current and filtered per user.
 */
public interface SystemDatabase extends AutoCloseable {
    /** Refills the tables with {@code rows} and runs {@code sql}; the result is already complete. */
    Execution execute(Map<SystemTable, List<Object[]>> rows, String sql, List<Object> parameters,
                      BufferAllocator allocator);

    /** The system tables with their columns, for metadata calls. */
    List<TableInfo> tables();

    /** The result and parameter shapes of a query over the system tables. */
    PreparedShape describe(String sql);

    @Override
    void close();
}
