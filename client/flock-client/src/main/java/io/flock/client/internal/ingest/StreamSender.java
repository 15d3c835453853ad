package io.flock.client.internal.ingest;

import static java.util.Objects.requireNonNull;

import io.flock.client.FlockConnectionException;
import io.flock.client.FlockErrorType;
import io.flock.client.FlockException;
import io.flock.client.FlockThrottledException;
import io.flock.client.ingest.IngestOptions;
import io.flock.client.ingest.IngestStatus;
import io.flock.client.internal.ErrorMapper;
import io.flock.client.internal.Transport;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.grpc.StatusUtils;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Sends the sealed batches of one stream over Flight {@code DoPut} calls, in sequence order, with
 * up to {@link IngestOptions#maxBuffersInFlight()} batches queued or unacknowledged. A batch leaves
 * the queue when acknowledged (after the server's commit) or when it finally failed. When a call
 * fails, every unacknowledged batch is sent again on a new call with the same sequence — the server
 * skips those it applied already — after a backoff, as long as the oldest one has attempts left and
 * the status is retried; otherwise the oldest (the one the server refused) fails and the rest go on.
 * {@link IngestStatus#THROTTLED} (the server is full) uses no attempt: while retries are on and it
 * is a retried status, the oldest batch is sent again after a backoff (doubling up to
 * {@link IngestOptions#maxBackoff()}) until the server takes it, however long that is, and the
 * batches after it wait behind it — so an overloaded server never makes the stream drop rows or
 * reorder them, and {@link #submit} blocks meanwhile once the in-flight limit is reached. With
 * {@link IngestOptions#stopOnFailure()} the first batch that fails for good stops the sender: the
 * batches behind it and every one submitted later fail at once, unsent.
 *
 * <p>{@code onDone} runs for every batch that is acknowledged or finally failed, on a thread of the
 * sender, under its lock: it must not block. One sender thread per stream; {@link #submit}, {@link #await} and {@link #drain} may be
 * called from any thread.
 */
public final class StreamSender implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StreamSender.class.getName());
    /** How long closing waits for the server to end the last call. */
    private static final Duration CALL_END_WAIT = Duration.ofSeconds(10);

    private final Transport transport;
    private final BufferAllocator allocator;
    private final FlightDescriptor descriptor;
    private final String streamId;
    private final IngestOptions options;
    private final Consumer<SealedBatch> onDone;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<SealedBatch> queue = new ArrayDeque<>();
    private final Thread thread;
    private Call call;
    private long generation;
    /** The call ended or abandoned last; closing waits for its end. */
    private volatile Call lastCall;
    private Throwable callFailure;
    private boolean closing;
    private long retries;
    /** With stopOnFailure: the batch whose failure stopped the sender; nothing is sent after it. */
    private SealedBatch stoppedBy;

    /**
     * @param opening the token of the stream's opening, sent with every call so the server can fence
     *     the calls of a client whose stream another client resumed since (0: none)
     */
    public StreamSender(Transport transport, BufferAllocator allocator, String database, String schema, String table,
                        String streamId, String mode, long opening, IngestOptions options,
                        Consumer<SealedBatch> onDone) {
        this.transport = requireNonNull(transport, "transport is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.descriptor = IngestWire.descriptor(database, schema, table, streamId, mode, opening);
        this.streamId = requireNonNull(streamId, "streamId is null");
        this.options = requireNonNull(options, "options is null");
        this.onDone = requireNonNull(onDone, "onDone is null");
        this.thread = new Thread(this::run, "flock-ingest-" + streamId);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a batch; blocks while {@code maxBuffersInFlight} batches are queued or unacknowledged. */
    public void submit(SealedBatch batch) {
        lock.lock();
        try {
            while (queue.size() >= options.maxBuffersInFlight()) {
                awaitChange();
            }
            if (closing) {
                throw new IllegalStateException("The ingest stream '" + streamId + "' is closed");
            }
            if (stoppedBy != null) {
                discard(batch);
                changed.signalAll();
                return;
            }
            queue.addLast(batch);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #submit} would not block. */
    public boolean hasRoom() {
        lock.lock();
        try {
            return queue.size() < options.maxBuffersInFlight();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until {@code batch} is acknowledged or finally failed. */
    public void await(SealedBatch batch) {
        lock.lock();
        try {
            while (!batch.isDone()) {
                awaitChange();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every submitted batch is acknowledged or finally failed. */
    public void drain() {
        lock.lock();
        try {
            while (!queue.isEmpty()) {
                awaitChange();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Calls sent again after a failure. */
    public long retries() {
        lock.lock();
        try {
            return retries;
        } finally {
            lock.unlock();
        }
    }

    private void awaitChange() {
        try {
            changed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlockConnectionException("Interrupted while waiting for the ingest stream '" + streamId + "'",
                    null, FlockException.UNKNOWN_CODE, "INTERRUPTED", FlockErrorType.EXTERNAL, "08006", false, e);
        }
    }

    private void run() {
        lock.lock();
        try {
            while (true) {
                if (callFailure != null) {
                    handleFailure();
                    continue;
                }
                SealedBatch next = firstUnsent();
                if (next == null) {
                    if (closing && queue.isEmpty()) {
                        endCall();
                        return;
                    }
                    changed.await();
                    continue;
                }
                if (call != null && !call.schema.equals(next.root().getSchema())) {
                    if (next != queue.peekFirst()) {
                        changed.await(); // a new schema needs a new call: let the old one's batches finish first
                        continue;
                    }
                    endCall();
                }
                if (call == null) {
                    call = startCall(next.root().getSchema());
                }
                send(call, next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The ingest sender of stream '" + streamId + "' failed", e);
            FlockException error = e instanceof FlockException f ? f : new FlockException("The ingest sender of stream '"
                    + streamId + "' failed: " + e, null, FlockException.UNKNOWN_CODE, "INTERNAL",
                    FlockErrorType.INTERNAL_ERROR, "XX000", false, e);
            for (SealedBatch batch : queue) {
                batch.failed(new IngestFailure(IngestStatus.FAILED, error, batch.attempts));
                onDone.accept(batch);
            }
            queue.clear();
            closing = true;
            changed.signalAll();
        } finally {
            abandonCall(null);
            lock.unlock();
        }
    }

    private SealedBatch firstUnsent() {
        for (SealedBatch batch : queue) {
            if (!batch.sent) {
                return batch;
            }
        }
        return null;
    }

    private Call startCall(Schema schema) {
        long id = ++generation;
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        Call created = new Call(id, schema, root);
        Listener listener = new Listener(created);
        try {
            created.out = transport.flight().startPut(descriptor, root, listener, transport.stream());
            return created;
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    private void send(Call current, SealedBatch batch) throws InterruptedException {
        // putNext spins until gRPC's flow control lets it write, even on a call that ended: wait here
        // instead, releasing the lock so acknowledgements and errors get in.
        while (true) {
            if (call != current || callFailure != null) {
                return;
            }
            if (!current.ended && current.out.isReady()) {
                break;
            }
            changed.awaitNanos(1_000_000); // an ended call: its listener records why in a moment
        }
        batch.sent = true;
        batch.attempts++;
        try (ArrowRecordBatch data = new VectorUnloader(batch.root()).getRecordBatch()) {
            new VectorLoader(current.root).load(data);
        }
        byte[] metadata = IngestWire.batchMetadata(batch.sequence(), batch.firstRow());
        ArrowBuf buffer = allocator.buffer(metadata.length);
        buffer.writeBytes(metadata);
        // putNext itself spins until gRPC is ready, which it never is again once the server ended the
        // call between the check above and here (e.g. it refused a batch): the call's end reaches
        // the listener (Listener.isCancelled stops the spin) only after the acknowledgements before
        // it, and those need the lock. Only this thread writes to the call, so the lock can go.
        RuntimeException failure = null;
        lock.unlock();
        try {
            current.out.putNext(buffer);
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            lock.lock();
        }
        if (failure != null && callFailure == null) {
            callFailure = failure;
        }
    }

    /** Ends the current call normally (every batch on it was acknowledged). */
    private void endCall() {
        if (call == null) {
            return;
        }
        Call ended = call;
        call = null;
        generation++;
        lastCall = ended;
        try {
            ended.out.completed();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "Completing an ingest call of stream '" + streamId + "' failed: " + e);
        }
        ended.root.close();
    }

    private void abandonCall(Throwable cause) {
        if (call == null) {
            return;
        }
        Call abandoned = call;
        call = null;
        generation++;
        lastCall = abandoned;
        try {
            abandoned.out.error(cause == null ? new IllegalStateException("stream closed") : cause);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "Cancelling an ingest call of stream '" + streamId + "' failed: " + e);
        }
        abandoned.root.close();
    }

    private void handleFailure() throws InterruptedException {
        Throwable failure = callFailure;
        callFailure = null;
        abandonCall(failure);
        FlockException error = toFlock(failure);
        IngestStatus status = classify(error);
        SealedBatch head = queue.peekFirst();
        boolean throttled = status == IngestStatus.THROTTLED;
        for (SealedBatch batch : queue) {
            if (throttled && batch.sent) {
                // sent on the throttled call: its next send is the throttle's, not an attempt of its own
                batch.throttled++;
            }
            batch.sent = false;
        }
        if (head == null) {
            return;
        }
        int counted = head.attempts - head.throttled;
        // another client resumed the stream: sending again cannot succeed
        boolean fenced = FENCED.equals(error.errorName());
        if (!fenced && options.retryStatuses().contains(status) && options.retry()
                && (throttled || counted < options.maxAttempts())) {
            retries++;
            Duration wait = options.backoffAfter(throttled ? head.throttled : counted);
            LOG.log(Level.DEBUG, () -> "Batch " + head.sequence() + " of stream '" + streamId + "' failed (" + status
                    + (throttled ? ", throttled " + head.throttled + " times, not counted as attempts"
                    : ", attempt " + counted + " of " + options.maxAttempts()) + "): " + error.getMessage()
                    + "; sending again in " + wait.toMillis() + " ms");
            long deadline = System.nanoTime() + wait.toNanos();
            for (long left = wait.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                changed.awaitNanos(left);
            }
            transport.resetConnectBackoff();
            return;
        }
        queue.removeFirst();
        head.failed(new IngestFailure(status, error, head.attempts));
        onDone.accept(head);
        if (options.stopOnFailure()) {
            stoppedBy = head;
            while (!queue.isEmpty()) {
                discard(queue.removeFirst());
            }
        }
        changed.signalAll();
    }

    /** Fails a batch unsent because {@link #stoppedBy} failed (stopOnFailure); none of it was applied. */
    private void discard(SealedBatch batch) {
        FlockException error = new FlockException("Not sent: batch " + stoppedBy.sequence() + " of ingest stream '"
                + streamId + "' before it failed, and the stream stops at a failure (stopOnFailure)", null,
                FlockException.UNKNOWN_CODE, "NOT_SENT", FlockErrorType.EXTERNAL, "XX000", false, null);
        batch.failed(new IngestFailure(IngestStatus.FAILED, error, batch.attempts));
        onDone.accept(batch);
    }

    static FlockException toFlock(Throwable failure) {
        if (failure instanceof FlockException flock) {
            return flock;
        }
        FlightRuntimeException flight = failure instanceof FlightRuntimeException f ? f : StatusUtils.fromThrowable(failure);
        FlockException mapped = ErrorMapper.map(flight);
        if (ErrorMapper.isUnavailable(flight) && !(mapped instanceof FlockConnectionException)) {
            return new FlockConnectionException(mapped.getMessage(), null, mapped.errorCode(), mapped.errorName(),
                    FlockErrorType.EXTERNAL, "08006", true, failure);
        }
        return mapped;
    }

    /** The status of a failed call: what the retry options decide on. */
    /** The error of a call whose stream another client opened since (server error STREAM_FENCED). */
    private static final String FENCED = "STREAM_FENCED";

    static IngestStatus classify(FlockException error) {
        if (error instanceof FlockThrottledException) {
            return IngestStatus.THROTTLED;
        }
        if (error instanceof FlockConnectionException || error.errorName().equals("TRANSACTION_CONFLICT")
                || error.errorName().equals(FENCED)
                || error.errorName().equals("SERVER_SHUTTING_DOWN")) {
            return IngestStatus.FAILED;
        }
        return switch (error.errorType()) {
            case USER_ERROR -> IngestStatus.PRECHECK_FAILED;
            case INTERNAL_ERROR -> IngestStatus.INTERNAL_ERROR;
            default -> IngestStatus.FAILED;
        };
    }

    /** Waits for every batch (retries included), ends the call and stops the sender thread. */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join();
            // The server may still be delivering the last call's end: its acknowledgements are
            // buffers of the client's allocator until Flight frees them after our callback returns.
            Call last = lastCall;
            if (last != null && !last.finished.await(CALL_END_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.DEBUG, () -> "The last ingest call of stream '" + streamId + "' did not end within "
                        + CALL_END_WAIT.toMillis() + " ms of closing");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acknowledge(long id, PutResult result) {
        ArrowBuf metadata = result.getApplicationMetadata();
        byte[] bytes = null;
        if (metadata != null) {
            bytes = new byte[(int) Math.max(metadata.readableBytes(), 0)];
            if (bytes.length == 0) {
                bytes = new byte[(int) metadata.capacity()];
            }
            metadata.getBytes(0, bytes);
        }
        IngestWire.Ack ack = IngestWire.Ack.parse(bytes);
        lock.lock();
        try {
            if (id != generation) {
                return;
            }
            SealedBatch head = queue.peekFirst();
            if (head == null || head.sequence() != ack.sequence() || !head.sent) {
                callFailure = new IllegalStateException("The server acknowledged batch " + ack.sequence()
                        + " of stream '" + streamId + "' out of order (expected " + (head == null ? "none"
                        : head.sequence()) + ")");
            } else {
                queue.removeFirst();
                head.acknowledged(ack.rows(), ack.duplicate());
                onDone.accept(head);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void callEnded(long id, Throwable error) {
        lock.lock();
        try {
            if (id != generation) {
                return;
            }
            if (error != null) {
                callFailure = error;
            } else {
                callFailure = new FlockConnectionException("The server ended the ingest call of stream '" + streamId
                        + "' before acknowledging every batch", null, FlockException.UNKNOWN_CODE, "UNAVAILABLE",
                        FlockErrorType.EXTERNAL, "08006", true, null);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static final class Call {
        final long id;
        final Schema schema;
        final VectorSchemaRoot root;
        FlightClient.ClientStreamListener out;
        /** Set by the call's listener (without the lock) once the server ended it. */
        volatile boolean ended;
        /** Counted down once the call's last callback returned (Flight has then freed its results). */
        final CountDownLatch finished = new CountDownLatch(1);

        Call(long id, Schema schema, VectorSchemaRoot root) {
            this.id = id;
            this.schema = schema;
            this.root = root;
        }
    }

    private final class Listener implements FlightClient.PutListener {
        private final Call call;
        private final long id;

        Listener(Call call) {
            this.call = call;
            this.id = call.id;
        }

        @Override
        public void getResult() {
        }

        @Override
        public void onNext(PutResult result) {
            acknowledge(id, result); // Flight closes the result afterwards
        }

        @Override
        public void onError(Throwable t) {
            call.ended = true;
            try {
                callEnded(id, t);
            } finally {
                call.finished.countDown();
            }
        }

        @Override
        public void onCompleted() {
            call.ended = true;
            try {
                callEnded(id, null);
            } finally {
                call.finished.countDown();
            }
        }

        /** Ends Flight's wait for a ready stream in {@code putNext} once the server ended the call. */
        @Override
        public boolean isCancelled() {
            return call.ended;
        }
    }
}
