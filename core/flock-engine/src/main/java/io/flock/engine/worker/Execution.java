package io.flock.engine.worker;

import java.util.Optional;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One statement on a worker, prepared and then run. After {@link #run()} a query's rows stream
 * from {@link #reader()} in Arrow batches with bounded memory; an update has only a count.
 * Closing releases the worker's connection; it must happen exactly once, on any outcome.
 *
 * <p>{@link #cancel()} and {@link #schema()} may be called from any thread; everything else from one
 * thread at a time.
 */
public interface Execution extends AutoCloseable {
    /**
     * The result's schema as known when prepared (a one-off execution, see
     * {@link Worker#startOneOff}, may have to wait for it); empty for statements that return no rows.
     *
     * @throws io.flock.spi.FlockException why the statement cannot run, if that is how the schema
     *     was to be learnt
     */
    Schema schema();

    /**
     * Executes the prepared statement; returns once results can stream (or the update is done).
     * A cancelled execution throws QUERY_CANCELLED.
     */
    void run();

    /** The rows, for statements that return rows. */
    Optional<ArrowReader> reader();

    /** Rows changed, or -1 when the statement returns rows or has not run yet. */
    long updateCount();

    /** Interrupts the statement if it still runs; the reader then fails or ends early. */
    void cancel();

    /** DuckDB's per-operator profile as JSON, available after {@link #close()}; empty if none. */
    String profileJson();

    @Override
    void close();
}
