package io.flock.engine.query;

import static java.util.Objects.requireNonNull;

import io.flock.engine.worker.Execution;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import io.flock.spi.QueryId;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A planned query: its id and result schema are known, and it executes (possibly in the
 * background) until its result can stream. One transport thread {@linkplain #claim() claims} it,
 * {@linkplain #awaitStarted() waits} for execution and streams the rows; any thread may
 * {@linkplain #cancel cancel} it. It ends exactly once, through {@link #finish()},
 * {@link #fail(Throwable)} or cancellation, which frees its connection and execution slot.
 */
public final class RunningQuery {
    private final QueryInfo info;
    private final Execution execution;
    private final Runnable onEnd;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicReference<FlockException> cancelReason = new AtomicReference<>();
    private final long createdNanos = System.nanoTime();

    RunningQuery(QueryInfo info, Execution execution, Runnable onEnd) {
        this.info = requireNonNull(info, "info is null");
        this.execution = requireNonNull(execution, "execution is null");
        this.onEnd = requireNonNull(onEnd, "onEnd is null");
    }

    public QueryId id() {
        return info.id();
    }

    public QueryInfo info() {
        return info;
    }

    /**
     * The result schema announced before the rows; empty for statements without rows. A one-off
     * execution may wait briefly for it; if it learns instead that the statement cannot run, the
     * query ends with that error (nobody will stream it), which is thrown.
     */
    public Schema schema() {
        try {
            return execution.schema();
        } catch (RuntimeException e) {
            FlockException failure = QueryErrors.toFlock(e, id());
            if (started.isDone()) {
                throw fail(failure);
            }
            cancel(failure); // stops the run; the query ends once it has
            throw failure;
        }
    }

    /** Executes the statement on the calling thread; the outcome completes {@link #awaitStarted()}. */
    void runExecution() {
        try {
            info.executionStarted();
            execution.run();
            if (execution.updateCount() >= 0) {
                info.rowsChanged(execution.updateCount());
            }
            started.complete(null);
        } catch (Throwable e) {
            // Errors from DuckDB's native code too: a waiting stream must never hang.
            started.completeExceptionally(e);
        }
    }

    /**
     * Waits until execution has started streaming (or the update is done).
     *
     * @throws FlockException the execution's failure, or the cancellation reason
     */
    public void awaitStarted() {
        try {
            started.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlockException(ErrorCode.QUERY_CANCELLED, "Interrupted while waiting for query " + id());
        } catch (ExecutionException e) {
            checkNotCancelled();
            throw QueryErrors.toFlock(e.getCause(), id());
        }
        checkNotCancelled();
    }

    /**
     * Waits at most {@code millis} for execution to get as far as {@link #awaitStarted()} waits for
     * (or to fail); returns whether it did, i.e. whether {@link #awaitStarted()} would not block.
     */
    public boolean startsWithin(long millis) {
        try {
            started.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
        return true;
    }

    public Optional<ArrowReader> reader() {
        return execution.reader();
    }

    /** Rows changed by an update; -1 for a query or before execution. */
    public long updateCount() {
        return execution.updateCount();
    }

    /** Takes the query for streaming; false if another caller already did or it has ended. */
    public boolean claim() {
        return !ended.get() && claimed.compareAndSet(false, true);
    }

    boolean isClaimed() {
        return claimed.get();
    }

    long ageNanos() {
        return System.nanoTime() - createdNanos;
    }

    /** Whether the query was cancelled or timed out. */
    public boolean isCancelled() {
        return cancelReason.get() != null;
    }

    /** Throws the cancellation reason if the query was cancelled or timed out. Call between batches. */
    public void checkNotCancelled() {
        FlockException reason = cancelReason.get();
        if (reason != null) {
            throw reason;
        }
    }

    /** Counts a batch handed to the client: its rows and the bytes of its buffers. */
    public void batchSent(VectorSchemaRoot batch) {
        long bytes = 0;
        for (FieldVector vector : batch.getFieldVectors()) {
            bytes += vector.getBufferSize();
        }
        info.batchSent(batch.getRowCount(), bytes);
    }

    /** Ends the query successfully (or as cancelled, if a cancel came first). */
    public void finish() {
        finish(() -> { });
    }

    /**
     * Ends the query successfully (or as cancelled, if a cancel came first) and runs
     * {@code tellClient} between settling it and releasing its execution: whatever the client does
     * next (read {@code flock.queries}, run its next query) already sees the query ended and its
     * slot free, yet the client does not wait for DuckDB's clean-up and profile, which follow.
     * {@code tellClient} runs also when the query had already ended.
     */
    public void finish(Runnable tellClient) {
        FlockException reason = cancelReason.get();
        end(reason == null ? QueryState.FINISHED : stateFor(reason), reason, tellClient);
    }

    /** Ends the query with an error; a cancellation reason, if any, takes precedence. Returns it. */
    public FlockException fail(Throwable error) {
        FlockException reason = cancelReason.get();
        FlockException failure = reason != null ? reason : QueryErrors.toFlock(error, info.id());
        end(stateFor(failure), failure);
        return failure;
    }

    /**
     * Cancels the query: interrupts DuckDB at once; the streaming thread stops at its next batch.
     * A query nobody streams ends here, once its execution has stopped.
     */
    void cancel(FlockException reason) {
        if (ended.get() || !cancelReason.compareAndSet(null, reason.withQueryId(info.id()))) {
            return;
        }
        execution.cancel();
        if (claimed.compareAndSet(false, true)) {
            started.whenComplete((ignored, error) -> end(stateFor(cancelReason.get()), cancelReason.get()));
        }
    }

    /** Cancels the query because its client went away (closed or cancelled the stream, or its deadline passed). */
    public void clientGone() {
        cancel(new FlockException(ErrorCode.QUERY_CANCELLED, "Query " + id() + " was cancelled: the client closed"
                + " or cancelled its result stream"));
    }

    private static QueryState stateFor(FlockException failure) {
        return failure.errorCode() == ErrorCode.QUERY_CANCELLED ? QueryState.CANCELLED : QueryState.FAILED;
    }

    private void end(QueryState state, FlockException failure) {
        end(state, failure, () -> { });
    }

    /**
     * Ends the query once: settles its state and frees its slot, runs {@code between}, then closes
     * the execution and records its profile ({@link QueryInfo#stats()} waits for that profile).
     * The execution gives its connection back as it closes; a query admitted in the meantime waits
     * for a connection only that long.
     */
    private void end(QueryState state, FlockException failure, Runnable between) {
        if (!ended.compareAndSet(false, true)) {
            between.run();
            return;
        }
        try {
            info.endBeforeProfile(state, failure == null ? null : failure.errorCode(),
                    failure == null ? null : failure.getMessage());
            onEnd.run();
            between.run();
        } finally {
            try {
                execution.close();
            } finally {
                info.profile(execution.profileJson());
            }
        }
    }
}
