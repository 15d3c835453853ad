package io.flock.http.bulk;

import static java.util.Objects.requireNonNull;

import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Reads a stream on a thread of its own into a bounded queue of chunks, so its writer and its
 * consumer run at the same time: an export's pipe holds only 64 KiB, and without this DuckDB would
 * wait on the pipe whenever the HTTP thread is busy sending. Memory: at most {@code chunksAhead}
 * chunks of {@code chunkSize} bytes.
 *
 * <p>One consumer thread calls {@link #next}; {@link #close} from that thread stops the reading.
 */
final class ReadAhead implements AutoCloseable {
    private static final byte[] END = new byte[0];
    private static final long OFFER_WAIT_MILLIS = 50;

    private final InputStream in;
    private final BlockingQueue<byte[]> chunks;
    private final Future<?> reader;
    private volatile boolean closed;
    private volatile IOException failure;
    private boolean ended;

    private ReadAhead(InputStream in, int chunksAhead, int chunkSize, ExecutorService executor) {
        this.in = requireNonNull(in, "in is null");
        this.chunks = new ArrayBlockingQueue<>(chunksAhead);
        this.reader = executor.submit(() -> read(chunkSize));
    }

    /** Starts reading {@code in}; closing the returned object closes {@code in}. */
    static ReadAhead start(InputStream in, int chunksAhead, int chunkSize, ExecutorService executor) {
        return new ReadAhead(in, chunksAhead, chunkSize, executor);
    }

    private void read(int chunkSize) {
        try {
            while (!closed) {
                byte[] chunk = in.readNBytes(chunkSize);
                if (chunk.length == 0) {
                    break;
                }
                put(chunk);
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            put(END);
        }
    }

    private void put(byte[] chunk) {
        try {
            while (!closed && !chunks.offer(chunk, OFFER_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                // the consumer is sending; wait for room unless it gave up
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** The next chunk, or null at the end of the stream (and on every call after); fails as reading it did. */
    byte[] next() throws IOException {
        if (ended) {
            return null;
        }
        byte[] chunk;
        try {
            chunk = chunks.take();
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

    /** Stops reading, closes the stream and waits for the reading thread. */
    @Override
    public void close() throws IOException {
        closed = true;
        try {
            in.close();
        } finally {
            chunks.clear();
            try {
                reader.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                // read() catches what reading raises
            }
        }
    }
}
