package io.flock.engine.system;

import io.flock.engine.worker.Execution;
import io.flock.engine.worker.PreparedShape;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs read-only SQL over the system tables. Tables are refilled with the rows the caller may
 * see right before each query, so results are current and filtered per user.
 */
public interface SystemDatabase extends AutoCloseable {
    Execution execute(Map<SystemTable, List<Object[]>> rows, String sql, List<Object> parameters,
                      BufferAllocator allocator, Consumer<Execution> onStarted);

    /** The result and parameter shapes of a query over the system tables. */
    PreparedShape describe(String sql);

    @Override
    void close();
}
