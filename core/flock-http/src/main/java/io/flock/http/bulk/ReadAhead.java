package io.flock.http.bulk;

import static java.util.Objects.requireNonNull;

import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Reads a channel on a thread of its own into a bounded set of chunks, so its writer and its
 * consumer run at the same time: an export's pipe holds only 64 KiB, and without this DuckDB would
 * wait on the pipe whenever the HTTP thread is busy sending. The chunks are direct buffers, read
 * into and sent from without copies through the Java heap, and reused: the consumer hands each one
 * back with {@link #recycle} once it is sent. Memory: at most {@code chunks} buffers of
 * {@code chunkSize} bytes, allocated as needed.
 *
 * <p>One consumer thread calls {@link #next} and {@link #recycle}; {@link #close} from that thread
 * stops the reading.
 */
final class ReadAhead implements AutoCloseable {
    private static final ByteBuffer END = ByteBuffer.allocate(0);
    private static final long WAIT_MILLIS = 50;

    private final ReadableByteChannel in;
    private final int chunkSize;
    private final BlockingQueue<ByteBuffer> filled;
    private final BlockingQueue<ByteBuffer> free;
    private final Future<?> reader;
    private volatile boolean closed;
    private volatile IOException failure;
    private int allocated;
    private final int maxChunks;
    private boolean ended;

    private ReadAhead(ReadableByteChannel in, int chunks, int chunkSize, ExecutorService executor) {
        if (chunks < 2) {
            throw new IllegalArgumentException("A read-ahead needs at least 2 chunks, not " + chunks);
        }
        this.in = requireNonNull(in, "in is null");
        this.chunkSize = chunkSize;
        this.maxChunks = chunks;
        // room for every chunk and the end marker: the reader never waits to hand a chunk over
        this.filled = new ArrayBlockingQueue<>(chunks + 1);
        this.free = new ArrayBlockingQueue<>(chunks);
        this.reader = executor.submit(this::read);
    }

    /**
     * Starts reading {@code in} into at most {@code chunks} chunks of {@code chunkSize} bytes, read
     * but not yet recycled by the consumer; closing the returned object closes {@code in}.
     */
    static ReadAhead start(ReadableByteChannel in, int chunks, int chunkSize, ExecutorService executor) {
        return new ReadAhead(in, chunks, chunkSize, executor);
    }

    private void read() {
        try {
            while (!closed) {
                ByteBuffer chunk = freeChunk();
                if (chunk == null) {
                    break;
                }
                while (chunk.hasRemaining() && in.read(chunk) >= 0) {
                    // a pipe answers at most what it holds: fill the chunk, so each send is large
                }
                chunk.flip();
                if (!chunk.hasRemaining()) {
                    break;
                }
                filled.add(chunk);
                if (chunk.limit() < chunk.capacity()) {
                    break;
                }
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            filled.add(END);
        }
    }

    /** A chunk to read into: a recycled one, or a new one while fewer than the maximum exist; null once closed. */
    private ByteBuffer freeChunk() {
        ByteBuffer chunk = free.poll();
        if (chunk != null) {
            return chunk;
        }
        synchronized (this) {
            if (allocated < maxChunks) {
                allocated++;
                return ByteBuffer.allocateDirect(chunkSize);
            }
        }
        try {
            while (!closed) {
                chunk = free.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
                if (chunk != null) {
                    return chunk;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
        return null;
    }

    /**
     * The next chunk, positioned at its data, or null at the end of the stream (and on every call
     * after); fails as reading it did. Hand it back with {@link #recycle} once sent.
     */
    ByteBuffer next() throws IOException {
        if (ended) {
            return null;
        }
        ByteBuffer chunk;
        try {
            chunk = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlockException(ErrorCode.SERVER_SHUTTING_DOWN, "The export was interrupted: the server is"
                    + " shutting down");
        }
        if (chunk == END) {
            ended = true;
            if (failure != null) {
                throw failure;
            }
            return null;
        }
        return chunk;
    }

    /** Gives a chunk from {@link #next} back for reading into. */
    void recycle(ByteBuffer chunk) {
        chunk.clear();
        free.offer(chunk);
    }

    /** Stops reading, closes the channel and waits for the reading thread. */
    @Override
    public void close() throws IOException {
        closed = true;
        try {
            in.close();
        } finally {
            try {
                reader.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                // read() catches what reading raises
            } finally {
                filled.clear();
                free.clear();
            }
        }
    }
}
