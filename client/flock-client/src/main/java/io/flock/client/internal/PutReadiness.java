package io.flock.client.internal;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.arrow.flight.OutboundStreamListener;

/**
 * Waits, without spinning, until a client-side Flight upload stream can take a message.
 *
 * <p>Arrow's {@code putNext} waits for readiness in a busy loop, and a client stream cannot get
 * gRPC's on-ready callback once the call has started. On a small machine several uploading
 * threads spinning take the cores from the event loop that makes their streams ready. Calling
 * this first, {@code putNext} finds the stream ready: the wait here parks the thread, starting at
 * a few microseconds (a new stream is usually ready almost at once) and backing off to a
 * millisecond (a stream held back by flow control waits for the server to read).
 */
public final class PutReadiness {
    private static final long FIRST_PARK_NANOS = 2_000;
    private static final long LONGEST_PARK_NANOS = 1_000_000;

    private PutReadiness() {}

    /**
     * Returns once {@code stream} is ready for the next message, the call has {@code ended} (the
     * server answered or failed it: {@code putNext} then fails or is ignored, as Arrow does), or the
     * calling thread was interrupted.
     */
    public static void await(OutboundStreamListener stream, BooleanSupplier ended) {
        long park = FIRST_PARK_NANOS;
        while (!stream.isReady() && !ended.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(park);
            park = Math.min(park * 2, LONGEST_PARK_NANOS);
        }
    }
}
