package io.flock.client.ingest;

import static java.util.Objects.requireNonNull;

import io.flock.client.internal.ingest.IngestFailure;
import io.flock.client.internal.ingest.RowSchema;
import io.flock.client.internal.ingest.SealedBatch;
import io.flock.client.internal.ingest.StreamSender;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A stream of rows into one table, opened by {@code FlockClient.openStream}: rows are buffered into
 * Arrow batches and sent as the {@link FlushMode} says; every batch carries (stream id, sequence),
 * so a batch sent again after a failure is applied once. Acknowledged rows are committed and
 * visible to the next query. A stream resumes by id ({@link IngestOptions.Builder#streamId}) after
 * a client restart: sequences continue where the server says, and {@link #committedRows()} tells
 * how many of the stream's rows are already committed, so a caller replaying its source skips those
 * and every row lands exactly once — also the rows of a batch that was committed but whose
 * acknowledgement the restart lost.
 *
 * <p>Thread-safe: {@code apply}, {@code flush} and {@code close} may be called from several threads
 * (rows of concurrent callers interleave in some order; the rows of one thread keep their order).
 * Memory is bounded as {@link IngestOptions} describes: {@code apply} blocks when the batches in
 * flight reach {@link IngestOptions#maxBuffersInFlight()}.
 */
public final class IngestStream implements AutoCloseable {
    private final RowSchema schema;
    private final StreamMode mode;
    private final String streamId;
    private final IngestOptions options;
    private final BufferAllocator allocator;
    private final StreamSender sender;
    private final ArrayDeque<RowError> errors = new ArrayDeque<>();
    private final AtomicLong acknowledgedRows = new AtomicLong();
    private final AtomicReference<FlockIngestException> unreportedFailure = new AtomicReference<>();
    private final ScheduledExecutorService flusher;
    private final List<IngestRow> buffer = new ArrayList<>();
    private boolean overflowed;
    private long bufferBytes;
    private long bufferStartNanos;
    private final long committedRows;
    private long nextSequence;
    private long nextRow;
    private boolean closed;

    /**
     * Used by {@code FlockClient.openStream}; not for applications.
     *
     * @param sender a factory of the sender, given this stream's failure callback
     */
    public IngestStream(RowSchema schema, StreamMode mode, String streamId, long nextSequence, long committedRows,
                        IngestOptions options, BufferAllocator allocator,
                        java.util.function.Function<java.util.function.Consumer<SealedBatch>, StreamSender> sender) {
        this.schema = requireNonNull(schema, "schema is null");
        this.mode = requireNonNull(mode, "mode is null");
        this.streamId = requireNonNull(streamId, "streamId is null");
        this.nextSequence = nextSequence;
        this.committedRows = committedRows;
        this.nextRow = Math.max(0, committedRows); // row indexes count the stream's rows since its start
        this.options = requireNonNull(options, "options is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.sender = sender.apply(this::batchDone);
        if (options.flushMode() == FlushMode.AUTO_FLUSH_BACKGROUND) {
            this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "flock-ingest-flush-" + streamId);
                thread.setDaemon(true);
                return thread;
            });
            long period = Math.max(1, options.flushInterval().toMillis() / 2);
            flusher.scheduleWithFixedDelay(this::flushIfOld, period, period, TimeUnit.MILLISECONDS);
        } else {
            this.flusher = null;
        }
    }

    /** The stream's id: open a stream with it again to resume. */
    public String streamId() {
        return streamId;
    }

    /**
     * How many rows of this stream the server had committed when it was opened, in the order they
     * were applied (by any earlier {@code IngestStream} with this id): 0 for a new stream. A client
     * that resumes the stream after a restart and replays a source in the same order skips this
     * many rows and applies the rest, so every row lands exactly once — including those of a batch
     * that was committed but whose acknowledgement was lost. (Rows applied concurrently from
     * several threads have no replayable order.) Empty when the server does not know: a server
     * before this version, or a stream that last wrote before its server counted rows.
     */
    public OptionalLong committedRows() {
        return committedRows < 0 ? OptionalLong.empty() : OptionalLong.of(committedRows);
    }

    public StreamMode mode() {
        return mode;
    }

    /** The table's columns as the server announced them when the stream opened. */
    public Schema tableSchema() {
        return new Schema(schema.fields());
    }

    /**
     * A new row for this stream.
     *
     * @throws IllegalArgumentException if the operation does not fit the mode: APPEND_ONLY takes
     *     only INSERT, CDC takes UPSERT and DELETE_IGNORE
     */
    public IngestRow createRow(RowOperation operation) {
        requireNonNull(operation, "operation is null");
        boolean allowed = mode == StreamMode.APPEND_ONLY ? operation == RowOperation.INSERT
                : operation != RowOperation.INSERT;
        if (!allowed) {
            throw new IllegalArgumentException("A " + mode + " stream takes " + (mode == StreamMode.APPEND_ONLY
                    ? "only INSERT rows" : "UPSERT and DELETE_IGNORE rows") + ", not " + operation
                    + " (table '" + schema.table() + "')");
        }
        return new IngestRow(schema, operation);
    }

    /**
     * Applies a row as the flush mode says: {@code AUTO_FLUSH_SYNC} returns once it is
     * acknowledged (throwing {@link FlockIngestException} if it failed); the other modes buffer it.
     *
     * @throws IllegalStateException in {@code MANUAL_FLUSH} when the buffer is full (call
     *     {@link #flush()}), or when the stream is closed
     */
    public void apply(IngestRow row) {
        requireNonNull(row, "row is null");
        if (row.schema() != schema) {
            throw new IllegalArgumentException("The row was created by another stream; use createRow of this one");
        }
        SealedBatch sync = null;
        synchronized (this) {
            checkOpen();
            if (options.flushMode() == FlushMode.MANUAL_FLUSH && isFull()) {
                throw new IllegalStateException("The buffer of ingest stream '" + streamId + "' is full ("
                        + buffer.size() + " rows, about " + bufferBytes + " bytes; limits " + options.maxBufferRows()
                        + " rows, " + options.maxBufferBytes() + " bytes): call flush() before applying more rows");
            }
            if (buffer.isEmpty()) {
                bufferStartNanos = System.nanoTime();
            }
            buffer.add(row);
            bufferBytes += row.estimatedBytes();
            if (options.flushMode() == FlushMode.AUTO_FLUSH_SYNC) {
                sync = seal();
            } else if (options.flushMode() == FlushMode.AUTO_FLUSH_BACKGROUND && isFull()) {
                seal();
            }
        }
        if (sync != null) {
            sender.await(sync);
            throwFailure(sync);
        }
    }

    /**
     * Applies the rows of an Arrow batch as one batch of the stream (after the rows buffered
     * before it). Columns match the table's by name; CDC batches carry the operation of each row
     * ({@code UPSERT} or {@code DELETE}) in the VARCHAR column {@code __flock_op}. The data is
     * copied: the caller keeps and may reuse {@code root}. In {@code AUTO_FLUSH_SYNC} it returns
     * once acknowledged.
     */
    public void apply(VectorSchemaRoot root) {
        requireNonNull(root, "root is null");
        SealedBatch batch;
        synchronized (this) {
            checkOpen();
            seal();
            VectorSchemaRoot copy = copy(root);
            long bytes = copy.getFieldVectors().stream().mapToLong(v -> v.getBufferSize()).sum();
            batch = new SealedBatch(nextSequence++, nextRow, copy, List.of(), bytes);
            nextRow += copy.getRowCount();
            submit(batch);
        }
        if (options.flushMode() == FlushMode.AUTO_FLUSH_SYNC) {
            sender.await(batch);
            throwFailure(batch);
        }
    }

    /**
     * Sends the buffered rows and waits until every batch of the stream is acknowledged or failed
     * for good.
     *
     * @throws FlockIngestException if a batch failed since the last flush (the rows are in
     *     {@link #pendingErrors()})
     */
    public void flush() {
        synchronized (this) {
            checkOpen();
            seal();
        }
        sender.drain();
        FlockIngestException failure = unreportedFailure.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
    }

    /** Rows of this stream acknowledged by the server so far (in this process). */
    public long acknowledgedRows() {
        return acknowledgedRows.get();
    }

    /** Rows applied and not yet sent. */
    public synchronized int bufferedRows() {
        return buffer.size();
    }

    /** Calls sent again after a failure (each re-sends the unacknowledged batches). */
    public long retries() {
        return sender.retries();
    }

    /** Takes the failed rows collected so far (and the overflow flag), leaving the collector empty. */
    public RowErrors pendingErrors() {
        synchronized (errors) {
            RowErrors taken = new RowErrors(new ArrayList<>(errors), overflowed);
            errors.clear();
            overflowed = false;
            return taken;
        }
    }

    /** How many failed rows are waiting in {@link #pendingErrors()}. */
    public int countPendingErrors() {
        synchronized (errors) {
            return errors.size();
        }
    }

    /**
     * Flushes, waits for every acknowledgement, then releases the stream. Idempotent.
     *
     * @throws FlockIngestException if a batch failed since the last flush (the stream is released anyway)
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        try {
            flush();
        } finally {
            synchronized (this) {
                closed = true;
            }
            if (flusher != null) {
                flusher.shutdownNow();
            }
            sender.close();
            allocator.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The ingest stream '" + streamId + "' is closed");
        }
    }

    private boolean isFull() {
        return buffer.size() >= options.maxBufferRows() || bufferBytes >= options.maxBufferBytes();
    }

    private void flushIfOld() {
        synchronized (this) {
            if (!closed && !buffer.isEmpty()
                    && System.nanoTime() - bufferStartNanos >= options.flushInterval().toNanos()) {
                seal();
            }
        }
    }

    /** Seals the buffer into a batch and queues it (blocking while the queue is full); null if empty. */
    private SealedBatch seal() {
        if (buffer.isEmpty()) {
            return null;
        }
        VectorSchemaRoot root = RowBatches.build(schema, buffer, mode == StreamMode.CDC, allocator);
        SealedBatch batch = new SealedBatch(nextSequence++, nextRow, root, new ArrayList<>(buffer), bufferBytes);
        nextRow += buffer.size();
        buffer.clear();
        bufferBytes = 0;
        submit(batch);
        return batch;
    }

    private void submit(SealedBatch batch) {
        sender.submit(batch);
    }

    private void batchDone(SealedBatch batch) {
        if (batch.failure() == null) {
            acknowledgedRows.addAndGet(batch.rowCount());
        } else {
            batchFailed(batch);
        }
    }

    private void throwFailure(SealedBatch batch) {
        if (batch.failure() != null) {
            unreportedFailure.set(null);
            throw exception(batch, batch.failure());
        }
    }

    private void batchFailed(SealedBatch batch) {
        IngestFailure failure = batch.failure();
        FlockIngestException exception = exception(batch, failure);
        synchronized (errors) {
            List<Object> rows = batch.rows();
            int count = rows.isEmpty() ? 1 : rows.size();
            for (int i = 0; i < count; i++) {
                if (errors.size() >= options.maxCollectedErrors()) {
                    errors.removeFirst();
                    overflowed = true;
                }
                Optional<IngestRow> row = rows.isEmpty() ? Optional.empty() : Optional.of((IngestRow) rows.get(i));
                errors.addLast(new RowError(row, batch.firstRow() + i, batch.sequence(), failure.status(),
                        failure.error().getMessage(), exception.failedRow(), exception.column()));
            }
        }
        unreportedFailure.compareAndSet(null, exception);
    }

    private FlockIngestException exception(SealedBatch batch, IngestFailure failure) {
        return new FlockIngestException("Batch " + batch.sequence() + " of ingest stream '" + streamId + "' ("
                + batch.rowCount() + " rows from row " + batch.firstRow() + ") failed with " + failure.status()
                + " after " + failure.attempts() + (failure.attempts() == 1 ? " attempt" : " attempts") + ": "
                + failure.error().getMessage(), failure.status(), batch.sequence(), batch.firstRow(), failure.error());
    }

    private VectorSchemaRoot copy(VectorSchemaRoot source) {
        VectorSchemaRoot copy = VectorSchemaRoot.create(source.getSchema(), allocator);
        try (ArrowRecordBatch data = new VectorUnloader(source).getRecordBatch()) {
            List<ArrowBuf> buffers = new ArrayList<>();
            try {
                for (ArrowBuf buffer : data.getBuffers()) {
                    long size = buffer.readableBytes();
                    ArrowBuf owned = allocator.buffer(size);
                    owned.setBytes(0, buffer, buffer.readerIndex(), size);
                    owned.writerIndex(size);
                    buffers.add(owned);
                }
                try (ArrowRecordBatch owned = new ArrowRecordBatch(data.getLength(), data.getNodes(), buffers)) {
                    new VectorLoader(copy).load(owned);
                }
            } finally {
                buffers.forEach(ArrowBuf::close);
            }
            return copy;
        } catch (RuntimeException e) {
            copy.close();
            throw e;
        }
    }
}
