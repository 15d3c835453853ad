package io.flock.flight;

import static java.util.Objects.requireNonNull;

import io.flock.engine.query.RunningQuery;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Streams a query's Arrow batches to a Flight client, waiting for the client whenever gRPC says it
 * is not ready, so memory stays bounded by a few batches however large the result. A result that
 * is ready when the client asks, or within a few milliseconds, starts on the gRPC call's own thread
 * while the client can take it: a small result (a point lookup) is sent without a thread hand-off. The rest streams on
 * Flock's own executor, because the call's thread must not wait for back-pressure: gRPC delivers
 * the call's ready and cancel signals on that same thread.
 */
final class ResultStreamer {
    /** Batches read on the call's thread before the rest is handed to the executor. */
    private static final int INLINE_BATCHES = 2;
    /**
     * How long the call's thread waits for the execution to start before handing the stream to
     * the executor: a point lookup starts within it, so its result goes out without a hand-off.
     */
    private static final long INLINE_WAIT_MILLIS = 5;

    private final ExecutorService executor;
    private final BufferAllocator allocator;

    ResultStreamer(ExecutorService executor, BufferAllocator allocator) {
        this.executor = requireNonNull(executor, "executor is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    void stream(RunningQuery query, ServerStreamListener listener) {
        Semaphore ready = new Semaphore(0);
        listener.setOnReadyHandler(ready::release);
        listener.setOnCancelHandler(() -> {
            query.clientGone();
            ready.release();
        });
        boolean inline = query.startsWithin(INLINE_WAIT_MILLIS);
        if (inline && !pump(query, listener, ready, true, false)) {
            return;
        }
        try {
            executor.execute(() -> pump(query, listener, ready, false, inline));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            listener.error(FlightErrors.toFlight(query.fail(new FlockException(ErrorCode.SERVER_SHUTTING_DOWN,
                    "The server is shutting down and cannot stream query " + query.id()))));
        }
    }

    /**
     * Sends the result from where it stands. Inline (on the call's thread) it stops before a batch
     * the client is not ready for, or after {@link #INLINE_BATCHES}, and returns true: the rest is
     * to be streamed by the executor. Returns false when the stream has ended, one way or another.
     * {@code schemaSent}: whether an earlier pass already started the stream.
     */
    private boolean pump(RunningQuery query, ServerStreamListener listener, Semaphore ready, boolean inline,
                         boolean schemaSent) {
        try {
            query.awaitStarted();
            ArrowReader reader = query.reader().orElse(null);
            if (reader == null) {
                try (VectorSchemaRoot empty = VectorSchemaRoot.create(new Schema(List.of()), allocator)) {
                    listener.start(empty);
                    query.finish(listener::completed);
                }
                return false;
            }
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            if (!schemaSent) {
                listener.start(root);
            }
            for (int loaded = 0; ; loaded++) {
                query.checkNotCancelled();
                if (inline && (loaded == INLINE_BATCHES || !listener.isReady())) {
                    return true;
                }
                if (!inline && !awaitReady(query, listener, ready)) {
                    query.fail(new FlockException(ErrorCode.QUERY_CANCELLED,
                            "The client cancelled the stream of query " + query.id()));
                    return false;
                }
                if (!reader.loadNextBatch()) {
                    break;
                }
                query.checkNotCancelled();
                listener.putNext();
                query.batchSent(root);
            }
            // Settled before the client hears of it, cleaned up after (see RunningQuery.finish).
            query.finish(listener::completed);
        } catch (Throwable e) {
            listener.error(FlightErrors.toFlight(query.fail(e)));
        }
        return false;
    }

    /**
     * Waits until gRPC can take another message; false when the client went away. A query
     * cancelled or timed out meanwhile (e.g. its client stopped reading) fails here, so a stalled
     * client never holds its slot and connection beyond the query's limits.
     */
    private static boolean awaitReady(RunningQuery query, ServerStreamListener listener, Semaphore ready) {
        while (!listener.isReady()) {
            if (listener.isCancelled()) {
                return false;
            }
            query.checkNotCancelled();
            try {
                ready.tryAcquire(10, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FlockException(ErrorCode.SERVER_SHUTTING_DOWN, "Streaming of query " + query.id()
                        + " was interrupted: the server is shutting down");
            }
        }
        return !listener.isCancelled();
    }
}
