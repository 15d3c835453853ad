package io.flock.flight;

import static java.util.Objects.requireNonNull;

import io.flock.engine.ingest.IngestBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * Reads the batches of an ingest {@code DoPut} on a thread of its own while the call's thread
 * applies the previous ones, so receiving and decoding batch N+1 overlaps with writing batch N, and
 * batches that arrived meanwhile can be written together ({@link #nextGroup}). At most
 * {@value #QUEUED} batches wait here; beyond that the reader stops reading, Flight stops requesting
 * messages and gRPC's flow control holds the client back.
 *
 * <p>Errors of the stream (a bad batch metadata, the client going away) are handed over in order,
 * after the batches received before them. {@link #close} stops the reader (interrupting a read that
 * waits for the client), waits for it and frees batches nobody took: the call must not end, and so
 * close the Flight stream, while the reader still uses it.
 */
final class BatchReceiver implements AutoCloseable {
    /** Batches received and not yet taken. */
    static final int QUEUED = 4;

    private final FlightStream stream;
    private final BufferAllocator allocator;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Future<?> reader;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopped;
    private Object pending;
    private boolean ended;

    private static final Object END = new Object();

    private record Failure(RuntimeException error) {
    }

    BatchReceiver(FlightStream stream, BufferAllocator allocator, ExecutorService executor) {
        this.stream = requireNonNull(stream, "stream is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.reader = executor.submit(this::read);
    }

    private void read() {
        if (!claimed.compareAndSet(false, true)) {
            return; // closed before it started
        }
        try {
            while (!stopped && stream.next()) {
                IngestBatch batch = take(stream);
                try {
                    queue.put(batch);
                } catch (InterruptedException e) {
                    batch.rows().close();
                    return;
                }
            }
            offer(END);
        } catch (RuntimeException e) {
            offer(new Failure(e));
        } finally {
            finished.countDown();
        }
    }

    private void offer(Object item) {
        if (stopped) {
            return;
        }
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The stream's current batch with its metadata, in a root of its own (the buffers are shared, not copied). */
    private IngestBatch take(FlightStream stream) {
        long[] metadata = IngestProtocol.batchMetadata(metadata(stream));
        VectorSchemaRoot source = stream.getRoot();
        VectorSchemaRoot owned = VectorSchemaRoot.create(source.getSchema(), allocator);
        try (ArrowRecordBatch data = new VectorUnloader(source).getRecordBatch()) {
            new VectorLoader(owned).load(data);
        } catch (RuntimeException e) {
            owned.close();
            throw e;
        }
        return new IngestBatch(metadata[0], metadata[1], owned);
    }

    private static byte[] metadata(FlightStream stream) {
        ArrowBuf buffer = stream.getLatestMetadata();
        if (buffer == null) {
            return null;
        }
        long size = buffer.readableBytes() > 0 ? buffer.readableBytes() : buffer.capacity();
        byte[] bytes = new byte[(int) size];
        buffer.getBytes(buffer.readerIndex(), bytes);
        return bytes;
    }

    /**
     * Waits for the next batch and returns it with the batches received after it that are already
     * here, up to {@code maxRows} rows in all (the first batch counts whatever its size). Empty when
     * the client ended the stream. The caller owns the batches' roots.
     *
     * @throws RuntimeException the stream's error, once the batches received before it were taken
     */
    List<IngestBatch> nextGroup(long maxRows) throws InterruptedException {
        List<IngestBatch> group = new ArrayList<>();
        if (ended) {
            return group;
        }
        Object item = pending != null ? pending : queue.take();
        pending = null;
        long rows = 0;
        while (true) {
            if (item instanceof IngestBatch batch && (group.isEmpty() || rows + batch.rows().getRowCount() <= maxRows)) {
                group.add(batch);
                rows += batch.rows().getRowCount();
                item = queue.poll();
                if (item == null) {
                    return group;
                }
                continue;
            }
            if (!group.isEmpty()) {
                pending = item; // the next group starts with it (or the stream ends after this group)
                return group;
            }
            ended = true;
            if (item instanceof Failure failure) {
                throw failure.error();
            }
            return group; // END
        }
    }

    /** Stops the reader, waits until it no longer touches the stream, and frees what was not taken. */
    @Override
    public void close() {
        stopped = true;
        if (claimed.compareAndSet(false, true)) {
            drain(); // the reader never started and now never will
            return;
        }
        reader.cancel(true); // interrupts a read waiting for the client
        boolean interrupted = false;
        while (true) {
            drain(); // a reader blocked on a full queue gets room to see that it was stopped
            try {
                if (finished.await(10, TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        drain();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        List<Object> left = new ArrayList<>();
        queue.drainTo(left);
        if (pending != null) {
            left.add(pending);
            pending = null;
        }
        for (Object item : left) {
            if (item instanceof IngestBatch batch) {
                batch.rows().close();
            }
        }
    }
}
