package io.flock.engine.query;

import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds how many queries run at once and how many may wait. A query beyond both limits is
 * refused at once with TOO_MANY_QUERIES (gRPC RESOURCE_EXHAUSTED), never queued without bound.
 *
 * <p>Thread-safe.
 */
public final class Admission {
    private final int maxRunning;
    private final int maxQueued;
    private final Duration maxWait;
    private final Semaphore running;
    private final AtomicInteger queued = new AtomicInteger();

    public Admission(int maxRunning, int maxQueued, Duration maxWait) {
        this.maxRunning = maxRunning;
        this.maxQueued = maxQueued;
        this.maxWait = maxWait;
        this.running = new Semaphore(maxRunning, true);
    }

    /** Takes a slot, waiting in the bounded queue if all are busy. Release it exactly once. */
    public void acquire() {
        if (queued.get() == 0 && running.tryAcquire()) {
            return; // no one waits: take a free slot at once (waiters keep their turn otherwise)
        }
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            throw new FlockException(ErrorCode.TOO_MANY_QUERIES, "Server is busy: " + maxRunning
                    + " queries are running and " + maxQueued + " are queued; retry later");
        }
        try {
            if (!running.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new FlockException(ErrorCode.TOO_MANY_QUERIES, "Server is busy: no query slot became free within "
                        + maxWait.toMillis() + " ms (" + maxRunning + " queries running); retry later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlockException(ErrorCode.QUERY_CANCELLED, "Interrupted while queued", e);
        } finally {
            queued.decrementAndGet();
        }
    }

    public void release() {
        running.release();
    }

    public int running() {
        return maxRunning - running.availablePermits();
    }

    public int queued() {
        return queued.get();
    }
}
